import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionName } from './collections';
import { decodeDocument, decodeFields, encodeDocuments } from './document-codec';
import { sameDocument } from './same-document';
import type { BulkLoadTarget, StagedUpsertSummary, StagedWrite, StoredDocument } from './store';

/**
 * What a dry run (`npm run seed -- --dry-run`) compares with on the embedded engine: the data
 * directory's committed documents, through a read-only SQLite connection held in one read
 * transaction, so every lookup of the run sees the same snapshot. It takes no lock and writes
 * nothing, so it may run beside a gateway (or a load) holding the directory; its "staged
 * writes" only count what a real load would insert, update or leave unchanged.
 */
export class EmbeddedDryRunView implements BulkLoadTarget {
  readonly engine = 'embedded' as const;
  private readonly getMany: Database.Statement | undefined;

  private constructor(private readonly database: Database.Database | undefined) {
    this.getMany = database?.prepare('SELECT id, body FROM documents WHERE collection = ? AND id IN (SELECT value FROM json_each(?))').raw();
  }

  /** Opens the data directory's committed state read-only; a directory with no store reads as empty. */
  static open(dataDirectory: string): EmbeddedDryRunView {
    const file = path.join(dataDirectory, 'embedded.sqlite');
    if (!fs.existsSync(file)) return new EmbeddedDryRunView(undefined);
    const database = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const hasTable = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").pluck().get() !== undefined;
      if (!hasTable) {
        database.close();
        return new EmbeddedDryRunView(undefined);
      }
      // A deferred transaction takes its snapshot at its first read: read once to pin it.
      database.exec('BEGIN');
      database.prepare('SELECT count(*) FROM documents').pluck().get();
      return new EmbeddedDryRunView(database);
    } catch (error) {
      database.close();
      throw error;
    }
  }

  private rows(collection: CollectionName, ids: readonly string[]): Array<[string, Buffer]> {
    if (!this.getMany || ids.length === 0) return [];
    return this.getMany.all(collection, JSON.stringify(ids)) as Array<[string, Buffer]>;
  }

  beginStagedWrite(options: { replace?: boolean } = {}): StagedWrite {
    // Ids counted so far in this run: a document given twice is compared with its first version.
    const staged = new Map<string, StoredDocument>();
    const upsertMany = async (collection: CollectionName, documents: readonly StoredDocument[]): Promise<StagedUpsertSummary> => {
      const summary: StagedUpsertSummary = { inserted: 0, updated: 0, unchanged: 0, updatedIds: [] };
      const stored = new Map<string, StoredDocument>();
      if (!options.replace) for (const [id, body] of this.rows(collection, documents.map((document) => document._id))) stored.set(id, decodeDocument(body));
      for (const document of documents) {
        // Compared as stored: through the codec, as the writer would store it.
        const key = `${collection}\u0000${document._id}`;
        const before = staged.get(key) ?? stored.get(document._id);
        staged.set(key, roundTrip(document));
        if (!before) summary.inserted += 1;
        else if (sameDocument(before, staged.get(key))) summary.unchanged += 1;
        else {
          summary.updated += 1;
          summary.updatedIds.push(document._id);
        }
      }
      return summary;
    };
    // Counts what a real load would remove; removes nothing.
    const deleteMany = async (collection: CollectionName, ids: readonly string[]): Promise<number> => (options.replace ? 0 : this.rows(collection, [...new Set(ids)]).length);
    return { upsertMany, deleteMany, commit: async () => undefined, abort: async () => undefined };
  }

  async listIds(collection: CollectionName): Promise<string[]> {
    return this.database ? (this.database.prepare('SELECT id FROM documents WHERE collection = ?').pluck().all(collection) as string[]) : [];
  }

  /** A scan of the collection, decoding only the fields asked for (the file has no index on document fields). */
  async findByField<T extends StoredDocument>(collection: CollectionName, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]> {
    if (!this.database || values.length === 0) return [];
    const wanted = new Set(values);
    const decoded = new Set([...fields, field]);
    const found: T[] = [];
    for (const [, body] of this.database.prepare('SELECT id, body FROM documents WHERE collection = ?').raw().iterate(collection) as IterableIterator<[string, Buffer]>) {
      const document = decodeFields<T & Record<string, unknown>>(body, decoded);
      const value = document[field];
      if (Array.isArray(value) ? value.some((item) => wanted.has(item as string)) : wanted.has(value as string)) found.push(document);
    }
    return found;
  }

  async findByIds<T extends StoredDocument>(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
    const wanted = new Set(fields);
    return this.rows(collection, ids).map(([, body]) => decodeFields<T>(body, wanted));
  }

  /** Ends the read transaction and closes the connection. */
  async close(): Promise<void> {
    if (!this.database?.open) return;
    if (this.database.inTransaction) this.database.exec('ROLLBACK');
    this.database.close();
  }
}

/** A document as it reads back after storing (dates, absent fields), for a fair comparison. */
function roundTrip(document: StoredDocument): StoredDocument {
  const { bytes } = encodeDocuments([document]);
  return decodeDocument(new Uint8Array(bytes));
}
