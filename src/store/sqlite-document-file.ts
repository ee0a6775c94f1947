import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { decodeDocument } from './document-codec';
import { sameDocument } from './same-document';
import type { SerializedRow } from './serialized-batch';
import type { StagedUpsertSummary, StoredDocument } from './store';

/** Rows read per step when rebuilding memory at start, to bound the transient memory. */
const LOAD_PAGE = 5000;

/**
 * A rowid table with a unique key, not WITHOUT ROWID: documents are large rows (an article is
 * kilobytes), which SQLite stores better in a table beside a small key index; with 16 KiB pages
 * and a 64 MiB cache, a bulk load writes about 40% faster.
 */
const CREATE_TABLE = 'CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, UNIQUE (collection, id))';
const PAGE_SIZE = 16384;

/** Where a first load builds the file (see `createAside`). */
function asideOf(file: string): string {
  return `${file}.loading`;
}
const CACHE_KIB = 64 * 1024;

/** Page size, journal, syncs, cache and the table; the page size only takes effect on a new file, so it comes first. */
function setUp(database: Database.Database, { journal, synchronous }: { journal: 'WAL' | 'OFF'; synchronous: 'FULL' | 'OFF' }): void {
  database.pragma(`page_size = ${PAGE_SIZE}`);
  database.pragma(`journal_mode = ${journal}`);
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma(`cache_size = -${CACHE_KIB}`);
  database.exec(CREATE_TABLE);
}

/** Flushes a file's (or a directory's: a rename's) contents to disk. */
function syncToDisk(target: string): void {
  const handle = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}

/** Moves documents from the first layout (a WITHOUT ROWID table) to the current one, in one transaction. */
function upgradeLayout(database: Database.Database): void {
  const table = database.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'").pluck().get() as string | undefined;
  if (!table?.includes('WITHOUT ROWID')) return;
  database.transaction(() => {
    database.exec('ALTER TABLE documents RENAME TO documents_before_upgrade');
    database.exec(CREATE_TABLE);
    database.exec('INSERT INTO documents (collection, id, body) SELECT collection, id, body FROM documents_before_upgrade');
    database.exec('DROP TABLE documents_before_upgrade');
  })();
}

/**
 * The SQLite file behind the embedded engine: every document of every collection in one table
 * (WAL mode, synchronous FULL). Writes outside `begin`/`commit` are each one transaction,
 * committed before they return, so an acknowledged write survives a kill or a crash.
 */
export class SqliteDocumentFile {
  private readonly statements;

  private constructor(private readonly database: Database.Database) {
    this.statements = {
      upsert: database.prepare('INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body'),
      insertNew: database.prepare('INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO NOTHING'),
      update: database.prepare('UPDATE documents SET body = ? WHERE collection = ? AND id = ?'),
      clear: database.prepare('DELETE FROM documents WHERE collection = ?'),
      deleteMany: database.prepare('DELETE FROM documents WHERE collection = ? AND id IN (SELECT value FROM json_each(?))'),
      allOf: database.prepare('SELECT id, body FROM documents WHERE collection = ?').raw(),
      idsOf: database.prepare('SELECT id FROM documents WHERE collection = ?').pluck(),
      get: database.prepare('SELECT body FROM documents WHERE collection = ? AND id = ?').pluck(),
      getMany: database.prepare('SELECT id, body FROM documents WHERE collection = ? AND id IN (SELECT value FROM json_each(?))').raw(),
      anyDocument: database.prepare('SELECT 1 FROM documents LIMIT 1').pluck(),
      page: database.prepare('SELECT rowid, collection, body FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?'),
    };
  }

