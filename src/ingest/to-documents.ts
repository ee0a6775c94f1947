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
    headcount: record.headcount ?? null,
  };
}

/** What a bundle's statements cite and relay, per report, for their own claims. */
export type ClaimLinks = ReadonlyMap<string, { sourceIds: readonly string[]; relayIds: readonly string[] }>;

/** The links each report carries for the claims of `statements`, from their derivations. */
export function claimLinksOf(statements: readonly StatementRecord[]): ClaimLinks {
  const links = new Map<string, { sourceIds: string[]; relayIds: string[] }>();
  for (const statement of statements) {
    for (const step of statement.derivations ?? []) {
      const entry = links.get(step.reportId) ?? { sourceIds: [], relayIds: [] };
      entry.sourceIds.push(...step.sourceIds);
      entry.relayIds.push(...step.relayIds);
      links.set(step.reportId, entry);
    }
  }
  return links;
}

/** The record's own ids followed by those the claims add, each once, in first-seen order. */
function union(own: string[], added: readonly string[] | undefined): string[] {
  return added === undefined || added.length === 0 ? own : [...new Set([...own, ...added])];
}

/**
 * A report's links are the report-level view: what it cites and relays for all its claims
 * (the record's own lists) joined with what it cites and relays for each claim of the same
 * bundle (`claimLinks`), so `Report.sources`, `relays`, `relayedBy` and `citedBy` cover every path.
 */
export function reportDocument(record: ReportRecord, claimLinks: ClaimLinks = new Map()): ReportDocument {
  const claims = claimLinks.get(record.id);
  return {
    _id: record.id,
    kind: record.kind,
    title: record.title ?? null,
    summary: record.summary ?? null,
    publisherId: record.publisherId ?? null,
    publishedAt: toDate(record.publishedAt),
    url: record.url ?? null,
    status: record.status ?? 'PUBLISHED',
    seenById: record.seenById ?? null,
    sourceIds: union(record.sourceIds, claims?.sourceIds),
    relayIds: union(record.relayIds, claims?.relayIds),
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
    quotes: record.quotes ?? (record.quote === undefined ? [] : [record.quote]),
    quoteKind: record.quoteKind,
    speakerIds: record.speakerIds,
    stance: record.stance,
    viaId: record.viaId ?? null,
    derivations: (record.derivations ?? []).map(({ reportId, sourceIds, relayIds }) => ({ reportId, sourceIds, relayIds })),
    respondsToId: record.respondsToId ?? null,
    respondsToReportId: record.respondsToReportId ?? null,
    madeAt: toDate(record.madeAt),
    venue: record.venue ?? null,
    evidence: record.evidence.map(({ start, end, text }) => ({ start, end, text })),
  };
}
