import v8 from 'node:v8';
import Database from 'better-sqlite3';
import type { StoredDocument } from './store';

/** Rows read per step when rebuilding memory at start, to bound the transient memory. */
const LOAD_PAGE = 5000;

/** A document ready to store: its id and its bytes (v8 serialisation, so Dates survive). */
export type SerializedRow = readonly [id: string, body: Uint8Array];

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
      clear: database.prepare('DELETE FROM documents WHERE collection = ?'),
      page: database.prepare('SELECT collection, id, body FROM documents WHERE (collection, id) > (?, ?) ORDER BY collection, id LIMIT ?'),
    };
  }

  /** Opens (creating if needed) the database file and checks it is sound. */
  static open(file: string): SqliteDocumentFile {
    const database = new Database(file);
    try {
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      database.exec('CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (collection, id)) WITHOUT ROWID');
      const integrity = database.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`The embedded store ${file} is damaged (quick_check: ${String(integrity)})`);
      return new SqliteDocumentFile(database);
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /** Every stored document, collection by collection, read in pages. */
  *readAll(): Generator<{ collection: string; document: StoredDocument }> {
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = this.statements.page.all(after[0], after[1], LOAD_PAGE) as Array<{ collection: string; id: string; body: Buffer }>;
      for (const row of rows) yield { collection: row.collection, document: v8.deserialize(row.body) as StoredDocument };
      const last = rows[rows.length - 1];
      if (!last || rows.length < LOAD_PAGE) return;
      after = [last.collection, last.id];
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

  /** Deletes a collection's documents (in one transaction, or inside the open one). */
  clear(collection: string): void {
    this.statements.clear.run(collection);
  }

  /** Closes the database, checkpointing the WAL. */
  close(): void {
    this.database.close();
  }
}
