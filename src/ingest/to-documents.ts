import type { ActorDocument } from '../actor/actor.model';
import type { ArticleDocument } from '../article/article.model';
import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';
import type { ActorRecord, ArticleRecord, ReportRecord, StatementRecord } from './bundle.schema';

/** `2024-10-21` is midnight UTC of that day; date-times keep their instant. */
function toDate(value: string | undefined): Date | null {
  return value === undefined ? null : new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
}

/** Stored documents spell every optional field, as null, so both engines hold the same shape. */
export function actorDocument(record: ActorRecord): ActorDocument {
  return {
    _id: record.id,
    name: record.name,
    kind: record.kind,
    named: record.named,
    role: record.role ?? null,
    affiliationId: record.affiliationId ?? null,
    country: record.country ?? null,
    aliases: record.aliases ?? [],
  };
}

export function reportDocument(record: ReportRecord): ReportDocument {
  return {
    _id: record.id,
    kind: record.kind,
    title: record.title ?? null,
    summary: record.summary ?? null,
    publisherId: record.publisherId ?? null,
    publishedAt: toDate(record.publishedAt),
    url: record.url ?? null,
    sourceIds: record.sourceIds,
    relayIds: record.relayIds,
  };
}

export function articleDocument(record: ArticleRecord): ArticleDocument {
  return {
    _id: record.id,
    title: record.title,
    publisherId: record.publisherId ?? null,
    publishedAt: toDate(record.publishedAt),
    url: record.url ?? null,
    language: record.language,
    body: record.body,
    credits: record.credits ?? [],
  };
}

export function statementDocument(record: StatementRecord): StatementDocument {
  return {
    _id: record.id,
    articleId: record.articleId,
    position: Math.min(...record.evidence.map((span) => span.start)),
    claim: record.claim,
    quote: record.quote ?? null,
    quoteKind: record.quoteKind,
    speakerIds: record.speakerIds,
    stance: record.stance,
    viaId: record.viaId ?? null,
    respondsToId: record.respondsToId ?? null,
    madeAt: toDate(record.madeAt),
    venue: record.venue ?? null,
    evidence: record.evidence.map(({ start, end, text }) => ({ start, end, text })),
  };
}