  /**
   * Opens (creating if needed) the database file and checks it is sound (`check: false` skips
   * that, for a file this process just built). A file a first load was building aside when its
   * process died was never the store, and is removed.
   */
  static open(file: string, options: { check?: boolean } = {}): SqliteDocumentFile {
    fs.rmSync(asideOf(file), { force: true });
    const database = new Database(file);
    try {
      setUp(database, { journal: 'WAL', synchronous: 'FULL' });
      upgradeLayout(database);
      const integrity = options.check === false ? 'ok' : database.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`The embedded store ${file} is damaged (quick_check: ${String(integrity)})`);
      return new SqliteDocumentFile(database);
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /**
   * A new file beside `file`, for a load into a store that holds nothing: written without a
   * journal or syncs, since until `moveInto` puts it in place it is not the store. That halves
   * what a first load writes (a WAL-mode load writes every page twice: log, then checkpoint).
   * A failed write inside it is never rolled back in place: the file is discarded whole.
   */
  static createAside(file: string): SqliteDocumentFile {
    const aside = asideOf(file);
    fs.rmSync(aside, { force: true });
    const database = new Database(aside);
    try {
      setUp(database, { journal: 'OFF', synchronous: 'OFF' });
      return new SqliteDocumentFile(database);
    } catch (error) {
      database.close();
      fs.rmSync(aside, { force: true });
      throw error;
    }
  }

  /**
   * A second, read-only connection to an open file: it sees what is committed, never the
   * writer's open transaction, so checks against stored documents ignore what a load stages.
   */
  static openCommittedView(file: string): SqliteDocumentFile {
    return new SqliteDocumentFile(new Database(file, { readonly: true, fileMustExist: true }));
  }

  /** Every stored document, read in pages. */
  *readAll(): Generator<{ collection: string; document: StoredDocument }> {
    // In table order (the order documents were first written): a sequential read of the file.
    let after = 0;
    for (;;) {
      const rows = this.statements.page.all(after, LOAD_PAGE) as Array<{ rowid: number; collection: string; body: Buffer }>;
      for (const row of rows) yield { collection: row.collection, document: decodeDocument(row.body) };
      const last = rows[rows.length - 1];
      if (!last || rows.length < LOAD_PAGE) return;
      after = last.rowid;
    }
  }

  /** Opens a transaction that later writes join, until `commit` or `rollback`. */
  begin(): void {
    this.database.exec('BEGIN IMMEDIATE');
  }

  /** Commits the open transaction (durably: synchronous FULL). */
  commit(): void {
    this.database.exec('COMMIT');
  }

  /** Discards the open transaction, if any. */
  rollback(): void {
    if (this.database.inTransaction) this.database.exec('ROLLBACK');
  }

  /** Writes rows of one collection in one committed transaction (a savepoint inside an open one). */
  write(collection: string, rows: readonly SerializedRow[]): void {
    if (rows.length === 0) return;
    this.database.transaction(() => {
      for (const [id, body] of rows) this.statements.upsert.run(collection, id, body);
    })();
  }

  /**
   * Writes the rows that differ from what is stored, in one transaction (a savepoint inside an
   * open one), and counts each as inserted, updated or unchanged. Equal bytes are the same
   * document; different bytes are compared as documents, since key order may differ.
   */
  upsert(collection: string, rows: readonly SerializedRow[]): StagedUpsertSummary {
    const summary: StagedUpsertSummary = { inserted: 0, updated: 0, unchanged: 0, updatedIds: [] };
    this.database.transaction(() => {
      for (const [id, body] of rows) {
        // Most rows of a load are new: trying the insert first saves a lookup for each of them.
        if (this.statements.insertNew.run(collection, id, body).changes === 1) {
          summary.inserted += 1;
          continue;
        }
        const stored = this.statements.get.get(collection, id) as Buffer;
        if (stored.equals(body) || sameDocument(decodeDocument(stored), decodeDocument(body))) summary.unchanged += 1;
        else {
          summary.updated += 1;
          summary.updatedIds.push(id);
          this.statements.update.run(body, collection, id);
        }
      }
    })();
    return summary;
  }

  /** The stored rows of a collection among `ids`, once each, in no set order (on a committed view: as last committed). */
  read(collection: string, ids: readonly string[]): SerializedRow[] {
    // One statement for the whole list: a lookup per id costs about twice as much.
    return this.statements.getMany.all(collection, JSON.stringify(ids)) as Array<[string, Buffer]>;
  }

  /** Every stored row of a collection, read as it goes (on a committed view: as last committed). */
  *scan(collection: string): Generator<SerializedRow> {
    yield* this.statements.allOf.iterate(collection) as IterableIterator<[string, Buffer]>;
  }

  /** Every stored id of a collection. */
  ids(collection: string): string[] {
    return this.statements.idsOf.all(collection) as string[];
  }

  /** Deletes the rows of a collection among `ids` (in one transaction, or inside the open one); returns how many there were. */
  delete(collection: string, ids: readonly string[]): number {
    return ids.length === 0 ? 0 : this.statements.deleteMany.run(collection, JSON.stringify(ids)).changes;
  }

  /** True when no collection holds any document. */
  isEmpty(): boolean {
    return this.statements.anyDocument.get() === undefined;
  }

  /**
   * Commits a file made by `createAside`, makes it durable and puts it in place of `file`,
   * whose connections must all be closed. Until the rename the old file is the store; after it,
   * this one, complete: a crash in between loses the load, never half of it.
   */
  moveInto(file: string): void {
    const aside = this.database.name;
    if (this.database.inTransaction) this.database.exec('COMMIT');
    this.database.close();
    syncToDisk(aside);
    // The old file held nothing; its log and index files must not be applied to the new one.
    for (const leftover of [`${file}-wal`, `${file}-shm`]) fs.rmSync(leftover, { force: true });
    fs.renameSync(aside, file);
    syncToDisk(path.dirname(file));
  }

  /** Closes (if still open) and deletes a file made by `createAside`. */
  discard(): void {
    const aside = this.database.name;
    if (this.database.open) this.database.close();
    fs.rmSync(aside, { force: true });
  }

  /** Deletes a collection's documents (in one transaction, or inside the open one). */
  clear(collection: string): void {
    this.statements.clear.run(collection);
  }

  /** Closes the database, checkpointing the WAL. */
  close(): void {
    this.database.close();
  }
}
