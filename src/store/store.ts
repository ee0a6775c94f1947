import type { ActorDocument } from '../actor/actor.model';
import type { ArticleDocument } from '../article/article.model';
import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';
import type { CollectionName } from './collections';

/** A stored document: every document has a string `_id`. */
export interface StoredDocument {
  _id: string;
}

/** The stored document of each collection: what a read of that collection returns. */
export interface CollectionDocuments {
  articles: ArticleDocument;
  statements: StatementDocument;
  actors: ActorDocument;
  reports: ReportDocument;
}

export type DocumentOf<C extends CollectionName> = CollectionDocuments[C];

/** A MongoDB filter document (`{ field: value }`, `{ field: { $in: [...] } }`, ...). */
export type Filter = Readonly<Record<string, unknown>>;

/** A MongoDB aggregation pipeline. */
export type Pipeline = ReadonlyArray<Readonly<Record<string, unknown>>>;

/** Sort specification: field to 1 (ascending) or -1 (descending), applied in key order. (Search ranks in `textSearch`.) */
export type Sort = Readonly<Record<string, 1 | -1>>;

export interface FindOptions {
  sort?: Sort;
  /** Fields to return (`{ field: 1 }`); `_id` always comes back. Documents are partial then. */
  projection?: Readonly<Record<string, 1>>;
  limit?: number;
  skip?: number;
}

/** What a batch of upserts did, per document. */
export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What a staged upsert did, and which stored documents it changed. */
export interface StagedUpsertSummary extends UpsertSummary {
  /** Ids of the documents that existed (stored, or staged earlier in the same write) and now differ. */
  updatedIds: string[];
}

export type StoreEngineName = 'embedded' | 'mongo';

/** What a read may spend, set by the request it serves. */
export interface CallLimits {
  /** Milliseconds the call may take; MongoDB is told (`timeoutMS`) and stops then. */
  readonly timeoutMs: number;
  /** Aborted when the call is abandoned; an engine working in steps stops at the next one. */
  readonly signal?: AbortSignal;
  /**
   * The request the call serves (one object for all its calls): the embedded engine, which
   * computes on the event loop, serves callers in turn.
   */
  readonly caller?: object;
}

/**
 * An all-or-nothing bulk write: what is staged is invisible to queries and durable only after
 * `commit`; `abort` discards it. Engines that can (the embedded one, in one SQLite transaction)
 * offer it, so a large load is written in the same pass that validates it and never half-done.
 */
export interface StagedWriteOptions {
  /**
   * What is staged replaces everything stored, as if every collection were cleared first. An
   * engine may then build the new contents aside instead of changing the old ones in place.
   */
  replace?: boolean;
}

export interface StagedWrite {
  /** Stages upserts; the summary compares with what is committed and staged so far. */
  upsertMany(collection: CollectionName, documents: readonly StoredDocument[]): Promise<StagedUpsertSummary>;
  /** Stages the removal of the stored documents among `ids`; resolves with how many are stored. */
  deleteMany(collection: CollectionName, ids: readonly string[]): Promise<number>;
  /** Makes everything staged durable, then visible. */
  commit(): Promise<void>;
  /** Discards everything staged. */
  abort(): Promise<void>;
}

/**
 * What a bulk load needs of a store: all-or-nothing staged writes, and the few stored fields
 * validation checks against, looked up by id. The embedded store offers it while it serves;
 * `EmbeddedBulkWriter` offers it on a data directory without reading every document first.
 */
export interface BulkLoadTarget {
  readonly engine: StoreEngineName;
  beginStagedWrite(options?: StagedWriteOptions): StagedWrite;
  /** The stored documents among `ids`, with `_id` and the given fields only. */
  findByIds<T extends StoredDocument>(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]>;
  /** Every stored id of a collection. */
  listIds(collection: CollectionName): Promise<string[]>;
  /** The stored documents whose `field` equals (or, as an array, holds) one of `values`, with `_id` and `fields` only. */
  findByField<T extends StoredDocument>(collection: CollectionName, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]>;
}

/** A page of a list: the documents matching `filter`, in `sort` order, at most `limit`. */
export interface PageQuery {
  filter: Filter;
  sort: Sort;
  limit: number;
}

