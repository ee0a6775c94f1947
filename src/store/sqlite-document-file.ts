import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import Database from 'better-sqlite3';
import { lockDataDirectory } from './data-directory-lock';
import type { StoredDocument } from './store';

/** Rows read per step when rebuilding memory at start, to bound the transient memory. */
const LOAD_PAGE = 5000;

/**
 * The embedded engine's durable copy: every document of every collection in one SQLite file
 * (WAL mode, synchronous FULL), serialised with v8 so Dates survive. Each `write` is one
 * transaction, committed before it returns, so an acknowledged write survives a kill or a crash.
 */
export class SqliteDocumentFile {
  private readonly statements;

  private constructor(
    private readonly database: Database.Database,
    private readonly release: () => void,
    readonly file: string,
  ) {
    this.statements = {
      upsert: database.prepare('INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body'),
      clear: database.prepare('DELETE FROM documents WHERE collection = ?'),
      page: database.prepare('SELECT collection, id, body FROM documents WHERE (collection, id) > (?, ?) ORDER BY collection, id LIMIT ?'),
    };
  }

  /** Opens (creating if needed) the data directory's database, holding its single-writer lock. */
  static open(directory: string): SqliteDocumentFile {
    fs.mkdirSync(directory, { recursive: true });
    const release = lockDataDirectory(directory);
    try {
      const file = path.join(directory, 'embedded.sqlite');
      const database = new Database(file);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      database.exec('CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (collection, id)) WITHOUT ROWID');
      const integrity = database.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`The embedded store ${file} is damaged (quick_check: ${String(integrity)})`);
      return new SqliteDocumentFile(database, release, file);
    } catch (error) {
      release();
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

  /** Writes the documents of one collection in one committed transaction. */
  write(collection: string, documents: readonly StoredDocument[]): void {
    if (documents.length === 0) return;
    this.database.transaction(() => {
      for (const document of documents) this.statements.upsert.run(collection, document._id, v8.serialize(document));
    })();
  }

  /** Deletes a collection's documents in one committed transaction. */
  clear(collection: string): void {
    this.statements.clear.run(collection);
  }

  /** Closes the database (checkpointing the WAL) and releases the lock. */
  close(): void {
    try {
      this.database.close();
    } finally {
      this.release();
    }
  }
}
