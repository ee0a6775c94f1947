import type { ActorDocument } from '../actor/actor.model';
import { claimPath } from '../provenance/claim-path';
import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';
import { toXsdDateTime } from './dates';
import { RECORD_BASE_IRI, VOCABULARY_BASE_IRI } from './identifiers';
import { MAX_CHAIN_DEPTH, type ArticleGraph } from './load-article-graph';
import {
  qualifiedNameValue,
  type ProvAttributes,
  type ProvJsonDocument,
  type ProvRelationSection,
  type ProvSection,
  type ProvValue,
} from './prov-json';
import { schemaOrgTypeOfReport } from './schema-org-types';

/*
 * Why PROV-JSON rather than PROV-O in JSON-LD: PROV-JSON is a one-to-one serialisation of PROV-DM,
 * with one named section per relation whose required keys are fixed (wasAttributedTo has
 * prov:entity and prov:agent...), so a consumer reads it, and a test checks it, as plain JSON
 * without an RDF toolchain or a remote JSON-LD context; the PROV toolbox and the Python `prov`
 * package read and convert it to PROV-O/PROV-N/PROV-XML. PROV-O's shortcuts map as follows:
 * prov:generatedAtTime is a wasGeneratedBy record with prov:time and no activity, and
 * prov:wasQuotedFrom is a wasDerivedFrom record typed prov:Quotation.
 *
 * The mapping (documented in README "Exports"):
 * - the article, each statement and each report are entities; each actor is an agent, typed
 *   prov:Person for PERSON and prov:Organization otherwise, with our kind as agv:kind;
 * - the article is a prov:Collection that hadMember each statement: the statements are the
 *   attributed claims it carries, not material it was derived from (that is what the reports are);
 * - statement wasAttributedTo each speaker; statement wasDerivedFrom its via report, typed
 *   prov:Quotation when the article quotes the words (DIRECT or PARTIAL);
 * - report wasAttributedTo its publisher and wasDerivedFrom each report it relays;
 * - report wasInfluencedBy each source actor it cites (typed agv:CitedSource): a cited source
 *   shaped the report but did not author it, so attribution would overstate it;
 * - those two are the report-level view (for any claim the report carries); each statement's own
 *   path adds the same relations qualified by `agv:claim` (the statement): for that claim, this
 *   report relayed that report and cited that source. PROV qualifies an influence by attributes
 *   of its relation record, which is what these are;
 * - statement wasInfluencedBy the statement it answers (typed agv:Response), when that one is in
 *   the same article; agv:respondsTo names it in every case;
 * - each actor actedOnBehalfOf its affiliation, for every link of every chain the loader followed;
 * - publishedAt (article, report) and madeAt (statement) are wasGeneratedBy times.
 */

const PREFIXES = {
  ag: RECORD_BASE_IRI,
  agv: VOCABULARY_BASE_IRI,
  schema: 'https://schema.org/',
} as const;

/** Short names of unnamed relation records, `_:att1`, as PROV-JSON writes blank identifiers. */
const RELATION_ID_PREFIX: Readonly<Record<ProvRelationSection, string>> = {
  wasGeneratedBy: 'gen',
  wasAttributedTo: 'att',
  wasDerivedFrom: 'der',
  wasInfluencedBy: 'inf',
  actedOnBehalfOf: 'del',
  hadMember: 'mem',
};

const QUOTED_KINDS = new Set<StatementDocument['quoteKind']>(['DIRECT', 'PARTIAL']);

/** The qualified name of a record in the document: `ag:<id>`. */
export function provQualifiedName(id: string): string {
  return `ag:${id}`;
}

