import { sameDocument } from './same-document';
import { Aggregator } from 'mingo/aggregator';
import type { Cursor } from 'mingo/cursor';
import { Query } from 'mingo/query';
import type { Options as MingoOptions } from 'mingo/types';
import { COLLECTION_NAMES, indexedFields, TEXT_INDEX_FIELDS, type CollectionName } from './collections';
import { deepFreeze, EmbeddedCollection } from './embedded-collection';
import { indexedGraphLookup } from './graph-lookup';
import { mingoContext } from './mingo-operators';
import { DurableDocuments } from './durable-documents';
import { findByIdsIn } from './find-by-ids';
import type { BulkLoadTarget, CallLimits, Filter, FindOptions, Pipeline, StagedUpsertSummary, StagedWrite, StagedWriteOptions, Store, StoredDocument, UpsertSummary } from './store';
import { StoreTimeoutError } from './store-errors';
import { mentionsText, splitTextFilter } from './text-filter';
import { mentionsTextScore, NO_TEXT_SCORE, presentScore, rewriteFindOptions, rewritePipeline, withoutTextScore, withTextScore } from './text-score';
import type { TextSearch } from './text-search';
import { TurnTaking } from './turn-taking';

/** A scan of more documents than this is filtered in slices of it, one turn each (about 10 ms of mingo work). */
const SCAN_SLICE = 2000;
/** Pipeline stages that treat each document on its own, so a slice of the input can go through them alone. */
const PER_DOCUMENT_STAGES = new Set(['$match', '$unwind', '$addFields', '$set', '$project', '$unset', '$lookup', '$graphLookup', '$replaceRoot', '$replaceWith']);
/** Corpus-wide aggregate results kept until the next write; the oldest goes first. */
const CORPUS_AGGREGATES_KEPT = 32;

/**
 * The in-process engine: MongoDB query semantics from `mingo` over documents held in memory,
 * with hash indexes on `_id` and every reference field so key lookups and `$in` batches touch
 * only the matching documents. It serves first runs, demos, tests and CI. Opened on a data
 * directory it is durable: writes go to SQLite first, and memory is rebuilt from it at start.
 *
 * Two MongoDB features mingo lacks or scans for are answered from indexes here:
 * - `$text` (with `{ $meta: 'textScore' }` in sort, projection and pipelines), from an inverted
 *   index per collection on `TEXT_INDEX_FIELDS`: the matches are the only documents mingo sees.
 *   Differences from MongoDB: English only, case- and diacritic-insensitive only; a Porter
 *   stemmer, not Snowball, and diacritics are folded before stemming; scores follow MongoDB's
 *   formula without its small boost for a field equal to the term, so they are close to, not
 *   equal to, MongoDB's; `$text` may not sit under `$or`/`$nor`; in a pipeline the score lives in
 *   a hidden field, so stages that rebuild documents (`$group`, `$replaceRoot`) drop it where
 *   MongoDB would refuse the later `$meta`.
 * - `$graphLookup` (see `graph-lookup.ts`), through the `_id` map and hash indexes.
 *
 * Reads made for a request (with `CallLimits`) share the event loop: each waits for its caller's
 * turn (`TurnTaking`), a long scan is filtered in slices with a turn between them, and it stops
 * at the next slice once its time is up. A pipeline over a whole collection is cached up to its
 * last `$group` until the next write, since data changes only through writes.
 */
export class EmbeddedStore implements Store, BulkLoadTarget {
  readonly engine = 'embedded' as const;
  private readonly collections = new Map<CollectionName, EmbeddedCollection>();
  private readonly mingoOptions: Partial<MingoOptions>;
  private closed = false;
  /** The durable copy, when opened on a data directory. */
  private durable: DurableDocuments | undefined;
  /** True while a staged write is open: other writes would land inside its transaction. */
  private staging = false;
  private readonly turns = new TurnTaking();
  /** Results of whole-collection pipelines up to their last `$group`, by collection and stages. */
  private readonly corpusAggregates = new Map<string, Promise<ReadonlyArray<Record<string, unknown>>>>();

