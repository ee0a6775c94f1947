import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../worker-thread';
import { lockDataDirectory } from './data-directory-lock';
import { deserializeBatch, serializeBatch } from './serialized-batch';
import { SqliteDocumentFile } from './sqlite-document-file';
import type { SerializedBatch, WriterReply, WriterRequest } from './sqlite-writer.protocol';
import type { StagedUpsertSummary, StoredDocument } from './store';

/** Writes queued to the writer thread at most, before the caller waits: bounds the memory of a bulk load. */
const MAX_IN_FLIGHT = 16;

type Request = WriterRequest extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;


/**
 * The embedded store's durable side: the data directory's lock, and a writer thread that owns
 * the SQLite file. Documents are serialised here and handed over as bytes; every write resolves
 * once SQLite has it (committed, outside a transaction), and writes keep their order.
 */
export class DurableDocuments {
  private sequence = 0;
  private readonly pending = new Map<number, { resolve: (reply: WriterReply) => void; reject: (error: Error) => void }>();
  private broken: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly release: () => void,
  ) {
    worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.seq);
      this.pending.delete(reply.seq);
      if (reply.error) waiting?.reject(new Error(`SQLite write failed: ${reply.error}`));
      else waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.broken = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The SQLite writer thread stopped (exit code ${code})`)));
  }

  /**
   * Takes the data directory (its single-writer lock), hands every stored document to `restore`
   * (if given: a bulk loader reads only what it asks for) and starts the writer thread.
   */
  static async open(directory: string, restore?: (collection: string, document: StoredDocument) => void): Promise<DurableDocuments> {
    fs.mkdirSync(directory, { recursive: true });
    const release = lockDataDirectory(directory);
    const file = path.join(directory, 'embedded.sqlite');
    let worker: Worker | undefined;
    try {
      if (restore) {
        const reader = SqliteDocumentFile.open(file);
        try {
          for (const { collection, document } of reader.readAll()) restore(collection, document);
        } finally {
          reader.close();
        }
      }
      worker = startWorkerThread(__filename, 'sqlite-writer', { file });
      await new Promise<void>((resolve, reject) => {
        worker?.once('online', resolve);
        worker?.once('error', reject);
      });
      return new DurableDocuments(worker, release);
    } catch (error) {
      await worker?.terminate();
      release();
      throw error;
    }
  }

  /** Writes documents of one collection; resolves once they are in SQLite. */
  async write(collection: string, documents: readonly StoredDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const batch = serializeBatch(documents);
    await this.send({ op: 'write', collection, ...batch }, [batch.bytes]);
  }

  /** Writes the documents that differ from the stored ones; resolves with what changed, once in SQLite. */
  async upsert(collection: string, documents: readonly StoredDocument[]): Promise<StagedUpsertSummary> {
    if (documents.length === 0) return { inserted: 0, updated: 0, unchanged: 0, updatedIds: [] };
    return this.upsertEncoded(collection, serializeBatch(documents));
  }

  /** As `upsert`, for documents `serializeBatch` encoded (the batch's buffer moves to the writer thread). */
  async upsertEncoded(collection: string, batch: SerializedBatch): Promise<StagedUpsertSummary> {
    if (batch.ids.length === 0) return { inserted: 0, updated: 0, unchanged: 0, updatedIds: [] };
    const { summary } = await this.send({ op: 'upsert', collection, ...batch }, [batch.bytes]);
    if (!summary) throw new Error('The SQLite writer thread answered an upsert without a summary');
    return summary;
  }

  /**
   * The committed documents among `ids` (what an open transaction staged is not seen), with
   * `_id` and the named fields only, as a MongoDB projection gives them.
   */
  async read<T extends StoredDocument>(collection: string, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const { found } = await this.send({ op: 'read', collection, ids: [...ids], fields: [...fields] });
    return found ? deserializeBatch<T>(found) : [];
  }

  /** As `read`, for the committed documents whose `field` is (or, as an array, holds) one of `values`: a scan of the collection. */
  async readWhere<T extends StoredDocument>(collection: string, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]> {
    if (values.length === 0) return [];
    const { found } = await this.send({ op: 'readWhere', collection, field, values: [...values], fields: [...fields] });
    return found ? deserializeBatch<T>(found) : [];
  }

  /** Every committed id of a collection. */
  async listIds(collection: string): Promise<string[]> {
    const { ids } = await this.send({ op: 'ids', collection });
    return ids ?? [];
  }

  /** Deletes the documents among `ids`; resolves with how many there were, once in SQLite. */
  async delete(collection: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { deleted } = await this.send({ op: 'delete', collection, ids: [...ids] });
    return deleted ?? 0;
  }

  /** Deletes a collection's documents. */
  async clear(collection: string): Promise<void> {
    await this.send({ op: 'clear', collection });
  }

  /**
   * Opens a transaction that the following writes join. With `replace`, what it stages replaces
   * every stored document when it commits (and is built in a new file meanwhile).
   */
  async begin(options: { replace?: boolean } = {}): Promise<void> {
    await this.send({ op: 'begin', replace: options.replace === true });
  }

  /** Commits the open transaction. */
  async commit(): Promise<void> {
    await this.send({ op: 'commit' });
  }

  /** Discards the open transaction. */
  async rollback(): Promise<void> {
    await this.send({ op: 'rollback' });
  }

  /** Resolves when few enough writes are queued that another may be sent. */
  async settle(): Promise<void> {
    while (this.pending.size > MAX_IN_FLIGHT) {
      const oldest = Math.min(...this.pending.keys());
      await new Promise<void>((resolve) => {
        const waiting = this.pending.get(oldest);
        if (!waiting) return resolve();
        this.pending.set(oldest, {
          resolve: (reply) => {
            waiting.resolve(reply);
            resolve();
          },
          reject: (error) => {
            waiting.reject(error);
            resolve();
          },
        });
      });
    }
  }

  /** Closes the file (checkpointing), stops the thread and releases the directory. */
  async close(): Promise<void> {
    try {
      if (!this.broken) await this.send({ op: 'close' });
    } finally {
      this.worker.removeAllListeners('exit');
      await this.worker.terminate();
      this.release();
    }
  }

  private send(request: Request, transfer: ArrayBuffer[] = []): Promise<WriterReply> {
    if (this.broken) return Promise.reject(this.broken);
    const seq = (this.sequence += 1);
    return new Promise<WriterReply>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ ...request, seq } as WriterRequest, transfer);
    });
  }
}
