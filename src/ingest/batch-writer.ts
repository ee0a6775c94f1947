import { sameDocument } from '../store/same-document';
import type { CollectionName } from '../store/collections';
import type { Store, StoredDocument, UpsertSummary } from '../store/store';

/** Documents per write: one transaction on the embedded store, one unordered bulkWrite on MongoDB. */
export const WRITE_BATCH = 1000;

export type LoadSummary = Record<CollectionName, UpsertSummary>;

function emptySummary(): LoadSummary {
  const none = (): UpsertSummary => ({ inserted: 0, updated: 0, unchanged: 0 });
  return { actors: none(), reports: none(), articles: none(), statements: none() };
}

/** Where batches go: a store's (or a staged write's) upsertMany. */
export type BatchSink = (collection: CollectionName, documents: readonly StoredDocument[]) => Promise<UpsertSummary>;

/** A sink that writes nothing and says what upserting into `store` would do. */
export function comparingSink(store: Store): BatchSink {
  return async (collection, batch) => {
    const stored = new Map((await store.find(collection, { _id: { $in: batch.map((document) => document._id) } })).map((document) => [document._id, document]));
    const result: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
    for (const document of batch) {
      const existing = stored.get(document._id);
      if (!existing) result.inserted += 1;
      else if (sameDocument(existing, document)) result.unchanged += 1;
      else result.updated += 1;
    }
    return result;
  };
}

/** Buffers documents per collection and hands them to the sink in batches, adding up what it did. */
export class BatchWriter {
  readonly summary: LoadSummary = emptySummary();
  private readonly buffers: Record<CollectionName, StoredDocument[]> = { actors: [], reports: [], articles: [], statements: [] };

  constructor(private readonly sink: BatchSink) {}

  /** Queues a document; writes its collection's batch once full. */
  async add(collection: CollectionName, document: StoredDocument): Promise<void> {
    const buffer = this.buffers[collection];
    buffer.push(document);
    if (buffer.length >= WRITE_BATCH) await this.flush(collection);
  }

  /** Writes whatever is queued. */
  async flushAll(): Promise<void> {
    for (const collection of Object.keys(this.buffers) as CollectionName[]) await this.flush(collection);
  }

  private async flush(collection: CollectionName): Promise<void> {
    const batch = this.buffers[collection];
    if (batch.length === 0) return;
    this.buffers[collection] = [];
    const result = await this.sink(collection, batch);
    const total = this.summary[collection];
    total.inserted += result.inserted;
    total.updated += result.updated;
    total.unchanged += result.unchanged;
  }
}
