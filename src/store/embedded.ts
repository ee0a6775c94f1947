import { aggregate as mingoAggregate, find as mingoFind } from 'mingo';
import type { Options as MingoOptions } from 'mingo/types';
import { COLLECTION_NAMES, REFERENCE_FIELDS, type CollectionName } from './collections';
import { EmbeddedCollection } from './embedded-collection';
import { SqliteDocumentFile } from './sqlite-document-file';
import type { Filter, FindOptions, Pipeline, Store, StoredDocument, UpsertSummary } from './store';

/**
 * The in-process engine: MongoDB query semantics from `mingo` over documents held in memory,
 * with hash indexes on `_id` and every reference field so key lookups and `$in` batches touch
 * only the matching documents. It serves first runs, demos, tests and CI. Opened on a data
 * directory it is durable: writes go to SQLite first, and memory is rebuilt from it at start.
 */
export class EmbeddedStore implements Store {
  readonly engine = 'embedded' as const;
  private readonly collections = new Map<CollectionName, EmbeddedCollection>();
  private readonly mingoOptions: Partial<MingoOptions>;
  private closed = false;

  /** An in-memory store, or a durable one when given its SQLite file (see `EmbeddedStore.open`). */
  constructor(private readonly file?: SqliteDocumentFile) {
    for (const name of COLLECTION_NAMES) this.collections.set(name, new EmbeddedCollection(name, REFERENCE_FIELDS[name]));
    // `$lookup` and `$graphLookup` name their source collection; resolve it to ours.
    this.mingoOptions = {
      collectionResolver: (name: string) => this.collection(name as CollectionName).all() as unknown as Array<Record<string, unknown>>,
      scriptEnabled: false,
    };
  }

  /** Opens the durable store in `dataDirectory` (created if missing), loading every document into memory. */
  static open(dataDirectory: string): EmbeddedStore {
    const file = SqliteDocumentFile.open(dataDirectory);
    try {
      const store = new EmbeddedStore(file);
      for (const { collection, document } of file.readAll()) store.collection(collection as CollectionName).put(document);
      return store;
    } catch (error) {
      file.close();
      throw error;
    }
  }

  async find<T extends StoredDocument>(collection: CollectionName, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const source = this.collection(collection).candidates(filter);
    let cursor = mingoFind(source, filter as Record<string, unknown>, options.projection as Record<string, 1> | undefined, this.mingoOptions);
    if (options.sort) cursor = cursor.sort(options.sort as Record<string, 1 | -1>);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return cursor.all() as unknown as T[];
  }

  async count(collection: CollectionName, filter: Filter): Promise<number> {
    const target = this.collection(collection);
    if (Object.keys(filter).length === 0) return target.size;
    return mingoFind(target.candidates(filter), filter as Record<string, unknown>, undefined, this.mingoOptions).all().length;
  }

  async aggregate<T>(collection: CollectionName, pipeline: Pipeline): Promise<T[]> {
    const target = this.collection(collection);
    const first = pipeline[0];
    // A leading $match narrows the input through the indexes, exactly as MongoDB would.
    const source = first && '$match' in first ? target.candidates(first.$match as Filter) : target.all();
    return mingoAggregate(source, pipeline as Array<Record<string, unknown>>, this.mingoOptions) as T[];
  }

  async upsertMany(collection: CollectionName, documents: readonly StoredDocument[]): Promise<UpsertSummary> {
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
    this.file?.write(collection, changed);
    for (const document of changed) target.put(document);
    return summary;
  }

  async clear(collection: CollectionName): Promise<number> {
    const target = this.collection(collection);
    this.file?.clear(collection);
    return target.clear();
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.file?.close();
  }

  private collection(name: CollectionName): EmbeddedCollection {
    this.assertOpen();
    const found = this.collections.get(name);
    if (!found) throw new Error(`Unknown collection "${name}"; expected one of ${COLLECTION_NAMES.join(', ')}`);
    return found;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The embedded store is closed');
  }
}
