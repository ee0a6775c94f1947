import { isDeepStrictEqual } from 'node:util';
import type { CollectionName } from '../store/collections';
import type { Store, StoredDocument, UpsertSummary } from '../store/store';

/** Documents per write: one transaction on the embedded store, one unordered bulkWrite on MongoDB. */
export const WRITE_BATCH = 1000;

export type LoadSummary = Record<CollectionName, UpsertSummary>;

function emptySummary(): LoadSummary {
  const none = (): UpsertSummary => ({ inserted: 0, updated: 0, unchanged: 0 });
  return { actors: none(), reports: none(), articles: none(), statements: none() };
}

/**
 * Buffers documents per collection and upserts them in batches. In a dry run it compares with
 * what is stored instead, so the summary says what a real run would do.
 */
export class BatchWriter {
  readonly summary: LoadSummary = emptySummary();
  private readonly buffers: Record<CollectionName, StoredDocument[]> = { actors: [], reports: [], articles: [], statements: [] };

  constructor(
    private readonly store: Store,
    private readonly dryRun: boolean,
  ) {}

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
    const result = this.dryRun ? await this.compare(collection, batch) : await this.store.upsertMany(collection, batch);
    const total = this.summary[collection];
    total.inserted += result.inserted;
    total.updated += result.updated;
    total.unchanged += result.unchanged;
  }

  private async compare(collection: CollectionName, batch: StoredDocument[]): Promise<UpsertSummary> {
    const stored = new Map((await this.store.find(collection, { _id: { $in: batch.map((document) => document._id) } })).map((document) => [document._id, document]));
    const result: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
    for (const document of batch) {
      const existing = stored.get(document._id);
      if (!existing) result.inserted += 1;
      else if (isDeepStrictEqual(existing, document)) result.unchanged += 1;
      else result.updated += 1;
    }
    return result;
  }
}
