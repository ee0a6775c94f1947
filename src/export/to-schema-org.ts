import { claimLinksAt } from '../provenance/claim-path';
import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';
import { toSchemaOrgDate } from './dates';
import { recordIri } from './identifiers';
import { jsonLdNode, type JsonLdNode, type JsonLdValue } from './json-ld';
import type { ArticleGraph } from './load-article-graph';
import { originalReportOf } from './original-report';
import { reportKindInWords, schemaOrgTypeOfActor, schemaOrgTypeOfReport } from './schema-org-types';

/*
 * One schema.org Claim per statement, each self-contained (nested nodes rather than references),
 * as ClaimReview consumers read them; a node that appears under several claims carries the same
 * `@id` each time, so a JSON-LD processor merges the copies into one. The mapping:
 * - `text` is the claim in neutral words; `author` the speakers (always a list); `dateCreated`
 *   when it was said (madeAt), a Date for a day;
 * - an actor is a Person or an Organization (GovernmentOrganization, NewsMediaOrganization when
 *   the kind says so); an unnamed actor ("a government source") gets a `description` and no
 *   `name`, since what we call it is not its name; a person's affiliation chain is `affiliation`,
 *   an organization's is `parentOrganization` (an agency, a delegation, state media are parts of
 *   the state they speak for);
 * - `appearance` is the article (NewsArticle), `isBasedOn` the via report, which `isBasedOn` the
 *   reports it relays for this claim (the claim's own path, not every report the via report
 *   relays), so the whole "through whom" chain is in the claim; `firstAppearance` is the
 *   report at the end of that chain (see originalReportOf);
 * - the speaker's verbatim words, when the article quotes them, are Quotations in `citation`,
 *   one per quoted fragment.
 */

/** The schema.org context: an identifier that JSON-LD processors know; nothing is fetched here. */
export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

/** A JSON-LD document of schema.org Claims. */
export interface SchemaOrgClaimsDocument {
  readonly '@context': typeof SCHEMA_ORG_CONTEXT;
  readonly '@graph': readonly JsonLdNode[];
}

/** The article's statements as schema.org Claims in one JSON-LD document. Pure: no store, no clock. */
export function toSchemaOrgClaims(graph: ArticleGraph): SchemaOrgClaimsDocument {
  return { '@context': SCHEMA_ORG_CONTEXT, '@graph': graph.statements.map((statement) => claimNode(statement, graph)) };
}

function claimNode(statement: StatementDocument, graph: ArticleGraph): JsonLdNode {
  const authors = statement.speakerIds.flatMap((id) => optional(actorNode(id, graph, new Set())));
  const original = originalReportOf(statement, graph.reports);
  return jsonLdNode({
    '@id': recordIri(statement._id),
    '@type': 'Claim',
    text: statement.claim,
    author: authors,
    dateCreated: statement.madeAt ? toSchemaOrgDate(statement.madeAt) : null,
    appearance: articleNode(statement, graph),
    firstAppearance: original ? reportNode(original._id, statement, graph, new Set()) : null,
    citation: statement.quotes.length === 0 ? null : statement.quotes.map((quote) => quotationNode(quote, statement, authors, graph)),
  });
}

function articleNode(statement: StatementDocument, graph: ArticleGraph): JsonLdNode {
  const article = graph.article;
  return jsonLdNode({
    '@id': recordIri(article._id),
    '@type': 'NewsArticle',
    headline: article.title,
    publisher: article.publisherId === null ? null : actorNode(article.publisherId, graph, new Set()),
    datePublished: article.publishedAt ? toSchemaOrgDate(article.publishedAt) : null,
    url: article.url,
    inLanguage: article.language,
    isBasedOn: statement.viaId === null ? null : reportNode(statement.viaId, statement, graph, new Set()),
  });
}

/**
 * The words as quoted, credited to the speakers, part of the article and based on the via report.
 * Those nodes are already in the claim, so the quotation refers to them by `@id` only.
 */
function quotationNode(quote: string, statement: StatementDocument, authors: readonly JsonLdNode[], graph: ArticleGraph): JsonLdNode {
  return jsonLdNode({
    '@type': 'Quotation',
    text: quote,
    creator: authors.map((author) => jsonLdNode({ '@id': author['@id'] })),
    isPartOf: { '@id': recordIri(statement.articleId) },
    isBasedOn: statement.viaId === null || !graph.reports.has(statement.viaId) ? null : { '@id': recordIri(statement.viaId) },
  });
}

/** A report with its publisher and, nested, the reports it relays for the statement's claim; `path` stops a loop in bad data. */
function reportNode(id: string, statement: StatementDocument, graph: ArticleGraph, path: ReadonlySet<string>): JsonLdNode | null {
  const report: ReportDocument | undefined = graph.reports.get(id);
  if (!report) return null;
  const below = new Set(path).add(id);
  return jsonLdNode({
    '@id': recordIri(report._id),
    '@type': schemaOrgTypeOfReport(report.kind),
    name: report.title,
    description: report.summary,
    genre: reportKindInWords(report.kind),
    publisher: report.publisherId === null ? null : actorNode(report.publisherId, graph, new Set()),
    datePublished: report.publishedAt ? toSchemaOrgDate(report.publishedAt) : null,
    url: report.url,
    isBasedOn: claimLinksAt(statement, report)
      .relayIds.filter((relayed) => !below.has(relayed))
      .flatMap((relayed) => optional(reportNode(relayed, statement, graph, below))),
  });
}

/** An actor with its whole affiliation chain nested; `path` stops a loop in bad data. */
function actorNode(id: string, graph: ArticleGraph, path: ReadonlySet<string>): JsonLdNode | null {
  const actor = graph.actors.get(id);
  if (!actor) return null;
  const type = schemaOrgTypeOfActor(actor.kind);
  const below = new Set(path).add(id);
  const affiliation =
    actor.affiliationId === null || below.has(actor.affiliationId) ? null : actorNode(actor.affiliationId, graph, below);
  const person = type === 'Person';
  return jsonLdNode({
    '@id': recordIri(actor._id),
    '@type': type,
    name: actor.named ? actor.name : null,
    description: actor.named ? null : actor.name,
    alternateName: actor.aliases,
    jobTitle: person ? actor.role : null,
    [person ? 'affiliation' : 'parentOrganization']: affiliation,
  });
}

function optional<T extends JsonLdValue>(value: T | null): T[] {
  return value === null ? [] : [value];
}