  /** An in-memory store; `EmbeddedStore.open` gives a durable one. */
  constructor() {
    for (const name of COLLECTION_NAMES) this.collections.set(name, new EmbeddedCollection(name, indexedFields(name), TEXT_INDEX_FIELDS[name]));
    // `$lookup` and `$graphLookup` name their source collection; resolve it to ours.
    this.mingoOptions = {
      collectionResolver: (name: string) => this.collection(name as CollectionName).all() as unknown as Array<Record<string, unknown>>,
      scriptEnabled: false,
      context: mingoContext({ $graphLookup: indexedGraphLookup((name) => this.collections.get(name as CollectionName)) }),
    };
  }

  /** Opens the durable store in `dataDirectory` (created if missing), loading every document into memory. */
  static async open(dataDirectory: string): Promise<EmbeddedStore> {
    const store = new EmbeddedStore();
    store.durable = await DurableDocuments.open(dataDirectory, (collection, document) => store.collection(collection as CollectionName).putCopy(document));
    return store;
  }

  async find<T extends StoredDocument>(collection: CollectionName, filter: Filter, options: FindOptions = {}, limits?: CallLimits): Promise<T[]> {
    const started = performance.now();
    await this.takeTurn(limits, started);
    const target = this.collection(collection);
    const { text, rest } = splitTextFilter(filter);
    const scoring = rewriteFindOptions(options);
    if (!text && scoring.needsScore) throw new Error(NO_TEXT_SCORE);
    const exact = text ? undefined : target.exactMatches(filter);
    const source = text ? this.textCandidates(target, text, rest, scoring.needsScore) : (exact ?? target.candidates(filter));
    // A page (sorted and limited) needs only the best skip + limit of each slice.
    const top = scoring.sort && options.limit !== undefined ? { sort: scoring.sort as Record<string, 1 | -1>, count: (options.skip ?? 0) + options.limit } : undefined;
    const matches = await this.scan(source, exact ? {} : text ? rest : filter, limits, started, top);
    let cursor = this.mingoFind(matches, {}, scoring.projection);
    if (scoring.sort) cursor = cursor.sort(scoring.sort as Record<string, 1 | -1>);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    const found = cursor.all();
    return (scoring.needsScore ? found.map((document) => presentScore(document, scoring.scoreFields)) : found) as unknown as T[];
  }

  async count(collection: CollectionName, filter: Filter, limits?: CallLimits): Promise<number> {
    const started = performance.now();
    await this.takeTurn(limits, started);
    const target = this.collection(collection);
    if (Object.keys(filter).length === 0) return target.size;
    const { text, rest } = splitTextFilter(filter);
    if (!text) return target.exactMatches(filter)?.length ?? (await this.scan(target.candidates(filter), filter, limits, started)).length;
    const matches = this.textCandidates(target, text, rest, false);
    return (await this.scan(matches, rest, limits, started)).length;
  }

  async aggregate<T>(collection: CollectionName, pipeline: Pipeline, limits?: CallLimits): Promise<T[]> {
    const started = performance.now();
    await this.takeTurn(limits, started);
    const target = this.collection(collection);
    const [first, ...later] = pipeline;
    if (later.some((stage) => '$match' in stage && mentionsText(stage.$match))) throw new Error('$match with $text is only allowed as the first pipeline stage');
    const leading = first && '$match' in first ? splitTextFilter(first.$match as Filter) : undefined;
    if (leading?.text) {
      // The text index gives the input; what else the leading $match asks stays a $match.
      const needsScore = mentionsTextScore(later);
      const source = this.textCandidates(target, leading.text, leading.rest, needsScore);
      const stages = [...(Object.keys(leading.rest).length > 0 ? [{ $match: leading.rest }] : []), ...(needsScore ? rewritePipeline(later) : later)];
      const results = await this.runPipeline(source, stages, limits, started);
      return (needsScore ? results.map(withoutTextScore) : results) as T[];
    }
    if (mentionsTextScore(pipeline)) throw new Error(NO_TEXT_SCORE);
    // A leading $match narrows the input through the indexes, exactly as MongoDB would.
    const exact = first && '$match' in first ? target.exactMatches(first.$match as Filter) : undefined;
    if (exact) return (await this.runPipeline(exact, later, limits, started)) as T[];
    if (first && '$match' in first) return (await this.runPipeline(target.candidates(first.$match as Filter), pipeline, limits, started)) as T[];
    return (await this.wholeCollectionAggregate(collection, target, pipeline, limits)) as T[];
  }

