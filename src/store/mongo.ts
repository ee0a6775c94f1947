import { MongoClient, MongoServerError, type AnyBulkWriteOperation, type Collection, type Db, type Document, type Sort as MongoSort } from 'mongodb';
import { COLLECTION_NAMES, type CollectionName } from './collections';
import { PLANNED_INDEX_PREFIX, plannedIndexes, TEXT_INDEX_NAME, type IndexKey, type PlannedIndex } from './index-plan';
import { describeMongoFailure, redactUri } from './mongo-failures';
import { chainsPipeline, countsByReferencePipeline, pagesByReferencePipeline, PARENT, PARENTS_PER_AGGREGATE, sourceCitationsPipeline, speakerTalliesPipeline, textSearchPipeline } from './mongo-pipelines';
import type { CallLimits, ChainLink, DocumentOf, Filter, FindOptions, PageQuery, Pipeline, SourceCitation, SpeakerTally, Store, StoredDocument, TextHit, UpsertSummary } from './store';
import { StoreUnavailableError } from './store-errors';

export interface MongoStoreOptions {
  uri: string;
  /** Database name; when absent, the one named in the URI, else `attribution`. */
  databaseName?: string;
  /** Time limit of every read (`timeoutMS`, which also bounds server selection and the socket); a request's call gets less when less is left. */
  queryTimeoutMs: number;
  /** How long the driver looks for a server and waits for a connection (`serverSelectionTimeoutMS`, `connectTimeoutMS`); `queryTimeoutMs` when absent. */
  connectTimeoutMs?: number;
}

/** How `MongoStore.open` reports its start-up attempts. */
export interface StartUpLog {
  (line: string): void;
}

/** Start-up retries wait this long after the first failure, doubling up to the cap. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/** The document field MongoDB would read a per-document text language from: one no document has. */
const TEXT_LANGUAGE_OVERRIDE = 'textIndexLanguage';

/** Upserts go to the server in unordered bulk writes of at most this many operations. */
const BULK_WRITE_BATCH = 1000;

/**
 * The production engine: MongoDB through the official driver. Indexes are created at
 * connection, idempotently. Every read carries `timeoutMS` (the driver derives `maxTimeMS` from
 * it and stops waiting for a server or a socket then), so neither a runaway query nor a down or
 * hung server holds a request past its time; outages surface as StoreUnavailableError.
 */
export class MongoStore implements Store {
  readonly engine = 'mongo' as const;
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly queryTimeoutMs: number;
  /** Why the store cannot serve yet (start-up not done), or undefined once it can. */
  private notReady: string | undefined = 'MongoDB has not been reached yet';
  private closed = false;
  private wakeRetry: (() => void) | undefined;

  private constructor(options: MongoStoreOptions) {
    const connectTimeoutMs = options.connectTimeoutMs ?? options.queryTimeoutMs;
    this.client = new MongoClient(options.uri, { appName: 'attribution-gateway', serverSelectionTimeoutMS: connectTimeoutMs, connectTimeoutMS: connectTimeoutMs });
    this.db = this.client.db(options.databaseName ?? defaultDatabaseName(options.uri));
    this.queryTimeoutMs = options.queryTimeoutMs;
  }

  /**
   * Connects, checks the server answers and ensures the indexes exist; fails at once with a
   * one-line StoreUnavailableError when MongoDB cannot be reached (for the seed loader and tests).
   */
  static async connect(options: MongoStoreOptions): Promise<MongoStore> {
    const store = new MongoStore(options);
    try {
      await store.startUp();
      return store;
    } catch (error) {
      await store.client.close();
      throw new StoreUnavailableError(`MongoDB at ${redactUri(options.uri)} cannot be used: ${describeMongoFailure(error).message}`, { cause: error });
    }
  }

  /**
   * For the server: returns at once and connects in the background, retrying with backoff (one
   * `log` line per failed attempt) until MongoDB answers and the indexes exist. Until then every
   * read and `ping` fail at once with a StoreUnavailableError saying why, so readiness reports
   * it; afterwards the driver reconnects by itself after an outage, with no restart.
   */
  static open(options: MongoStoreOptions, log: StartUpLog): MongoStore {
    const store = new MongoStore(options);
    void store.startUpWithRetries(redactUri(options.uri), log);
    return store;
  }

