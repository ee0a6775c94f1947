import { MongoClient, type AnyBulkWriteOperation, type Db, type Document } from 'mongodb';
import { COLLECTION_NAMES, REFERENCE_FIELDS, type CollectionName } from './collections';
import type { Filter, FindOptions, Pipeline, Store, StoredDocument, UpsertSummary } from './store';

export interface MongoStoreOptions {
  uri: string;
  /** Database name; when absent, the one named in the URI, else `attribution`. */
  databaseName?: string;
  /** Server-side time limit of every query (`maxTimeMS`). */
  queryTimeoutMs: number;
}

/** Upserts go to the server in unordered bulk writes of at most this many operations. */
const BULK_WRITE_BATCH = 1000;

/**
 * The production engine: MongoDB through the official driver. Indexes are created at
 * connection, idempotently; every read carries `maxTimeMS` so a runaway query cannot hold a
 * request (or the server) indefinitely.
 */
export class MongoStore implements Store {
  readonly engine = 'mongo' as const;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly queryTimeoutMs: number,
  ) {}

  /** Connects, checks the server answers and ensures the indexes exist. */
  static async connect(options: MongoStoreOptions): Promise<MongoStore> {
    const client = new MongoClient(options.uri, { appName: 'attribution-gateway', serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    try {
      const store = new MongoStore(client, client.db(options.databaseName ?? defaultDatabaseName(options.uri)), options.queryTimeoutMs);
      await store.ping();
      await store.ensureIndexes();
      return store;
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async find<T extends StoredDocument>(collection: CollectionName, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.db.collection(collection).find(filter as Document, { maxTimeMS: this.queryTimeoutMs, ...(options.projection ? { projection: options.projection } : {}) });
    if (options.sort) cursor = cursor.sort(options.sort as Record<string, 1 | -1>);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async count(collection: CollectionName, filter: Filter): Promise<number> {
    if (Object.keys(filter).length === 0) return this.db.collection(collection).estimatedDocumentCount({ maxTimeMS: this.queryTimeoutMs });
    return this.db.collection(collection).countDocuments(filter as Document, { maxTimeMS: this.queryTimeoutMs });
  }

  async aggregate<T>(collection: CollectionName, pipeline: Pipeline): Promise<T[]> {
    const cursor = this.db.collection(collection).aggregate(pipeline as Document[], { maxTimeMS: this.queryTimeoutMs });
    return (await cursor.toArray()) as T[];
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

  async clear(collection: CollectionName): Promise<number> {
    const result = await this.db.collection(collection).deleteMany({});
    return result.deletedCount;
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 }, { timeoutMS: this.queryTimeoutMs });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** One ascending index per reference field (multikey for arrays); createIndexes is a no-op when they exist. */
  private async ensureIndexes(): Promise<void> {
    for (const name of COLLECTION_NAMES) {
      const fields = REFERENCE_FIELDS[name];
      if (fields.length === 0) continue;
      await this.db.collection(name).createIndexes(fields.map((field) => ({ key: { [field]: 1 }, name: `${field}_1` })));
    }
    // Statements of an article are read in order of appearance.
    await this.db.collection('statements').createIndex({ articleId: 1, position: 1 }, { name: 'articleId_1_position_1' });
  }
}

/** The database named in the URI's path, else `attribution`. */
function defaultDatabaseName(uri: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : 'attribution';
}
