import type { CollectionName } from './collections';
import { DurableDocuments } from './durable-documents';
import type { BulkLoadTarget, StagedWrite, StagedWriteOptions, StoredDocument } from './store';

/**
 * Loads into an embedded data directory that no server has open, without reading its documents
 * into memory: upserts are compared with the stored documents by the SQLite writer thread, and
 * validation looks up the stored ids and fields it needs. It holds the directory's lock, like the
 * store, so it never writes beside a running server. The seed loader uses it; what it commits is
 * what `EmbeddedStore.open` reads next.
 */
export class EmbeddedBulkWriter implements BulkLoadTarget {
  readonly engine = 'embedded' as const;
  private staging = false;
  private closed = false;

  private constructor(private readonly durable: DurableDocuments) {}

  /** Takes the data directory (created if missing) for writing. */
  static async open(dataDirectory: string): Promise<EmbeddedBulkWriter> {
    return new EmbeddedBulkWriter(await DurableDocuments.open(dataDirectory));
  }

  beginStagedWrite(options: StagedWriteOptions = {}): StagedWrite {
    if (this.closed) throw new Error('The embedded bulk writer is closed');
    if (this.staging) throw new Error('A staged write is already open on this data directory');
    this.staging = true;
    const durable = this.durable;
    // Nothing may reach SQLite before the transaction is open, or it would be committed alone.
    const begun = durable.begin({ replace: options.replace });
    const end = () => {
      this.staging = false;
    };
    return {
      upsertMany: async (collection, documents) => {
        await begun;
        return durable.upsert(collection, documents);
      },
      upsertEncoded: async (collection, batch) => {
        await begun;
        return durable.upsertEncoded(collection, batch);
      },
      deleteMany: async (collection, ids) => {
        await begun;
        return durable.delete(collection, ids);
      },
      commit: async () => {
        try {
          await begun;
          await durable.commit();
        } catch (error) {
          await durable.rollback().catch(() => undefined);
          throw error;
        } finally {
          end();
        }
      },
      abort: async () => {
        try {
          await begun.catch(() => undefined);
          await durable.rollback();
        } finally {
          end();
        }
      },
    };
  }

  async findByIds<T extends StoredDocument>(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
    return this.durable.read<T>(collection, ids, fields);
  }

  async listIds(collection: CollectionName): Promise<string[]> {
    return this.durable.listIds(collection);
  }

  async findByField<T extends StoredDocument>(collection: CollectionName, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]> {
    return this.durable.readWhere<T>(collection, field, values, fields);
  }

  /** Gives up a staged write still open (never half-committing it) and releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.staging) await this.durable.rollback().catch(() => undefined);
    await this.durable.close();
  }
}