  async upsertMany(collection: CollectionName, documents: readonly StoredDocument[]): Promise<UpsertSummary> {
    this.assertNotStaging();
    const target = this.collection(collection);
    const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
    // Last write wins within a batch, as with sequential upserts.
    const latest = new Map<string, StoredDocument>();
    for (const document of documents) latest.set(document._id, document);
    const changed: StoredDocument[] = [];
    for (const document of latest.values()) {
      const outcome = target.outcomeOf(document);
      summary[outcome] += 1;
      if (outcome !== 'unchanged') changed.push(document);
    }
    summary.unchanged += documents.length - latest.size;
    // Durable first: memory changes only once the transaction has committed.
    await this.durable?.write(collection, changed);
    for (const document of changed) target.put(document);
    if (changed.length > 0) this.corpusAggregates.clear();
    return summary;
  }

  async clear(collection: CollectionName): Promise<number> {
    this.assertNotStaging();
    const target = this.collection(collection);
    await this.durable?.clear(collection);
    this.corpusAggregates.clear();
    return target.clear();
  }

  /**
   * Stages writes in one SQLite transaction and in a side table of documents; commit makes them
   * durable, then applies them to memory and the indexes. Other writes wait for it to end.
   */
  beginStagedWrite(options: StagedWriteOptions = {}): StagedWrite {
    this.assertOpen();
    this.assertNotStaging();
    const staged = new Map<CollectionName, Map<string, StoredDocument>>();
    // Replacing everything: nothing stored counts, and every collection is emptied at commit.
    const replacing = options.replace === true;
    const stagedOf = (collection: CollectionName) => {
      let documents = staged.get(collection);
      if (!documents) staged.set(collection, (documents = new Map()));
      return documents;
    };
    const end = () => {
      this.staging = false;
    };
    // Writes are pipelined to the writer thread; the first failure fails the commit.
    const durable = this.durable;
    const writes: Array<Promise<void>> = [];
    let failure: unknown;
    const track = (write: Promise<void> | undefined) => {
      if (!write) return;
      writes.push(
        write.catch((error: unknown) => {
          failure ??= error;
        }),
      );
    };
    track(durable?.begin({ replace: options.replace }));
    this.staging = true;
    return {
      upsertMany: async (collection, documents) => {
        const target = this.collection(collection);
        const pending = stagedOf(collection);
        const summary: StagedUpsertSummary = { inserted: 0, updated: 0, unchanged: 0, updatedIds: [] };
        const changed: StoredDocument[] = [];
        for (const document of documents) {
          const previous = pending.get(document._id) ?? (replacing ? undefined : target.get(document._id));
          const outcome = previous === undefined ? 'inserted' : sameDocument(previous, document) ? 'unchanged' : 'updated';
          summary[outcome] += 1;
          if (outcome === 'updated') summary.updatedIds.push(document._id);
          if (outcome === 'unchanged') continue;
          changed.push(document);
          pending.set(document._id, document);
        }
        track(durable?.write(collection, changed));
        await durable?.settle();
        return summary;
      },
      commit: async () => {
        try {
          await Promise.all(writes);
          if (failure) throw failure;
          await durable?.commit();
        } catch (error) {
          await durable?.rollback().catch(() => undefined);
          throw error;
        } finally {
          end();
        }
        this.corpusAggregates.clear();
        if (replacing) for (const collection of COLLECTION_NAMES) this.collection(collection).clear();
        for (const [collection, documents] of staged) {
          const target = this.collection(collection);
          for (const document of documents.values()) target.put(document);
        }
      },
      abort: async () => {
        try {
          await Promise.all(writes);
          await durable?.rollback();
        } finally {
          end();
        }
      },
    };
  }

  async findByIds<T extends StoredDocument>(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
    return findByIdsIn<T>(this, collection, ids, fields);
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A staged write still open is given up, never half-committed.
    if (this.staging) await this.durable?.rollback().catch(() => undefined);
    await this.durable?.close();
  }

