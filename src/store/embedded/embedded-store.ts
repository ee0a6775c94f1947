import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COLLECTION_NAMES, type CollectionName } from '../collections';
import { lockDataDirectory } from '../data-directory-lock';
import type {
  BulkLoadTarget,
  CallLimits,
  ChainLink,
  DocumentOf,
  Filter,
  FindOptions,
  PageQuery,
  SourceCitation,
  SpeakerTally,
  StagedUpsertSummary,
  StagedWrite,
  StagedWriteOptions,
  Store,
  StoredDocument,
  TextHit,
  UpsertSummary,
} from '../store';
import { StoreTimeoutError } from '../store-errors';
import { TurnTaking } from '../turn-taking';
import { filterSql, sqlValue, valueList, type SqlPart } from './filter-sql';
import { CACHE_KIB, DATABASE_FILE, finishLoadingFile, openConnections, removeLoadingFile, replaceDatabaseFile, startLoadingFile } from './database-files';
import { quoted } from './layout';
import { columnValues, decodeDocument, encodeDocument, multikeyValues, textValues } from './rows';
import { CollectionTable, StatementCache } from './sql-tables';
import { ftsQuery } from './text-query';

/** The file of the layout before this one (every document in one table), which this engine does not read. */
const PREVIOUS_LAYOUT_FILE = 'embedded.sqlite';

