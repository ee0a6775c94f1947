import { LIST_BOUNDS } from '../list-bounds';
import { MAX_PAGE_SIZE } from '../pagination/page-size';
import { MAX_CHAIN_DEPTH } from '../provenance/provenance.model';
import { STANCES } from '../vocabulary';

/** How many items a plain list field holds at most. */
export type ListSize =
  /** A bound set by the data (`src/list-bounds.ts`) or the vocabulary. */
  | { readonly bound: number }
  /** The value of an argument (its schema default when absent or null), at most `max`. */
  | { readonly argument: string; readonly max: number };

/** What one field adds to an operation's cost beyond the one unit every field costs. */
export interface FieldCost {
  /** Work of resolving the field once: store queries, aggregates, searches. */
  readonly weight?: number;
  /** Plain lists: how many items, each costing its selection. */
  readonly size?: ListSize;
  /** Connections: the work of counting the whole list, added when `totalCount` is selected. */
  readonly countWeight?: number;
}

/** A query over a whole collection: a filtered, ordered scan at worst (about half a second on a loaded 2,000-article corpus). */
const COLLECTION_QUERY = 25_000;
/** Counting a whole collection's matches for `totalCount`: a scan, without the ordering. */
const COLLECTION_COUNT = 15_000;
/** A query on an indexed reference, batched across parents: one share of one store call. */
const BATCHED_QUERY = 10;

/**
 * The cost facts of the schema, keyed by `Type.field`. One unit is one field in the response;
 * every list multiplies its selection by its size. Every plain list and every connection of the
 * schema must be here (the cost model refuses to start otherwise); other fields cost one unit
 * unless listed. Connections (`first`/`last` paging) size their `edges` and `nodes` by the page.
 */
export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  // Corpus-wide work: each call reads a whole collection (or an index over it).
  'Query.articles': { weight: COLLECTION_QUERY, countWeight: COLLECTION_COUNT },
  'Query.statements': { weight: COLLECTION_QUERY, countWeight: COLLECTION_COUNT },
  'Query.actors': { weight: COLLECTION_QUERY, countWeight: COLLECTION_COUNT },
  'Query.reports': { weight: COLLECTION_QUERY, countWeight: COLLECTION_COUNT },
  'Query.search': { weight: 5_000, countWeight: 1_000 },
  // An aggregate over every statement and report: seconds on a 2,000-article corpus when first computed, then cached; four per operation at most.
  'Query.mostCitedSources': { weight: 60_000, size: { argument: 'first', max: MAX_PAGE_SIZE } },

  // Reverse relations: pages on indexed references.
  'Actor.members': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },
  'Actor.statements': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },
  'Actor.reportsPublished': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },
  'Actor.citedBy': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },
  'Report.relayedBy': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },
  'Report.statements': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },
  'Statement.responses': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },
  'Report.responses': { weight: BATCHED_QUERY, countWeight: BATCHED_QUERY },

  // Aggregates over one actor's or one article's statements.
  'Actor.stats': { weight: 1_000 },
  'Article.stats': { weight: 50 },
  'ActorStats.byStance': { size: { bound: STANCES.length } },
  'ActorStats.articles': { size: { argument: 'first', max: MAX_PAGE_SIZE } },
  'ArticleStats.byStance': { size: { bound: STANCES.length } },
  'ArticleStats.bySpeaker': { size: { bound: LIST_BOUNDS.statementsPerArticle * LIST_BOUNDS.speakersPerStatement } },

  // Lists held by one stored document.
  'Article.credits': { size: { bound: LIST_BOUNDS.creditsPerArticle } },
  'Article.statements': { size: { bound: LIST_BOUNDS.statementsPerArticle } },
  'Article.reports': { size: { bound: LIST_BOUNDS.statementsPerArticle } },
  'Statement.speakers': { size: { bound: LIST_BOUNDS.speakersPerStatement } },
  'Statement.evidence': { size: { bound: LIST_BOUNDS.evidencePerStatement } },
  'Statement.quotes': { size: { bound: LIST_BOUNDS.quotesPerStatement } },
  'Statement.derivations': { size: { bound: LIST_BOUNDS.derivationsPerStatement } },
  'Derivation.sources': { size: { bound: LIST_BOUNDS.sourcesPerReport } },
  'Derivation.relays': { size: { bound: LIST_BOUNDS.relaysPerReport } },
  'Actor.aliases': { size: { bound: LIST_BOUNDS.aliasesPerActor } },
  'Report.sources': { size: { bound: LIST_BOUNDS.sourcesPerReport } },
  'Report.relays': { size: { bound: LIST_BOUNDS.relaysPerReport } },

  // Chains: one graph lookup each, as long as the chain (or maxDepth) allows.
  'Statement.attributionPath': { weight: 50 },
  'Report.relayChain': { weight: 20, size: { bound: LIST_BOUNDS.reportsPerRelayChain } },
  'Actor.affiliationChain': { weight: 20, size: { argument: 'maxDepth', max: MAX_CHAIN_DEPTH } },
  'AttributionPath.hops': { size: { bound: LIST_BOUNDS.reportsPerRelayChain } },
  'ReportHop.sources': { size: { bound: LIST_BOUNDS.sourcesPerReport } },
  'ReportHop.relays': { size: { bound: LIST_BOUNDS.relaysPerReport } },
  'AttributionPath.origins': { size: { bound: LIST_BOUNDS.reportsPerRelayChain } },
  'AttributionPath.originalPublishers': { size: { bound: LIST_BOUNDS.reportsPerRelayChain } },
  'AttributionPath.sources': { size: { bound: LIST_BOUNDS.reportsPerRelayChain * LIST_BOUNDS.sourcesPerReport } },
  'AttributionPath.speakers': { size: { bound: LIST_BOUNDS.speakersPerStatement } },
  'SpeakerAffiliation.affiliationChain': { size: { bound: MAX_CHAIN_DEPTH } },
};