  /**
   * Waits for the caller's turn on the event loop (reads outside a request run at once), then
   * refuses to go on when the call's time is up.
   */
  private async takeTurn(limits: CallLimits | undefined, started: number): Promise<void> {
    if (!limits) return;
    await this.turns.turn(limits.caller ?? limits);
    limits.signal?.throwIfAborted();
    if (performance.now() - started >= limits.timeoutMs) throw new StoreTimeoutError(limits.timeoutMs, 'store query');
  }

  /**
   * The documents matching `filter` (with `top`, only those that can be among the first
   * `top.count` in `top.sort`): at once when they are few or the read is outside a request, else
   * in slices of SCAN_SLICE with a turn between them, so a scan of a large collection neither
   * holds the event loop nor outlives the call's time. The caller still sorts and limits.
   */
  private async scan(
    documents: readonly StoredDocument[],
    filter: Filter,
    limits: CallLimits | undefined,
    started: number,
    top?: { sort: Record<string, 1 | -1>; count: number },
  ): Promise<readonly StoredDocument[]> {
    const filtering = Object.keys(filter).length > 0;
    if (!limits || documents.length <= SCAN_SLICE) return filtering ? (this.mingoFind(documents, filter).all() as unknown as StoredDocument[]) : documents;
    if (!filtering && !top) return documents;
    const matches: StoredDocument[] = [];
    for (let offset = 0; offset < documents.length; offset += SCAN_SLICE) {
      if (offset > 0) await this.takeTurn(limits, started);
      let cursor = this.mingoFind(documents.slice(offset, offset + SCAN_SLICE), filter);
      if (top) cursor = cursor.sort(top.sort).limit(top.count);
      for (const document of cursor.all()) matches.push(document as unknown as StoredDocument);
    }
    return matches;
  }

  /**
   * Runs a pipeline on `documents`. For a read made for a request over many documents, the
   * leading stages that treat each document on its own (`$match`, `$unwind`, `$addFields`, ...)
   * run in slices with a turn between them; the rest (`$group`, `$sort`, ...) then runs at once
   * on what they produced.
   */
  private async runPipeline(documents: readonly StoredDocument[], pipeline: Pipeline, limits: CallLimits | undefined, started: number): Promise<Array<Record<string, unknown>>> {
    const perDocument = pipeline.findIndex((stage) => !Object.keys(stage).every((operator) => PER_DOCUMENT_STAGES.has(operator)));
    let split = perDocument < 0 ? pipeline.length : perDocument;
    if (!limits || documents.length <= SCAN_SLICE) return this.mingoAggregate(documents, pipeline);
    // A $group that only sums can also run per slice: the slices' sums are then summed.
    const mergeSums = split < pipeline.length ? sumsMerger(pipeline[split] as Record<string, unknown>) : undefined;
    if (mergeSums) split += 1;
    if (split === 0) return this.mingoAggregate(documents, pipeline);
    const streamed: Array<Record<string, unknown>> = [];
    for (let offset = 0; offset < documents.length; offset += SCAN_SLICE) {
      if (offset > 0) await this.takeTurn(limits, started);
      for (const row of this.mingoAggregate(documents.slice(offset, offset + SCAN_SLICE), pipeline.slice(0, split))) streamed.push(row);
    }
    const remaining = [...(mergeSums ? [mergeSums] : []), ...pipeline.slice(split)];
    return remaining.length > 0 ? this.mingoAggregate(streamed as unknown as StoredDocument[], remaining) : streamed;
  }

