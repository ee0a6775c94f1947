import { MongoClient, MongoServerError, type AnyBulkWriteOperation, type Db, type Document, type Sort as MongoSort } from 'mongodb';
import { COLLECTION_NAMES, indexedFields, TEXT_INDEX_FIELDS, type CollectionName } from './collections';
import type { Filter, FindOptions, Pipeline, Store, StoredDocument, UpsertSummary } from './store';

export interface MongoStoreOptions {
  uri: string;
  /** Database name; when absent, the one named in the URI, else `attribution`. */
  databaseName?: string;
  /** Server-side time limit of every query (`maxTimeMS`). */
  queryTimeoutMs: number;
}

/** The document field MongoDB would read a per-document text language from: one no document has. */
const TEXT_LANGUAGE_OVERRIDE = 'textIndexLanguage';

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
    if (options.sort) cursor = cursor.sort(options.sort as MongoSort);
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
    await this.db.command({ ping: 1 }, { timeoutMS: this.queryTimeoutMs });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** One ascending index per indexed field (multikey for arrays); createIndexes is a no-op when they exist. */
  private async ensureIndexes(): Promise<void> {
    for (const name of COLLECTION_NAMES) {
      const fields = indexedFields(name);
      if (fields.length === 0) continue;
      await this.db.collection(name).createIndexes(fields.map((field) => ({ key: { [field]: 1 }, name: `${field}_1` })));
    }
    // Statements of an article are read in order of appearance.
    await this.db.collection('statements').createIndex({ articleId: 1, position: 1 }, { name: 'articleId_1_position_1' });
    for (const name of COLLECTION_NAMES) await this.ensureTextIndex(name);
  }

  /**
   * The collection's one text index (`$text` needs it), with the weights of TEXT_INDEX_FIELDS.
   * `language_override` names a field no document has: articles carry a BCP-47 `language`
   * ("en-GB"), which MongoDB would otherwise read as the text language and refuse to index.
   * Every document is English text, as in the embedded engine.
   */
  private async ensureTextIndex(name: CollectionName): Promise<void> {
    const weights = TEXT_INDEX_FIELDS[name];
    const fields = Object.keys(weights);
    if (fields.length === 0) return;
    try {
      await this.db
        .collection(name)
        .createIndex(Object.fromEntries(fields.map((field) => [field, 'text'])), { name: 'text', weights, default_language: 'english', language_override: TEXT_LANGUAGE_OVERRIDE });
    } catch (error) {
      // 85 IndexOptionsConflict, 86 IndexKeySpecsConflict, 67 CannotCreateIndex (a second text
      // index): a text index from an older field list is in the way.
      if (error instanceof MongoServerError && (error.code === 85 || error.code === 86 || error.code === 67)) {
        throw new Error(
          `The ${name} collection has a text index that differs from TEXT_INDEX_FIELDS (${error.message}). ` +
            `Drop it (db.${name}.dropIndex("<its name>")) and restart; the gateway recreates it.`,
        );
      }
      throw error;
    }
  }
}

/** The database named in the URI's path, else `attribution`. */
function defaultDatabaseName(uri: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : 'attribution';
}