/** A document reached from a root by following links, and how many links away (1 = linked from the root). */
export interface ChainLink<T> {
  depth: number;
  document: T;
}

/** A full-text match and its relevance (higher is better). */
export interface TextHit<T> {
  score: number;
  document: T;
}

/** Statements of one speaker, one stance and one article, counted. */
export interface SpeakerTally {
  speakerId: string;
  stance: string;
  articleId: string;
  count: number;
}

/** How often the corpus relies on an actor: statements made, reports citing it, claims whose own path cites it. */
export interface SourceCitation {
  _id: string;
  statementCount: number;
  reportCount: number;
  claimCount: number;
  total: number;
}

/**
 * The one interface repositories query through: the access patterns of the schema, each one
 * round trip, each implemented natively by each engine (MongoDB queries and pipelines; SQL
 * over indexed tables). Filters are MongoDB filter documents of a small, closed vocabulary
 * (equality, `$in`, `$ne: null`, ranges, `$regex`, `$and`, `$or`, `$text`).
 */
export interface Store {
  readonly engine: StoreEngineName;
  /** Documents matching `filter`, sorted, skipped and limited as asked. */
  find<C extends CollectionName>(collection: C, filter: Filter, options?: FindOptions, limits?: CallLimits): Promise<Array<DocumentOf<C>>>;
  /** Number of documents matching `filter`. */
  count(collection: CollectionName, filter: Filter, limits?: CallLimits): Promise<number>;
  /**
   * For each parent id, one page of the documents whose reference `field` (a scalar or an array
   * of ids) holds it and that match `page.filter`, in `page.sort` order. Parents without any
   * are absent from the map.
   */
  pagesByReference<C extends CollectionName>(collection: C, field: string, parentIds: readonly string[], page: PageQuery, limits?: CallLimits): Promise<Map<string, Array<DocumentOf<C>>>>;
  /** For each parent id, how many documents matching `filter` reference it through `field`; parents with none are absent. */
  countsByReference(collection: CollectionName, field: string, parentIds: readonly string[], filter: Filter, limits?: CallLimits): Promise<Map<string, number>>;
  /**
   * Each root found among `rootIds`, with the documents reachable from it by following `field`
   * (ids of documents of the same collection) up to `maxDepth` links, each once, at the depth it
   * is first reached; the root itself is never part of its chain, so cycles end.
   */
  chains<C extends CollectionName>(collection: C, rootIds: readonly string[], field: string, maxDepth: number, limits?: CallLimits): Promise<Array<{ root: DocumentOf<C>; chain: Array<ChainLink<DocumentOf<C>>> }>>;
  /**
   * Documents matching a full-text search (MongoDB's `$search` syntax), most relevant first, ties
   * by id, at most `limit`; with `after`, only those matching it, a filter on `score` and `_id`.
   */
  textSearch<C extends CollectionName>(collection: C, search: string, limit: number, after?: Filter, limits?: CallLimits): Promise<Array<TextHit<DocumentOf<C>>>>;
  /** Statements of each speaker counted by stance and article. */
  speakerTallies(speakerIds: readonly string[], limits?: CallLimits): Promise<SpeakerTally[]>;
  /** The actors cited most (statements + reports), optionally only of some kinds, highest total first (ties by id). */
  sourceCitations(limit: number, kinds: readonly string[] | null, limits?: CallLimits): Promise<SourceCitation[]>;
  /** Inserts or replaces documents by `_id`; reports how many were new, changed or identical. */
  upsertMany(collection: CollectionName, documents: readonly StoredDocument[]): Promise<UpsertSummary>;
  /** Removes the documents among `ids`; returns how many there were. */
  deleteMany(collection: CollectionName, ids: readonly string[]): Promise<number>;
  /** Removes every document of the collection; returns how many were removed. */
  clear(collection: CollectionName): Promise<number>;
  /** Resolves when the store can answer queries; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections and files. The store cannot be used afterwards. */
  close(): Promise<void>;
}

/** The reads of a store: what request wrappers (deadlines, metrics, round-trip counts) pass through. */
export type StoreRead = 'find' | 'count' | 'pagesByReference' | 'countsByReference' | 'chains' | 'textSearch' | 'speakerTallies' | 'sourceCitations';