/** The article's attribution graph as a PROV-JSON document. Pure: no store, no clock. */
export function toProvJson(graph: ArticleGraph): ProvJsonDocument {
  const records = new ProvRecords();
  const article = graph.article;
  const inArticle = new Set(graph.statements.map((statement) => statement._id));
  const articleName = provQualifiedName(article._id);

  records.element('entity', articleName, {
    'prov:type': [qualifiedNameValue('prov:Collection'), qualifiedNameValue('schema:NewsArticle')],
    'prov:label': article.title,
    'agv:language': article.language,
    'agv:url': article.url === null ? null : { $: article.url, type: 'xsd:anyURI' },
    'agv:credit': article.credits,
  });
  generatedAt(records, articleName, article.publishedAt);
  attributedTo(records, articleName, article.publisherId, graph);

  for (const statement of graph.statements) {
    const name = provQualifiedName(statement._id);
    records.element('entity', name, {
      'prov:type': qualifiedNameValue('schema:Claim'),
      'prov:label': statement.claim,
      'agv:claim': statement.claim,
      'agv:quote': statement.quotes,
      'agv:quoteKind': statement.quoteKind,
      'agv:stance': statement.stance,
      'agv:venue': statement.venue,
      'agv:respondsTo': statement.respondsToId === null ? null : qualifiedNameValue(provQualifiedName(statement.respondsToId)),
    });
    records.relation('hadMember', { 'prov:collection': articleName, 'prov:entity': name });
    generatedAt(records, name, statement.madeAt);
    for (const speakerId of statement.speakerIds) attributedTo(records, name, speakerId, graph);
    if (statement.viaId !== null && graph.reports.has(statement.viaId)) {
      records.relation('wasDerivedFrom', {
        'prov:generatedEntity': name,
        'prov:usedEntity': provQualifiedName(statement.viaId),
        'prov:type': QUOTED_KINDS.has(statement.quoteKind) ? qualifiedNameValue('prov:Quotation') : null,
      });
    }
    declareClaimPath(records, statement, graph);
    if (statement.respondsToReportId !== null && graph.reports.has(statement.respondsToReportId)) {
      records.relation('wasInfluencedBy', {
        'prov:influencee': name,
        'prov:influencer': provQualifiedName(statement.respondsToReportId),
        'prov:type': qualifiedNameValue('agv:Response'),
      });
    }
    if (statement.respondsToId !== null && inArticle.has(statement.respondsToId)) {
      records.relation('wasInfluencedBy', {
        'prov:influencee': name,
        'prov:influencer': provQualifiedName(statement.respondsToId),
        'prov:type': qualifiedNameValue('agv:Response'),
      });
    }
  }

  for (const report of sortedById(graph.reports)) declareReport(records, report, graph);
  for (const actor of sortedById(graph.actors)) declareActor(records, actor, graph);
  return records.document(PREFIXES);
}

/** The statement's own path: per report on it, what it relayed and cited for this claim, qualified by `agv:claim`. */
function declareClaimPath(records: ProvRecords, statement: StatementDocument, graph: ArticleGraph): void {
  const claim = qualifiedNameValue(provQualifiedName(statement._id));
  for (const hop of claimPath(statement, graph.reports, MAX_CHAIN_DEPTH)) {
    const name = provQualifiedName(hop.report._id);
    for (const relayedId of hop.relayIds) {
      if (graph.reports.has(relayedId)) records.relation('wasDerivedFrom', { 'prov:generatedEntity': name, 'prov:usedEntity': provQualifiedName(relayedId), 'agv:claim': claim });
    }
    for (const sourceId of hop.sourceIds) {
      if (!graph.actors.has(sourceId)) continue;
      records.relation('wasInfluencedBy', { 'prov:influencee': name, 'prov:influencer': provQualifiedName(sourceId), 'prov:type': qualifiedNameValue('agv:CitedSource'), 'agv:claim': claim });
    }
  }
}