/** A read's deadline, checked by the SQL functions that run per row (a `$regex` scan), so a long scan stops in time. */
interface RunningRead {
  deadline: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

const compiledPatterns = new Map<string, RegExp>();
function compiledPattern(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let pattern = compiledPatterns.get(key);
  if (!pattern) {
    if (compiledPatterns.size > 500) compiledPatterns.clear();
    pattern = new RegExp(source, flags.replace(/[^imsu]/g, ''));
    compiledPatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * The embedded engine: an embedded SQLite database with one table per collection, B-tree indexes
 * on the columns lists filter and order by, side tables for arrays of ids, FTS5 for search and
 * recursive CTEs for chains (see README.md beside this file). Documents stay on disk and are read
 * through SQLite's page cache; opening reads nothing but the schema.
 *
 * Two connections: reads go through one and always see the last committed state; writes go
 * through the other, each upsert or delete one transaction, a staged write one transaction until
 * its commit, or, when it makes the whole database (a first load, or one replacing everything),
 * a new file renamed into place at its commit. Reads made for a request take turns on the event
 * loop (`TurnTaking`).
 */
export class EmbeddedStore implements Store, BulkLoadTarget {
  readonly engine = 'embedded' as const;
  private readonly tables = new Map<CollectionName, CollectionTable>();
  private reader!: Database.Database;
  private writer: Database.Database | undefined;
  private reads!: StatementCache;
  private writes!: StatementCache;
  private readonly turns = new TurnTaking();
  private running: RunningRead | undefined;
  private staging = false;
  private closed = false;
  /** `sourceCitations` counts, kept until the next write: they read every side-table row. */
  private citations: SourceCitation[] | undefined;
  /** Gives up the open staged write, if any (at close). */
  private abandonStaged: (() => void) | undefined;

  private constructor(
    private readonly directory: string,
    connections: { reader: Database.Database; writer?: Database.Database },
    private readonly release: () => void,
  ) {
    for (const name of COLLECTION_NAMES) this.tables.set(name, new CollectionTable(name));
    this.attach(connections);
  }

  /** Reads and writes through these connections from now on (at opening, and after a new file replaced the database). */
  private attach({ reader, writer }: { reader: Database.Database; writer?: Database.Database }): void {
    for (const database of [reader, writer]) {
      database?.function('regexp_matches', { deterministic: true }, (source, flags, value) => {
        this.checkTime();
        return typeof value === 'string' && compiledPattern(String(source), String(flags)).test(value) ? 1 : 0;
      });
    }
    this.reader = reader;
    this.writer = writer;
    this.reads = new StatementCache(reader);
    this.writes = new StatementCache(writer ?? reader);
  }

  /** A store in a new temporary directory, removed at close: for tests and tools. */
  static temporary(): EmbeddedStore {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'attribution-store-'));
    return EmbeddedStore.openIn(directory, () => fs.rmSync(directory, { recursive: true, force: true }));
  }

  /** Opens the store in `dataDirectory` (created if missing), holding its single-writer lock. */
  static async open(dataDirectory: string): Promise<EmbeddedStore> {
    fs.mkdirSync(dataDirectory, { recursive: true });
    const previous = path.join(dataDirectory, PREVIOUS_LAYOUT_FILE);
    if (fs.existsSync(previous) && !fs.existsSync(path.join(dataDirectory, DATABASE_FILE))) {
      throw new Error(`${previous} holds documents in the storage layout before tables and indexes, which this version does not read. Move it aside and load your bundles again (npm run seed -- <files>).`);
    }
    const release = lockDataDirectory(dataDirectory);
    try {
      return EmbeddedStore.openIn(dataDirectory, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * Opens the committed state of `dataDirectory` read-only, without its lock (a dry run beside a
   * running gateway): reads work, a staged write only counts what it would do.
   */
  static openReadOnly(dataDirectory: string): EmbeddedStore | undefined {
    const file = path.join(dataDirectory, DATABASE_FILE);
    if (!fs.existsSync(file)) return undefined;
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    reader.pragma(`cache_size = -${CACHE_KIB}`);
    return new EmbeddedStore(dataDirectory, { reader }, () => undefined);
  }

  /** Opens the store in `directory`, whose lock the caller holds: a loading file there is what a killed load left. */
  private static openIn(directory: string, release: () => void): EmbeddedStore {
    removeLoadingFile(directory);
    return new EmbeddedStore(directory, openConnections(path.join(directory, DATABASE_FILE)), release);
  }

  // ---- reads -------------------------------------------------------------------------------

  async find<C extends CollectionName>(collection: C, filter: Filter, options: FindOptions = {}, limits?: CallLimits): Promise<Array<DocumentOf<C>>> {
    type T = DocumentOf<C>;
    await this.takeTurn(limits);
    const table = this.table(collection);
    const page = options.limit === undefined ? (options.skip ? ' LIMIT -1 OFFSET ?' : '') : options.skip ? ' LIMIT ? OFFSET ?' : ' LIMIT ?';
    const pageParams = [...(options.limit === undefined ? [] : [options.limit]), ...(options.skip ? [options.skip] : [])];
    // One id in an array field, and an order its side table carries: read the side table's index
    // in that order (as a nested page does), not every holder of the id, sorted.
    const throughSide = options.sort ? table.sideEquality(filter, options.sort) : undefined;
    let sql: string;
    let params: unknown[];
    if (throughSide) {
      const where = table.where(throughSide.rest, throughSide.field, options.sort);
      sql = table.sidePageSql(throughSide.field, where, options.sort, page);
      params = [throughSide.value, ...where.params];
    } else {
      const where = table.where(filter, undefined, options.sort);
      sql = `SELECT t.doc FROM ${table.table} t WHERE ${where.sql}${table.orderBy(options.sort)}${page}`;
      params = where.params;
    }
    const rows = this.run(limits, () => this.reads.get(sql).pluck().all(...params, ...pageParams) as Buffer[]);
    const documents = rows.map((row) => decodeDocument<T>(row));
    return options.projection ? documents.map((document) => project(document, options.projection as Record<string, unknown>)) : documents;
  }

  async count(collection: CollectionName, filter: Filter, limits?: CallLimits): Promise<number> {
    await this.takeTurn(limits);
    const table = this.table(collection);
    // A search's total alone is counted in the full-text index, without reading each match's row.
    const search = Object.keys(filter).length === 1 ? (filter.$text as { $search?: unknown } | undefined)?.$search : undefined;
    if (typeof search === 'string') {
      const query = ftsQuery(search);
      if (query === undefined) return 0;
      return this.run(limits, () => this.reads.get(`SELECT count(*) FROM ${table.text} WHERE ${table.text} MATCH ?`).pluck().get(query) as number);
    }
    const where = table.where(filter);
    return this.run(limits, () => this.reads.get(`SELECT count(*) FROM ${table.table} t WHERE ${where.sql}`).pluck().get(...where.params) as number);
  }

  async pagesByReference<C extends CollectionName>(collection: C, field: string, parentIds: readonly string[], page: PageQuery, limits?: CallLimits): Promise<Map<string, Array<DocumentOf<C>>>> {
    type T = DocumentOf<C>;
    await this.takeTurn(limits);
    const table = this.table(collection);
    const pages = new Map<string, T[]>();
    // One indexed walk per parent: its page is read in order from an index (equality, then the
    // ordering), never sorted, so a parent with many documents costs what its page costs.
    const multikey = table.isMultikey(field);
    const where = table.where(page.filter, multikey ? field : undefined, page.sort);
    const sql = multikey
      ? table.sidePageSql(field, where, page.sort, ' LIMIT ?')
      : `SELECT t.doc FROM ${table.table} t WHERE ${table.place(field).kind === 'scalar' ? `t.${quoted(field)}` : 'NULL'} = ? AND (${where.sql})${table.orderBy(page.sort)} LIMIT ?`;
    const statement = this.reads.get(sql).pluck();
    this.run(limits, () => {
      for (const parentId of new Set(parentIds)) {
        const rows = statement.all(parentId, ...where.params, page.limit) as Buffer[];
        if (rows.length > 0) pages.set(parentId, rows.map((row) => decodeDocument<T>(row)));
      }
    });
    return pages;
  }

  async countsByReference(collection: CollectionName, field: string, parentIds: readonly string[], filter: Filter, limits?: CallLimits): Promise<Map<string, number>> {
    await this.takeTurn(limits);
    const table = this.table(collection);
    const multikey = table.isMultikey(field);
    const where = table.where(filter, multikey ? field : undefined);
    const parents = valueList([...new Set(parentIds)]);
    // A count the side table answers alone (no condition on the documents' own columns) is an
    // index range count; joining each side row to its document would cost a row read per child.
    const side = where.readsTable ? `${table.side(field)} s JOIN ${table.table} t ON t.rid = s.rid` : `${table.side(field)} s`;
    const sql = multikey
      ? `SELECT s.value, count(*) FROM ${side} WHERE s.value IN ${parents.sql} AND (${where.sql}) GROUP BY s.value`
      : `SELECT t.${quoted(field)}, count(*) FROM ${table.table} t WHERE t.${quoted(field)} IN ${parents.sql} AND (${where.sql}) GROUP BY t.${quoted(field)}`;
    if (!table.isMultikey(field)) table.place(field);
    const rows = this.run(limits, () => this.reads.get(sql).raw().all(...parents.params, ...where.params) as Array<[string, number]>);
    return new Map(rows);
  }

  async chains<C extends CollectionName>(collection: C, rootIds: readonly string[], field: string, maxDepth: number, limits?: CallLimits): Promise<Array<{ root: DocumentOf<C>; chain: Array<ChainLink<DocumentOf<C>>> }>> {
    type T = DocumentOf<C>;
    await this.takeTurn(limits);
    const table = this.table(collection);
    const roots = valueList([...new Set(rootIds)]);
    // The ids a document links to: a scalar column, or its side-table rows.
    const next = table.isMultikey(field)
      ? `SELECT s.value FROM ${table.side(field)} s WHERE s.rid = c.rid`
      : (table.place(field), `SELECT c.${quoted(field)}`);
    const sql =
      `WITH RECURSIVE walk(root, rid, depth) AS (` +
      `SELECT c.id, n.rid, 1 FROM ${table.table} c JOIN ${table.table} n ON n.id IN (${next}) WHERE c.id IN ${roots.sql} AND ? > 0 ` +
      `UNION SELECT w.root, n.rid, w.depth + 1 FROM walk w JOIN ${table.table} c ON c.rid = w.rid JOIN ${table.table} n ON n.id IN (${next}) WHERE w.depth < ?) ` +
      `SELECT w.root, min(w.depth), t.id, t.doc FROM walk w JOIN ${table.table} t ON t.rid = w.rid WHERE t.id <> w.root GROUP BY w.root, w.rid`;
    return this.run(limits, () => {
      const rootRows = this.reads.get(`SELECT t.id, t.doc FROM ${table.table} t WHERE t.id IN ${roots.sql}`).raw().all(...roots.params) as Array<[string, Buffer]>;
      const links = this.reads.get(sql).raw().all(...roots.params, maxDepth, maxDepth) as Array<[string, number, string, Buffer]>;
      const byRoot = new Map<string, Array<ChainLink<T> & { id: string }>>();
      for (const [root, depth, id, doc] of links) {
        const chain = byRoot.get(root) ?? [];
        chain.push({ depth, id, document: decodeDocument<T>(doc) });
        byRoot.set(root, chain);
      }
      return rootRows.map(([id, doc]) => ({
        root: decodeDocument<T>(doc),
        chain: (byRoot.get(id) ?? []).sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1)).map(({ depth, document }) => ({ depth, document })),
      }));
    });
  }

  async textSearch<C extends CollectionName>(collection: C, search: string, limit: number, after?: Filter, limits?: CallLimits): Promise<Array<TextHit<DocumentOf<C>>>> {
    type T = DocumentOf<C>;
    await this.takeTurn(limits);
    const table = this.table(collection);
    const query = ftsQuery(search);
    if (query === undefined) return [];
    const weights = Object.values(table.layout.textFields).join(', ');
    // bm25 is negative, better matches lower: its negation is a relevance, higher is better.
    const score = `-bm25(${table.text}, ${weights})`;
    return this.run(limits, () => {
      // First in the full-text index alone: every match is scored there, but no match's row is
      // read, only the page's. Ties in score are ordered by id, which the index does not hold:
      // the page is exact when the score after it is lower than its last; otherwise the query
      // below orders by (score, id) with every match's id.
      const indexCursor = after ? searchCursorSql(after, `(SELECT id FROM ${table.table} WHERE rid = m.rid)`) : undefined;
      const ranked = this.reads
        .get(`SELECT m.rid, m.score FROM (SELECT rowid AS rid, ${score} AS score FROM ${table.text} WHERE ${table.text} MATCH ?) m WHERE ${indexCursor?.sql ?? '1'} ORDER BY m.score DESC LIMIT ?`)
        .raw()
        .all(query, ...(indexCursor?.params ?? []), limit + 1) as Array<[number, number]>;
      const last = ranked[limit - 1];
      const next = ranked[limit];
      if (!(last && next && last[1] === next[1])) {
        const page = ranked.slice(0, limit);
        const rids = valueList(page.map(([rid]) => rid));
        const scores = new Map(page);
        const rows = this.reads.get(`SELECT t.rid, t.id, t.doc FROM ${table.table} t WHERE t.rid IN ${rids.sql}`).raw().all(...rids.params) as Array<[number, string, Buffer]>;
        return rows
          .map(([rid, id, doc]) => ({ id, score: scores.get(rid) as number, doc }))
          .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
          .map(({ score: relevance, doc }) => ({ score: relevance, document: decodeDocument<T>(doc) }));
      }
      const cursor = after ? searchCursorSql(after, 'm.id') : undefined;
      const matches = `SELECT t.rid AS rid, t.id AS id, ${score} AS score FROM ${table.text} JOIN ${table.table} t ON t.rid = ${table.text}.rowid WHERE ${table.text} MATCH ?`;
      // The page is chosen on (rid, id, score) alone, then its documents read: ordering the
      // documents themselves would read every match's document (an article's whole body) into
      // the sorter. A subquery with LIMIT is not flattened into the join, so this order holds.
      const page = `SELECT m.rid, m.id, m.score FROM (${matches}) m WHERE ${cursor?.sql ?? '1'} ORDER BY m.score DESC, m.id ASC LIMIT ?`;
      const sql = `SELECT p.score, t.doc FROM (${page}) p JOIN ${table.table} t ON t.rid = p.rid ORDER BY p.score DESC, p.id ASC`;
      const rows = this.reads.get(sql).raw().all(query, ...(cursor?.params ?? []), limit) as Array<[number, Buffer]>;
      return rows.map(([relevance, doc]) => ({ score: relevance, document: decodeDocument<T>(doc) }));
    });
  }

  async speakerTallies(speakerIds: readonly string[], limits?: CallLimits): Promise<SpeakerTally[]> {
    await this.takeTurn(limits);
    const speakers = valueList([...new Set(speakerIds)]);
    const sql =
      `SELECT s.value, t.stance, t.articleId, count(*) FROM "statements__speakerIds" s JOIN statements t ON t.rid = s.rid ` +
      `WHERE s.value IN ${speakers.sql} GROUP BY s.value, t.stance, t.articleId`;
    const rows = this.run(limits, () => this.reads.get(sql).raw().all(...speakers.params) as Array<[string, string, string, number]>);
    return rows.map(([speakerId, stance, articleId, count]) => ({ speakerId, stance, articleId, count }));
  }

  async sourceCitations(limit: number, kinds: readonly string[] | null, limits?: CallLimits): Promise<SourceCitation[]> {
    await this.takeTurn(limits);
    this.citations ??= this.run(undefined, () => {
      const sql =
        `SELECT id, sum(statements), sum(reports), sum(claims) FROM (` +
        `SELECT value AS id, count(*) AS statements, 0 AS reports, 0 AS claims FROM "statements__speakerIds" GROUP BY value ` +
        `UNION ALL SELECT value, 0, count(*), 0 FROM "reports__sourceIds" GROUP BY value ` +
        `UNION ALL SELECT value, 0, 0, count(*) FROM "statements__derivations.sourceIds" GROUP BY value) GROUP BY id`;
      const rows = this.reads.get(sql).raw().all() as Array<[string, number, number, number]>;
      return rows
        .map(([id, statementCount, reportCount, claimCount]) => ({ _id: id, statementCount, reportCount, claimCount, total: statementCount + reportCount }))
        .sort((a, b) => b.total - a.total || (a._id < b._id ? -1 : 1));
    });
    const ranked = this.citations;
    if (!kinds) return ranked.slice(0, limit);
    const wanted = new Set(kinds);
    const kindOf = (ids: readonly string[]) => {
      const list = valueList(ids);
      return this.reads.get(`SELECT id, kind FROM actors t WHERE id IN ${list.sql}`).raw().all(...list.params) as Array<[string, string]>;
    };
    const chosen: SourceCitation[] = [];
    // Walk the ranking in slices, looking each slice's kinds up, until the page is full.
    for (let offset = 0; offset < ranked.length && chosen.length < limit; offset += 500) {
      const slice = ranked.slice(offset, offset + 500);
      const kindsOf = new Map(kindOf(slice.map((entry) => entry._id)));
      for (const entry of slice) if (chosen.length < limit && wanted.has(kindsOf.get(entry._id) ?? '')) chosen.push(entry);
    }
    return chosen;
  }

  /**
   * Runs `action` and returns, for each distinct SQL read it ran, SQLite's query plan
   * (`EXPLAIN QUERY PLAN`): which index each step uses, and whether anything is scanned or
   * sorted. For tests and for operators checking a query shape.
   */
  async explainReads<T>(action: () => Promise<T>): Promise<{ result: T; plans: Array<{ sql: string; plan: string[] }> }> {
    const seen = new Map<string, readonly unknown[]>();
    this.reads.observer = (sql, params) => {
      if (!seen.has(sql)) seen.set(sql, params);
    };
    let result: T;
    try {
      result = await action();
    } finally {
      this.reads.observer = undefined;
    }
    // With the values the read bound: SQLite may plan by them (its statistics of key values).
    const plans = [...seen].map(([sql, params]) => ({ sql, plan: (this.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail) }));
    return { result, plans };
  }

  // ---- writes ------------------------------------------------------------------------------

  async upsertMany(collection: CollectionName, documents: readonly StoredDocument[]): Promise<UpsertSummary> {
    this.assertWritable();
    this.assertNotStaging();
    const writer = this.writer as Database.Database;
    const { updatedIds: _updated, ...summary } = writer.transaction(() => this.upsertRows(this.writes, collection, documents))();
    if (summary.inserted + summary.updated > 0) this.citations = undefined;
    return summary;
  }

  async deleteMany(collection: CollectionName, ids: readonly string[]): Promise<number> {
    this.assertWritable();
    this.assertNotStaging();
    const removed = (this.writer as Database.Database).transaction(() => this.deleteRows(this.writes, collection, ids))();
    if (removed > 0) this.citations = undefined;
    return removed;
  }

  async clear(collection: CollectionName): Promise<number> {
    this.assertWritable();
    this.assertNotStaging();
    const removed = (this.writer as Database.Database).transaction(() => this.clearRows(collection))();
    this.citations = undefined;
    return removed;
  }

  /**
   * A write seen by nobody until `commit`, all or nothing: a kill before the commit leaves the
   * store as it was. Reads (on the other connection) see the last commit meanwhile; other writes
   * are refused. Into an empty store, or replacing everything, it builds a new database file
   * (`stagedFileWrite`); otherwise it is one transaction on the database.
   */
  beginStagedWrite(options: StagedWriteOptions = {}): StagedWrite {
    this.assertOpen();
    this.assertNotStaging();
    const writer = this.writer;
    if (!writer) return this.countingStagedWrite(options);
    const empty = COLLECTION_NAMES.every((name) => this.writes.get(`SELECT NOT EXISTS (SELECT 1 FROM ${quoted(name)})`).pluck().get() === 1);
    return options.replace === true || empty ? this.stagedFileWrite(writer) : this.stagedTransaction(writer);
  }

  /** A staged write as one transaction on the database: rows go into its kept-up indexes. */
  private stagedTransaction(writer: Database.Database): StagedWrite {
    writer.exec('BEGIN IMMEDIATE');
    const end = (sql: 'COMMIT' | 'ROLLBACK') => {
      try {
        if (writer.inTransaction) writer.exec(sql);
      } finally {
        this.endStaging();
      }
    };
    this.beginStaging(() => end('ROLLBACK'));
    const writes = this.writes;
    return {
      upsertMany: async (collection, documents) => this.upsertRows(writes, collection, documents),
      deleteMany: async (collection, ids) => this.deleteRows(writes, collection, ids),
      commit: async () => end('COMMIT'),
      abort: async () => end('ROLLBACK'),
    };
  }

  /**
   * A staged write that makes the whole database: rows go into a new file without secondary
   * indexes, which are built at the commit (a B-tree built from sorted keys costs a fraction of
   * one kept up row by row), and every page is written once, not first to the write-ahead log.
   * The commit then renames the file over the database.
   */
  private stagedFileWrite(writer: Database.Database): StagedWrite {
    const loading = startLoadingFile(this.directory);
    const discard = () => {
      try {
        if (loading.database.open) loading.database.close();
        removeLoadingFile(this.directory);
      } finally {
        this.endStaging();
      }
    };
    this.beginStaging(discard);
    const writes = new StatementCache(loading.database);
    return {
      upsertMany: async (collection, documents) => this.upsertRows(writes, collection, documents),
      deleteMany: async (collection, ids) => this.deleteRows(writes, collection, ids),
      commit: async () => {
        try {
          finishLoadingFile(loading.database, loading.file);
          this.replaceDatabase(writer);
        } finally {
          discard();
        }
      },
      abort: async () => discard(),
    };
  }

  /**
   * Puts the finished loading file in the database's place and reopens on it. Every committed
   * write must be in the old file and no connection may still read through its log first; a
   * reader in another process (a dry run) would keep the log, so the commit is refused then.
   */
  private replaceDatabase(writer: Database.Database): void {
    const [checkpoint] = writer.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint?.busy) throw new Error(`Another process is reading ${path.join(this.directory, DATABASE_FILE)}; the load was not committed. Run it again once that process ends.`);
    this.reader.close();
    writer.close();
    try {
      replaceDatabaseFile(this.directory);
    } finally {
      // On the new file, or on the old one, whole, if it could not be replaced.
      this.attach(openConnections(path.join(this.directory, DATABASE_FILE)));
    }
  }

  private beginStaging(abandon: () => void): void {
    this.staging = true;
    this.abandonStaged = abandon;
  }

  private endStaging(): void {
    this.staging = false;
    this.abandonStaged = undefined;
    this.citations = undefined;
  }

  async findByIds<T extends StoredDocument>(collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
    return this.findByField<T>(collection, '_id', ids, fields);
  }

  async listIds(collection: CollectionName): Promise<string[]> {
    const table = this.table(collection);
    return this.reads.get(`SELECT id FROM ${table.table}`).pluck().all() as string[];
  }

  /** Reads what is committed: a load checks its records against what is stored, not what it staged. */
  async findByField<T extends StoredDocument>(collection: CollectionName, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]> {
    const table = this.table(collection);
    const where = table.where({ [field]: { $in: values } });
    const rows = this.reads.get(`SELECT t.doc FROM ${table.table} t WHERE ${where.sql}`).pluck().all(...where.params) as Buffer[];
    const projection = Object.fromEntries(['_id', ...fields].map((name) => [name, 1]));
    return rows.map((row) => project(decodeDocument<T>(row), projection));
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      // A staged write still open is given up, never half-committed.
      this.abandonStaged?.();
      this.reader.close();
      this.writer?.close();
    } finally {
      this.release();
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private upsertRows(writes: StatementCache, collection: CollectionName, documents: readonly StoredDocument[]): StagedUpsertSummary {
    const table = this.table(collection);
    const { layout } = table;
    const ids = valueList([...new Set(documents.map((document) => document._id))]);
    const stored = new Map(writes.get(`SELECT id, rid, doc FROM ${table.table} WHERE id IN ${ids.sql}`).raw().all(...ids.params).map((row) => {
      const [id, rid, doc] = row as [string, number, Buffer];
      return [id, { rid, doc }];
    }));
    const { summary, changes } = compareUpserts(documents, (id) => stored.get(id)?.doc);
    // Each document is known new or stored here, so it is a plain INSERT or an UPDATE by rowid:
    // far cheaper in SQLite than an upsert.
    const insert = writes.get(table.writeSql.insert);
    const update = writes.get(table.writeSql.update);
    for (const { document, bytes } of changes) {
      const previous = stored.get(document._id);
      let rid: number;
      if (previous) {
        this.removeIndexRows(writes, table, previous.rid, decodeDocument<StoredDocument>(previous.doc));
        update.run(bytes, ...columnValues(layout, document), previous.rid);
        rid = previous.rid;
      } else rid = Number(insert.run(document._id, bytes, ...columnValues(layout, document)).lastInsertRowid);
      this.addIndexRows(writes, table, rid, document);
    }
    return summary;
  }

  private addIndexRows(writes: StatementCache, table: CollectionTable, rid: number, document: StoredDocument): void {
    const record = document as unknown as Record<string, unknown>;
    for (const side of table.writeSql.sides) {
      const values = multikeyValues(document, side.field);
      if (values.length === 0) continue;
      const insert = writes.get(side.insert);
      const carried = side.carried.map((name) => sqlValue(record[name]));
      for (const value of values) insert.run(value, rid, record._id, ...carried);
    }
    const texts = textValues(table.layout, document);
    if (texts.some((text) => text.length > 0)) writes.get(table.writeSql.textInsert).run(rid, ...texts);
  }

  /** Removes a stored document's side-table and text rows (`document` is what is stored). */
  private removeIndexRows(writes: StatementCache, table: CollectionTable, rid: number, document: StoredDocument): void {
    for (const side of table.writeSql.sides) {
      const remove = writes.get(side.delete);
      for (const value of multikeyValues(document, side.field)) remove.run(value, document._id);
    }
    writes.get(table.writeSql.textDelete).run(rid);
  }

  private deleteRows(writes: StatementCache, collection: CollectionName, ids: readonly string[]): number {
    const table = this.table(collection);
    const list = valueList([...new Set(ids)]);
    const rows = writes.get(`SELECT rid, doc FROM ${table.table} WHERE id IN ${list.sql}`).raw().all(...list.params) as Array<[number, Buffer]>;
    const remove = writes.get(`DELETE FROM ${table.table} WHERE rid = ?`);
    for (const [rid, doc] of rows) {
      this.removeIndexRows(writes, table, rid, decodeDocument<StoredDocument>(doc));
      remove.run(rid);
    }
    return rows.length;
  }

  private clearRows(collection: CollectionName): number {
    const table = this.table(collection);
    const removed = this.writes.get(`SELECT count(*) FROM ${table.table}`).pluck().get() as number;
    for (const field of table.layout.multikey) this.writes.get(`DELETE FROM ${table.side(field)}`).run();
    this.writes.get(`DELETE FROM ${table.text}`).run();
    this.writes.get(`DELETE FROM ${table.table}`).run();
    return removed;
  }

  /** A dry run's staged write on a read-only store: counts what a load would do, writes nothing. */
  private countingStagedWrite(options: StagedWriteOptions): StagedWrite {
    const staged = new Map<string, Buffer>();
    return {
      upsertMany: async (collection, documents) => {
        const table = this.table(collection);
        const ids = valueList([...new Set(documents.map((document) => document._id))]);
        const stored = options.replace ? new Map<string, Buffer>() : new Map(this.reads.get(`SELECT id, doc FROM ${table.table} WHERE id IN ${ids.sql}`).raw().all(...ids.params) as Array<[string, Buffer]>);
        const key = (id: string) => `${collection}\u0000${id}`;
        const { summary, changes } = compareUpserts(documents, (id) => staged.get(key(id)) ?? stored.get(id));
        for (const { document, bytes } of changes) staged.set(key(document._id), bytes);
        return summary;
      },
      deleteMany: async (collection, ids) => (options.replace ? 0 : this.count(collection, { _id: { $in: [...new Set(ids)] } })),
      commit: async () => undefined,
      abort: async () => undefined,
    };
  }

  /** Waits for the caller's turn (reads outside a request run at once), then starts the clock on it. */
  private async takeTurn(limits: CallLimits | undefined): Promise<void> {
    this.assertOpen();
    if (!limits) return;
    const started = performance.now();
    await this.turns.turn(limits.caller ?? limits);
    limits.signal?.throwIfAborted();
    if (performance.now() - started >= limits.timeoutMs) throw new StoreTimeoutError(limits.timeoutMs, 'store query');
  }

  /** Runs SQL for a read: per-row functions stop it at the call's time limit. */
  private run<T>(limits: CallLimits | undefined, work: () => T): T {
    this.assertOpen();
    this.running = limits ? { deadline: performance.now() + limits.timeoutMs, timeoutMs: limits.timeoutMs, signal: limits.signal } : undefined;
    try {
      return work();
    } finally {
      this.running = undefined;
    }
  }

  private checkTime(): void {
    const running = this.running;
    if (!running) return;
    running.signal?.throwIfAborted();
    if (performance.now() > running.deadline) throw new StoreTimeoutError(running.timeoutMs, 'store query');
  }

  private table(name: CollectionName): CollectionTable {
    this.assertOpen();
    const found = this.tables.get(name);
    if (!found) throw new Error(`Unknown collection "${name}"; expected one of ${COLLECTION_NAMES.join(', ')}`);
    return found;
  }

  private assertWritable(): void {
    this.assertOpen();
    if (!this.writer) throw new Error('This embedded store is open read-only');
  }

  private assertNotStaging(): void {
    if (this.staging) throw new Error('A staged bulk write is open on the embedded store; write after it commits or aborts');
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The embedded store is closed');
  }
}

/**
 * What upserting `documents` does, given the bytes already there for an id (stored, or staged
 * earlier in the same write): the last of a batch's documents with one id wins, as with
 * sequential upserts, and a document whose encoding equals what is there is unchanged.
 */
function compareUpserts(documents: readonly StoredDocument[], previousOf: (id: string) => Buffer | undefined): { summary: StagedUpsertSummary; changes: Array<{ document: StoredDocument; bytes: Buffer }> } {
  const latest = new Map<string, StoredDocument>();
  for (const document of documents) latest.set(document._id, document);
  const summary: StagedUpsertSummary = { inserted: 0, updated: 0, unchanged: documents.length - latest.size, updatedIds: [] };
  const changes: Array<{ document: StoredDocument; bytes: Buffer }> = [];
  for (const document of latest.values()) {
    const bytes = encodeDocument(document);
    const previous = previousOf(document._id);
    if (previous?.equals(bytes)) {
      summary.unchanged += 1;
      continue;
    }
    if (previous) {
      summary.updated += 1;
      summary.updatedIds.push(document._id);
    } else summary.inserted += 1;
    changes.push({ document, bytes });
  }
  return { summary, changes };
}

/** A search cursor condition, on the match's score (`m.score`) and its id (read by `idSql`). */
function searchCursorSql(after: Filter, idSql: string): SqlPart {
  return filterSql(after, {
    place: (field) => {
      if (field === '__score') return { kind: 'scalar', sql: 'm.score' };
      if (field === '_id') return { kind: 'scalar', sql: idSql };
      throw new Error(`A search cursor reads __score and _id, not "${field}"`);
    },
  });
}

/** `document` with only the projected fields (and `_id`). */
function project<T>(document: T, projection: Record<string, unknown>): T {
  const record = document as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = { _id: record._id };
  for (const field of Object.keys(projection)) if (field in record) kept[field] = record[field];
  return kept as T;
}
