/**
 * The most items a list bounded by stored documents may hold. The query cost estimate
 * (`src/graphql/query-cost.table.ts`) multiplies each plain list by its bound, so these are a
 * contract between the API and the data. The loader refuses a record whose own lists exceed them
 * (src/ingest/bundle.schema.ts); statements per article, a report's links joined from its claims
 * and the size of a relay chain are counts across records, which it does not check yet.
 */
export const LIST_BOUNDS = {
  /** Statements of one article (`Article.statements`, and so `Article.reports`). */
  statementsPerArticle: 300,
  /** Speakers of one statement: one, or a few speaking jointly. */
  speakersPerStatement: 10,
  /** Evidence spans of one statement. */
  evidencePerStatement: 10,
  /** Quoted fragments of one statement. */
  quotesPerStatement: 10,
  /** Derivation steps of one statement: at most one per report on its path. */
  derivationsPerStatement: 50,
  /** Actors one report cites as sources. */
  sourcesPerReport: 10,
  /** Reports one report relays. */
  relaysPerReport: 5,
  /** Reports reachable from one report by following relays (a relay chain, branches included). */
  reportsPerRelayChain: 50,
  /** Other names of one actor. */
  aliasesPerActor: 20,
  /** Credits printed with one article. */
  creditsPerArticle: 20,
} as const;