  /**
   * A pipeline over every document of a collection (`mostCitedSources`): its stages up to the
   * last `$group` are computed once and kept until the next write, so only the small remainder
   * (lookups, filters, sort, limit on the groups) runs per call. For a request, that computation
   * runs in slices on its own, bound to no request's deadline: requests that time out waiting
   * for it leave it to finish, and later ones find it done.
   */
  private async wholeCollectionAggregate(collection: CollectionName, target: EmbeddedCollection, pipeline: Pipeline, limits: CallLimits | undefined): Promise<Array<Record<string, unknown>>> {
    const lastGroup = pipeline.findLastIndex((stage) => '$group' in stage);
    const prefix = pipeline.slice(0, lastGroup + 1);
    const key = lastGroup < 0 ? undefined : plainJsonKey([collection, prefix]);
    if (key === undefined) return this.runPipeline(target.all(), pipeline, limits, performance.now());
    let groups = this.corpusAggregates.get(key);
    if (!groups) {
      const computing = this.runPipeline(target.all(), prefix, limits ? { timeoutMs: Number.POSITIVE_INFINITY, caller: {} } : undefined, performance.now()).then((rows) => deepFreeze(rows));
      groups = computing;
      if (this.corpusAggregates.size >= CORPUS_AGGREGATES_KEPT) this.corpusAggregates.delete(this.corpusAggregates.keys().next().value as string);
      this.corpusAggregates.set(key, computing);
      computing.catch(() => {
        if (this.corpusAggregates.get(key) === computing) this.corpusAggregates.delete(key);
      });
    }
    const rest = pipeline.slice(lastGroup + 1);
    const rows = await groups;
    return rest.length > 0 ? this.mingoAggregate(rows as unknown as StoredDocument[], rest) : [...rows];
  }

  private mingoFind(documents: readonly StoredDocument[], filter: Filter, projection?: Record<string, unknown>): Cursor<Record<string, unknown>> {
    return new Query(filter as Record<string, unknown>, this.mingoOptions).find(documents, projection);
  }

  private mingoAggregate(documents: readonly StoredDocument[], pipeline: Pipeline): Array<Record<string, unknown>> {
    return new Aggregator(pipeline as Array<Record<string, unknown>>, this.mingoOptions).run(documents);
  }

  /**
   * The documents matching a `$text` search, never from a scan: the text index's matches, or,
   * when a hash index narrows the rest of the filter to fewer documents, those of them that
   * match. With `withScores`, copies carrying their score for `{ $meta: 'textScore' }`.
   */
  private textCandidates(target: EmbeddedCollection, search: TextSearch, rest: Filter, withScores: boolean): StoredDocument[] {
    const scores = target.textMatches(search);
    const narrowed = target.indexedCandidates(rest);
    const documents =
      narrowed && narrowed.length < scores.size
        ? narrowed.filter((document) => scores.has(document._id))
        : [...scores.keys()].flatMap((id) => target.get(id) ?? []);
    return withScores ? documents.map((document) => withTextScore(document, scores.get(document._id) ?? 0)) : documents;
  }

  private collection(name: CollectionName): EmbeddedCollection {
    this.assertOpen();
    const found = this.collections.get(name);
    if (!found) throw new Error(`Unknown collection "${name}"; expected one of ${COLLECTION_NAMES.join(', ')}`);
    return found;
  }

  private assertNotStaging(): void {
    if (this.staging) throw new Error('A staged bulk write is open on the embedded store; write after it commits or aborts');
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The embedded store is closed');
  }
}

/**
 * A cache key for a value made only of JSON types (strings, finite numbers, booleans, null,
 * arrays, plain objects); undefined otherwise, since JSON.stringify would blur a Date or RegExp.
 */
function plainJsonKey(value: unknown): string | undefined {
  const plain = (item: unknown): boolean => {
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return true;
    if (typeof item === 'number') return Number.isFinite(item);
    if (Array.isArray(item)) return item.every(plain);
    if (typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype) return Object.values(item as object).every(plain);
    return false;
  };
  return plain(value) ? JSON.stringify(value) : undefined;
}

/**
 * For a `$group` stage whose every accumulator is `$sum`, the stage that combines its results
 * over parts of the input into its result over the whole (`{ $group: { _id: '$_id', f: { $sum: '$f' } } }`);
 * undefined for any other stage.
 */
function sumsMerger(stage: Record<string, unknown>): Record<string, unknown> | undefined {
  const group = stage.$group;
  if (Object.keys(stage).length !== 1 || typeof group !== 'object' || group === null) return undefined;
  const merged: Record<string, unknown> = { _id: '$_id' };
  for (const [field, accumulator] of Object.entries(group)) {
    if (field === '_id') continue;
    if (typeof accumulator !== 'object' || accumulator === null || Object.keys(accumulator).join() !== '$sum') return undefined;
    merged[field] = { $sum: `$${field}` };
  }
  return { $group: merged };
}