  find<C extends CollectionName>(collection: C, filter: Filter, options: FindOptions = {}, limits?: CallLimits): Promise<Array<DocumentOf<C>>> {
    type T = DocumentOf<C>;
    return this.read(limits, async (timeoutMS) => {
      let cursor = this.db.collection(collection).find(filter as Document, { timeoutMS, ...(options.projection ? { projection: options.projection } : {}) });
      if (options.sort) cursor = cursor.sort(options.sort as MongoSort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return (await cursor.toArray()) as unknown as T[];
    });
  }

  count(collection: CollectionName, filter: Filter, limits?: CallLimits): Promise<number> {
    return this.read(limits, (timeoutMS) => {
      if (Object.keys(filter).length === 0) return this.db.collection(collection).estimatedDocumentCount({ timeoutMS });
      return this.db.collection(collection).countDocuments(filter as Document, { timeoutMS });
    });
  }

  async pagesByReference<C extends CollectionName>(collection: C, field: string, parentIds: readonly string[], page: PageQuery, limits?: CallLimits): Promise<Map<string, Array<DocumentOf<C>>>> {
    type T = DocumentOf<C>;
    const rows = await this.perParentAggregates<{ items: T[]; [PARENT]: string }>(collection, parentIds, (batch) => pagesByReferencePipeline(collection, field, batch, page), limits);
    return inParentOrder(parentIds, new Map(rows.map((row) => [row[PARENT], row.items])));
  }

  async countsByReference(collection: CollectionName, field: string, parentIds: readonly string[], filter: Filter, limits?: CallLimits): Promise<Map<string, number>> {
    const rows = await this.perParentAggregates<{ [PARENT]: string; count: number }>(collection, parentIds, (batch) => countsByReferencePipeline(collection, field, batch, filter), limits);
    return new Map(rows.map((row) => [row[PARENT], row.count]));
  }

  async chains<C extends CollectionName>(collection: C, rootIds: readonly string[], field: string, maxDepth: number, limits?: CallLimits): Promise<Array<{ root: DocumentOf<C>; chain: Array<ChainLink<DocumentOf<C>>> }>> {
    type T = DocumentOf<C>;
    const rows = await this.aggregate<T & { __chain?: Array<T & { __depth: number }> }>(collection, chainsPipeline(collection, rootIds, field, maxDepth), limits);
    return rows.map(({ __chain = [], ...root }) => ({
      root: root as unknown as T,
      // A loop back to the root reaches the root itself; it is the start, not a hop.
      chain: __chain
        .filter((document) => document._id !== root._id)
        .map(({ __depth, ...document }) => ({ depth: Number(__depth) + 1, document: document as unknown as T }))
        .sort((a, b) => a.depth - b.depth || (a.document._id < b.document._id ? -1 : 1)),
    }));
  }

  async textSearch<C extends CollectionName>(collection: C, search: string, limit: number, after?: Filter, limits?: CallLimits): Promise<Array<TextHit<DocumentOf<C>>>> {
    type T = DocumentOf<C>;
    const rows = await this.aggregate<T & { __score: number }>(collection, textSearchPipeline(search, limit, after), limits);
    return rows.map(({ __score, ...document }) => ({ score: __score, document: document as unknown as T }));
  }

  async speakerTallies(speakerIds: readonly string[], limits?: CallLimits): Promise<SpeakerTally[]> {
    const rows = await this.aggregate<{ _id: { speaker: string; stance: string; articleId: string }; count: number }>('statements', speakerTalliesPipeline(speakerIds), limits);
    return rows.map(({ _id: key, count }) => ({ speakerId: key.speaker, stance: key.stance, articleId: key.articleId, count }));
  }

  sourceCitations(limit: number, kinds: readonly string[] | null, limits?: CallLimits): Promise<SourceCitation[]> {
    return this.aggregate<SourceCitation>('statements', sourceCitationsPipeline(limit, kinds), limits);
  }

  /** The rows of a per-parent pipeline, in aggregates of at most PARENTS_PER_AGGREGATE parents, sent together. */
  private async perParentAggregates<T>(collection: CollectionName, parentIds: readonly string[], pipeline: (batch: readonly string[]) => Pipeline, limits?: CallLimits): Promise<T[]> {
    const unique = [...new Set(parentIds)];
    const batches: string[][] = [];
    for (let start = 0; start < unique.length; start += PARENTS_PER_AGGREGATE) batches.push(unique.slice(start, start + PARENTS_PER_AGGREGATE));
    return (await Promise.all(batches.map((batch) => this.aggregate<T>(collection, pipeline(batch), limits)))).flat();
  }

  private aggregate<T>(collection: CollectionName, pipeline: Pipeline, limits?: CallLimits): Promise<T[]> {
    // A $group or $sort over many documents may outgrow the 100 MB a stage may hold in memory: it spills to disk instead of failing.
    return this.read(limits, async (timeoutMS) => (await this.db.collection(collection).aggregate(pipeline as Document[], { timeoutMS, allowDiskUse: true }).toArray()) as T[]);
  }

  async upsertMany(collection: CollectionName, documents: readonly StoredDocument[]): Promise<UpsertSummary> {
    const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
    for (let offset = 0; offset < documents.length; offset += BULK_WRITE_BATCH) {
      const batch = documents.slice(offset, offset + BULK_WRITE_BATCH);
      const operations: AnyBulkWriteOperation<StoredDocument>[] = batch.map((document) => ({
        replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true },
      }));
      const result = await this.db.collection<StoredDocument>(collection).bulkWrite(operations, { ordered: false });
      // MongoDB counts a replacement identical to the stored document as matched, not modified.
      summary.inserted += result.upsertedCount;
      summary.updated += result.modifiedCount;
      summary.unchanged += result.matchedCount - result.modifiedCount;
    }
    return summary;
  }