function declareReport(records: ProvRecords, report: ReportDocument, graph: ArticleGraph): void {
  const name = provQualifiedName(report._id);
  records.element('entity', name, {
    'prov:type': qualifiedNameValue(`schema:${schemaOrgTypeOfReport(report.kind)}`),
    'prov:label': report.title ?? report.summary ?? report.kind,
    'agv:kind': report.kind,
    'agv:summary': report.summary,
    'agv:url': report.url === null ? null : { $: report.url, type: 'xsd:anyURI' },
    'agv:status': report.status,
    'agv:seenBy': report.seenById === null ? null : qualifiedNameValue(provQualifiedName(report.seenById)),
  });
  generatedAt(records, name, report.publishedAt);
  attributedTo(records, name, report.publisherId, graph);
  for (const relayedId of report.relayIds) {
    if (!graph.reports.has(relayedId)) continue;
    records.relation('wasDerivedFrom', { 'prov:generatedEntity': name, 'prov:usedEntity': provQualifiedName(relayedId) });
  }
  for (const sourceId of report.sourceIds) {
    if (!graph.actors.has(sourceId)) continue;
    records.relation('wasInfluencedBy', {
      'prov:influencee': name,
      'prov:influencer': provQualifiedName(sourceId),
      'prov:type': qualifiedNameValue('agv:CitedSource'),
    });
  }
}

function declareActor(records: ProvRecords, actor: ActorDocument, graph: ArticleGraph): void {
  const name = provQualifiedName(actor._id);
  records.element('agent', name, {
    'prov:type': qualifiedNameValue(actor.kind === 'PERSON' ? 'prov:Person' : 'prov:Organization'),
    'prov:label': actor.name,
    'agv:kind': actor.kind,
    'agv:named': actor.named,
    'agv:role': actor.role,
    'agv:country': actor.country,
    'agv:alias': actor.aliases,
    'agv:headcount': actor.headcount,
  });
  if (actor.affiliationId !== null && graph.actors.has(actor.affiliationId)) {
    records.relation('actedOnBehalfOf', { 'prov:delegate': name, 'prov:responsible': provQualifiedName(actor.affiliationId) });
  }
}

function generatedAt(records: ProvRecords, entity: string, date: Date | null): void {
  if (date) records.relation('wasGeneratedBy', { 'prov:entity': entity, 'prov:time': toXsdDateTime(date) });
}

/** Attribution to an actor the loader found; a reference it could not follow is left out. */
function attributedTo(records: ProvRecords, entity: string, actorId: string | null, graph: ArticleGraph): void {
  if (actorId !== null && graph.actors.has(actorId)) {
    records.relation('wasAttributedTo', { 'prov:entity': entity, 'prov:agent': provQualifiedName(actorId) });
  }
}

function sortedById<T extends { _id: string }>(documents: ReadonlyMap<string, T>): T[] {
  return [...documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

type AttributeInput = Readonly<Record<string, ProvValue | readonly ProvValue[] | null>>;

/** Collects records by section, numbering unnamed relations; absent and empty values are left out. */
class ProvRecords {
  private readonly sections: { [section in ProvSection]: Record<string, ProvAttributes> } = {
    entity: {},
    agent: {},
    wasGeneratedBy: {},
    wasAttributedTo: {},
    wasDerivedFrom: {},
    wasInfluencedBy: {},
    actedOnBehalfOf: {},
    hadMember: {},
  };
  private readonly counters = new Map<ProvRelationSection, number>();

  element(section: 'entity' | 'agent', name: string, attributes: AttributeInput): void {
    this.sections[section][name] = present(attributes);
  }

  relation(section: ProvRelationSection, attributes: AttributeInput): void {
    const next = (this.counters.get(section) ?? 0) + 1;
    this.counters.set(section, next);
    this.sections[section][`_:${RELATION_ID_PREFIX[section]}${next}`] = present(attributes);
  }

  document(prefix: Readonly<Record<string, string>>): ProvJsonDocument {
    return { prefix, ...this.sections };
  }
}

function present(attributes: AttributeInput): ProvAttributes {
  const kept: Record<string, ProvValue | readonly ProvValue[]> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    kept[key] = value;
  }
  return kept;
}
