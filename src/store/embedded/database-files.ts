import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COLLECTION_NAMES } from '../collections';
import { createStatements, indexDefinitions, LAYOUTS, quoted, tableStatements } from './layout';

/** The database file in a data directory. */
export const DATABASE_FILE = 'attribution.sqlite';
/** The file a load into an empty store (or one replacing everything) builds, renamed over `DATABASE_FILE` at its commit. */
export const LOADING_FILE = 'attribution.loading.sqlite';
/** SQLite's page cache per connection: the working set of indexes and recent documents, not the corpus. */
export const CACHE_KIB = 64 * 1024;
const PAGE_SIZE = 16384;

/** The two connections of a writable store: reads see the last commit, writes go through the writer. */
export interface Connections {
  readonly reader: Database.Database;
  readonly writer: Database.Database;
}

/**
 * Opens `file` (created if missing) for reading and writing: WAL journal, every commit synced,
 * the layout's tables and indexes created, those of an earlier layout dropped.
 */
export function openConnections(file: string): Connections {
  const writer = new Database(file);
  try {
    writer.pragma(`page_size = ${PAGE_SIZE}`);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = FULL');
    writer.pragma(`cache_size = -${CACHE_KIB}`);
    writer.transaction(() => {
      dropStaleIndexes(writer);
      for (const name of COLLECTION_NAMES) for (const sql of createStatements(LAYOUTS[name])) writer.exec(sql);
    })();
    const reader = new Database(file, { readonly: true });
    reader.pragma(`cache_size = -${CACHE_KIB}`);
    return { reader, writer };
  } catch (error) {
    writer.close();
    throw error;
  }
}

/**
 * Starts a new database file beside the store's, for a load whose result replaces the whole
 * database: its tables without secondary indexes (built once, from sorted keys, at the end), one
 * transaction, and neither journal nor syncs, since nobody reads this file until it is complete,
 * synced and renamed into place. Whatever was left by a load killed earlier is overwritten.
 */
export function startLoadingFile(directory: string): { database: Database.Database; file: string } {
  const file = path.join(directory, LOADING_FILE);
  removeLoadingFile(directory);
  const database = new Database(file);
  try {
    database.pragma(`page_size = ${PAGE_SIZE}`);
    database.pragma('journal_mode = OFF');
    database.pragma('synchronous = OFF');
    database.pragma('locking_mode = EXCLUSIVE');
    database.pragma(`cache_size = -${CACHE_KIB}`);
    for (const name of COLLECTION_NAMES) for (const sql of tableStatements(LAYOUTS[name])) database.exec(sql);
    database.exec('BEGIN');
    return { database, file };
  } catch (error) {
    database.close();
    removeLoadingFile(directory);
    throw error;
  }
}

/** Builds the loading file's indexes, commits and closes it, and syncs it to disk. */
export function finishLoadingFile(database: Database.Database, file: string): void {
  for (const name of COLLECTION_NAMES) for (const index of indexDefinitions(LAYOUTS[name])) database.exec(index.sql);
  // No ANALYZE: without statistics SQLite plans every query by its shape, through the index the
  // plan made for it, as it would on a corpus of any size; with them, a small table is scanned
  // instead, and plans change as the data grows.
  database.exec('COMMIT');
  database.close();
  syncPath(file);
}

/** Removes a loading file (a load given up, or killed before its commit). */
export function removeLoadingFile(directory: string): void {
  fs.rmSync(path.join(directory, LOADING_FILE), { force: true });
}

/**
 * Renames the finished loading file over the database. The caller has checkpointed the
 * database's write-ahead log into it and closed every connection: a log left beside the new
 * file would be replayed into it, so it goes first. A kill before the rename leaves the old
 * database whole; after it, the new one, already synced; the directory is synced so the rename
 * itself survives a power cut.
 */
export function replaceDatabaseFile(directory: string): void {
  const file = path.join(directory, DATABASE_FILE);
  fs.rmSync(`${file}-wal`, { force: true });
  fs.rmSync(`${file}-shm`, { force: true });
  fs.renameSync(path.join(directory, LOADING_FILE), file);
  syncPath(directory);
}

function syncPath(target: string): void {
  // Windows cannot open a directory to sync it; its renames are durable through NTFS's own log.
  if (process.platform === 'win32' && fs.statSync(target).isDirectory()) return;
  const descriptor = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Drops the indexes an earlier layout made that this one does not (their names say their
 * columns), so they cost no writes; the ones this layout lacks are then created. Constraint
 * indexes SQLite makes itself (`sqlite_autoindex_...`) have no SQL and are left alone.
 */
function dropStaleIndexes(database: Database.Database): void {
  const planned = new Set(COLLECTION_NAMES.flatMap((name) => indexDefinitions(LAYOUTS[name]).map((definition) => definition.name)));
  const existing = database.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).pluck().all() as string[];
  for (const name of existing) if (!planned.has(name)) database.exec(`DROP INDEX ${quoted(name)}`);
}