  async deleteMany(collection: CollectionName, ids: readonly string[]): Promise<number> {
    let deleted = 0;
    for (let offset = 0; offset < ids.length; offset += BULK_WRITE_BATCH) {
      const result = await this.db.collection<StoredDocument>(collection).deleteMany({ _id: { $in: ids.slice(offset, offset + BULK_WRITE_BATCH) } });
      deleted += result.deletedCount;
    }
    return deleted;
  }

  async clear(collection: CollectionName): Promise<number> {
    const result = await this.db.collection(collection).deleteMany({});
    return result.deletedCount;
  }

  async ping(): Promise<void> {
    if (this.notReady) throw new StoreUnavailableError(this.notReady);
    try {
      await this.db.command({ ping: 1 }, { timeoutMS: this.queryTimeoutMs });
    } catch (error) {
      throw describeMongoFailure(error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeRetry?.();
    await this.client.close();
  }

  /** Runs a read with the time it may take; refuses it while start-up is not done; names outages. */
  private async read<T>(limits: CallLimits | undefined, run: (timeoutMS: number) => Promise<T>): Promise<T> {
    if (this.notReady) throw new StoreUnavailableError(this.notReady);
    // timeoutMS 0 would mean "no limit" to the driver.
    const timeoutMS = Math.max(1, Math.min(limits?.timeoutMs ?? this.queryTimeoutMs, this.queryTimeoutMs));
    try {
      return await run(timeoutMS);
    } catch (error) {
      throw describeMongoFailure(error, timeoutMS);
    }
  }

  /** Connects (bounded by the connect timeout), checks the server answers, ensures the indexes. */
  private async startUp(): Promise<void> {
    await this.client.connect();
    await this.db.command({ ping: 1 }, { timeoutMS: this.queryTimeoutMs });
    await this.ensureIndexes();
    this.notReady = undefined;
  }

  private async startUpWithRetries(where: string, log: StartUpLog): Promise<void> {
    for (let attempt = 1; !this.closed; attempt += 1) {
      try {
        await this.startUp();
        if (attempt > 1) log(`MongoDB at ${where} answered on attempt ${attempt}; the store is ready`);
        return;
      } catch (error) {
        if (this.closed) return;
        const waitMs = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
        const reason = describeMongoFailure(error).message;
        this.notReady = `MongoDB at ${where} did not answer at start (attempt ${attempt}: ${reason})`;
        log(`${this.notReady}; retrying in ${waitMs / 1000} s`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          this.wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /**
   * Makes the collection's indexes those of INDEX_PLAN, idempotently: creates the planned ones
   * (a no-op when they exist), then drops the indexes an earlier plan created that this one no
   * longer declares (named with the plan's prefix, or one of LEGACY_INDEX_NAMES). The id index and
   * indexes the plan never named (an operator's own) are never touched; the text index is dropped
   * only when its fields or weights changed, and then rebuilt.
   */
  private async ensureIndexes(): Promise<void> {
    for (const name of COLLECTION_NAMES) {
      const collection = this.db.collection(name);
      const planned = plannedIndexes(name);
      const ordered = planned.filter((index) => index.kind === 'ordered');
      const declared = new Set(planned.map((index) => index.name));
      const existing = await existingIndexes(collection);
      const stale = existing.filter((index) => isPlanned(name, index.name) && !declared.has(index.name));
      // One with the same keys as a planned index would make MongoDB refuse that one: it goes first.
      const sameKeys = stale.filter((index) => ordered.some((wanted) => sameKeyPattern(index.key, wanted.keys)));
      for (const index of sameKeys) await dropIndex(collection, index.name);
      if (ordered.length > 0) await collection.createIndexes(ordered.map((index) => ({ key: keyPattern(index.keys), name: index.name })));
      for (const index of stale.filter((candidate) => !sameKeys.includes(candidate))) await dropIndex(collection, index.name);
      const text = planned.find((index) => index.kind === 'text');
      if (text) await this.ensureTextIndex(name, text, existing);
      else await dropTextIndex(collection, existing);
    }
  }

  /**
   * The collection's one text index (`$text` needs it), with the plan's fields and weights (from
   * TEXT_INDEX_FIELDS); one left by an older field list is dropped and rebuilt (search fails until
   * it is). `language_override` names a field no document has: articles carry a BCP-47 `language`
   * ("en-GB"), which MongoDB would otherwise read as the text language and refuse to index.
   * Every document is English text, as in the embedded engine.
   */
  private async ensureTextIndex(name: CollectionName, text: PlannedIndex, existing: readonly ExistingIndex[]): Promise<void> {
    const weights = text.weights ?? {};
    const options = { name: text.name, weights, default_language: 'english', language_override: TEXT_LANGUAGE_OVERRIDE };
    const current = existing.find((index) => index.key._fts === 'text');
    if (current && !sameTextIndex(current, options)) await dropIndex(this.db.collection(name), current.name);
    await this.db.collection(name).createIndex(Object.fromEntries(text.keys.map((key) => [key.field, 'text'])), options);
  }
}

/** An index as `listIndexes` describes it (the fields this engine reads). */
interface ExistingIndex {
  name: string;
  key: Record<string, unknown>;
  weights?: Record<string, unknown>;
  default_language?: string;
  language_override?: string;
}

/**
 * Names of the indexes earlier versions created from a hand-picked list (one per reference and
 * filter field, and statements by article and position): the plan replaces them, so they are dropped.
 */
const LEGACY_INDEX_NAMES: Readonly<Record<CollectionName, readonly string[]>> = {
  articles: ['publisherId_1'],
  statements: ['articleId_1', 'speakerIds_1', 'viaId_1', 'respondsToId_1', 'respondsToReportId_1', 'stance_1', 'quoteKind_1', 'articleId_1_position_1'],
  actors: ['affiliationId_1', 'kind_1', 'country_1'],
  reports: ['publisherId_1', 'sourceIds_1', 'relayIds_1', 'kind_1'],
};

/** Whether the gateway created the index (by its name), so it may drop it once undeclared. */
function isPlanned(collection: CollectionName, indexName: string): boolean {
  return indexName.startsWith(PLANNED_INDEX_PREFIX) || LEGACY_INDEX_NAMES[collection].includes(indexName);
}

/** The collection's indexes; none when the collection does not exist yet. */
async function existingIndexes(collection: Collection): Promise<ExistingIndex[]> {
  try {
    return (await collection.listIndexes().toArray()) as ExistingIndex[];
  } catch (error) {
    // 26 NamespaceNotFound: nothing was ever written to it.
    if (error instanceof MongoServerError && error.code === 26) return [];
    throw error;
  }
}

/** The MongoDB key pattern of planned keys (`{ stance: 1, madeAt: 1, _id: 1 }`). */
function keyPattern(keys: readonly IndexKey[]): Record<string, 1 | 'text'> {
  return Object.fromEntries(keys.map((key) => [key.field, key.direction]));
}

function sameKeyPattern(key: Record<string, unknown>, keys: readonly IndexKey[]): boolean {
  return JSON.stringify(key) === JSON.stringify(keyPattern(keys));
}

/** Whether a stored text index has the wanted fields, weights and language settings. */
function sameTextIndex(index: ExistingIndex, wanted: { name: string; weights: Readonly<Record<string, number>>; default_language: string; language_override: string }): boolean {
  const sortedEntries = (record: Readonly<Record<string, unknown>>) => JSON.stringify(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return (
    index.name === wanted.name &&
    sortedEntries(index.weights ?? {}) === sortedEntries(wanted.weights) &&
    index.default_language === wanted.default_language &&
    index.language_override === wanted.language_override
  );
}

/** Drops the text index the gateway created (named TEXT_INDEX_NAME) on a collection the plan gives none. */
async function dropTextIndex(collection: Collection, existing: readonly ExistingIndex[]): Promise<void> {
  const ours = existing.find((index) => index.key._fts === 'text' && index.name === TEXT_INDEX_NAME);
  if (ours) await dropIndex(collection, ours.name);
}

/** Drops an index; one already gone (another gateway starting at the same time dropped it) is fine. */
async function dropIndex(collection: Collection, name: string): Promise<void> {
  try {
    await collection.dropIndex(name);
  } catch (error) {
    // 27 IndexNotFound.
    if (!(error instanceof MongoServerError && error.code === 27)) throw error;
  }
}

/** The database named in the URI's path, else `attribution`. */
function defaultDatabaseName(uri: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : 'attribution';
}

/** The parents' entries in the order the parents were asked for (a union's rows come in no set order). */
function inParentOrder<V>(parentIds: readonly string[], byParent: ReadonlyMap<string, V>): Map<string, V> {
  const ordered = new Map<string, V>();
  for (const parentId of parentIds) {
    const value = byParent.get(parentId);
    if (value !== undefined) ordered.set(parentId, value);
  }
  return ordered;
}
