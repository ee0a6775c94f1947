import { sameDocument } from '../store/same-document';
import type { CollectionName } from '../store/collections';
import type { Store, StoredDocument, UpsertSummary } from '../store/store';

/** Documents per write: one transaction on the embedded store, one unordered bulkWrite on MongoDB. */
export const WRITE_BATCH = 1000;

/**
 * Batches written at once: the next ones are prepared while the store works on these. Batches
 * never share an id (a record repeated across files is written once), so their order is free.
 */
const BATCHES_IN_FLIGHT = 8;

export type LoadSummary = Record<CollectionName, UpsertSummary>;

function emptySummary(): LoadSummary {
  const none = (): UpsertSummary => ({ inserted: 0, updated: 0, unchanged: 0 });
  return { actors: none(), reports: none(), articles: none(), statements: none() };
}

/** What a batch did; a staged write also says which stored documents it changed. */
type BatchOutcome = UpsertSummary & { updatedIds?: readonly string[] };

/** Where batches go: a store's (or a staged write's) upsertMany. */
export type BatchSink = (collection: CollectionName, documents: readonly StoredDocument[]) => Promise<BatchOutcome>;

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

/**
 * Buffers documents per collection and hands them to the sink in batches, a few at a time,
 * adding up what they did. The first failed batch fails the next `add` or `flushAll`.
 */
export class BatchWriter {
  readonly summary: LoadSummary = emptySummary();
  /** Ids of stored documents the batches changed, where the sink reports them (staged writes do). */
  readonly updatedIds: Record<CollectionName, string[]> = { actors: [], reports: [], articles: [], statements: [] };
  private readonly buffers: Record<CollectionName, StoredDocument[]> = { actors: [], reports: [], articles: [], statements: [] };
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly sink: BatchSink) {}

  /** Queues a document; sends its collection's batch once full, waiting while too many are in flight. */
  async add(collection: CollectionName, document: StoredDocument): Promise<void> {
    const buffer = this.buffers[collection];
    buffer.push(document);
    if (buffer.length >= WRITE_BATCH) await this.flush(collection);
  }

  /** Writes whatever is queued and waits for every batch. */
  async flushAll(): Promise<void> {
    for (const collection of Object.keys(this.buffers) as CollectionName[]) await this.flush(collection);
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  /** Writes a batch prepared elsewhere (already encoded), counted and limited like the others. */
  async write(collection: CollectionName, write: () => Promise<BatchOutcome>): Promise<void> {
    this.throwIfFailed();
    const pending: Promise<void> = write()
      .then(
        (result) => {
          const total = this.summary[collection];
          total.inserted += result.inserted;
          total.updated += result.updated;
          total.unchanged += result.unchanged;
          if (result.updatedIds) this.updatedIds[collection].push(...result.updatedIds);
        },
        (error: unknown) => {
          this.failure ??= { error };
        },
      )
      .finally(() => this.inFlight.delete(pending));
    this.inFlight.add(pending);
    while (this.inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  private async flush(collection: CollectionName): Promise<void> {
    const batch = this.buffers[collection];
    if (batch.length === 0) return;
    this.buffers[collection] = [];
    await this.write(collection, () => this.sink(collection, batch));
  }

  /** Waits for the batches in flight, whatever their outcome (before giving a load up). */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
