import { TEXT_INDEX_FIELDS, type CollectionName } from '../collections';

/** How a field's values are kept in its SQL column, so that SQL compares them as MongoDB does. */
export type ColumnType = 'text' | 'number' | 'date' | 'boolean';

/** A scalar field of the documents, copied into a column of the collection's table. */
export interface ScalarColumn {
  field: string;
  type: ColumnType;
}

/**
 * The SQL shape of one collection: the table holds `rid` (SQLite's rowid, which the side and
 * text tables point at), `id` (the document's `_id`, unique), `doc` (the whole document,
 * MessagePack) and one column per scalar field that a filter, an ordering or a join reads.
 * Array fields that filters or nested lists select on (`speakerIds`, ...) get a side table of
 * (value, rid) rows carrying the ordering columns too, so a page of one parent's documents is
 * read in order from an index, never sorted.
 */
export interface CollectionLayout {
  name: CollectionName;
  scalars: readonly ScalarColumn[];
  /** Array-of-id fields, one side table each. */
  multikey: readonly string[];
  /** Array-of-text fields a `...Contains` filter reads, kept as one text column (elements joined). */
  textArrays: readonly string[];
  /** The orderings lists offer, each ending with `_id`: every one is an index, and a side-table index. */
  orderings: ReadonlyArray<readonly string[]>;
  /** Equality fields a list selects on, indexed with each ordering after them (equality, then sort). */
  equalityFields: readonly string[];
  /** Equality + range pairs that filters combine (stance with a date range). */
  rangeIndexes: ReadonlyArray<readonly [string, string]>;
  /** The full-text columns and their weights. */
  textFields: Readonly<Record<string, number>>;
}

export const LAYOUTS: Readonly<Record<CollectionName, CollectionLayout>> = {
  articles: {
    name: 'articles',
    scalars: [
      { field: 'publisherId', type: 'text' },
      { field: 'publishedAt', type: 'date' },
      { field: 'title', type: 'text' },
    ],
    multikey: [],
    textArrays: [],
    orderings: [['publishedAt', '_id'], ['title', '_id']],
    equalityFields: ['publisherId'],
    rangeIndexes: [],
    textFields: TEXT_INDEX_FIELDS.articles,
  },
  statements: {
    name: 'statements',
    scalars: [
      { field: 'articleId', type: 'text' },
      { field: 'position', type: 'number' },
      { field: 'madeAt', type: 'date' },
      { field: 'stance', type: 'text' },
      { field: 'quoteKind', type: 'text' },
      { field: 'viaId', type: 'text' },
      { field: 'respondsToId', type: 'text' },
      { field: 'respondsToReportId', type: 'text' },
      { field: 'claim', type: 'text' },
    ],
    multikey: ['speakerIds', 'derivations.sourceIds'],
    textArrays: ['quotes'],
    orderings: [['articleId', 'position', '_id'], ['madeAt', '_id']],
    equalityFields: ['viaId', 'respondsToId', 'respondsToReportId', 'stance', 'quoteKind'],
    rangeIndexes: [['stance', 'madeAt']],
    textFields: TEXT_INDEX_FIELDS.statements,
  },
  actors: {
    name: 'actors',
    scalars: [
      { field: 'name', type: 'text' },
      { field: 'kind', type: 'text' },
      { field: 'named', type: 'boolean' },
      { field: 'country', type: 'text' },
      { field: 'affiliationId', type: 'text' },
    ],
    multikey: [],
    textArrays: ['aliases'],
    orderings: [['name', '_id']],
    equalityFields: ['affiliationId', 'kind', 'country'],
    rangeIndexes: [],
    textFields: TEXT_INDEX_FIELDS.actors,
  },
  reports: {
    name: 'reports',
    scalars: [
      { field: 'publisherId', type: 'text' },
      { field: 'publishedAt', type: 'date' },
      { field: 'kind', type: 'text' },
    ],
    multikey: ['sourceIds', 'relayIds'],
    textArrays: [],
    orderings: [['publishedAt', '_id']],
    equalityFields: ['publisherId', 'kind'],
    rangeIndexes: [],
    textFields: TEXT_INDEX_FIELDS.reports,
  },
};

/** Fields whose values live in a column of the collection's table (the ordering columns a side table copies too). */
export function orderingFields(layout: CollectionLayout): string[] {
  return [...new Set(layout.orderings.flat().filter((field) => field !== '_id'))];
}

/** Quotes an SQL identifier. Every identifier comes from the layout, never from a request. */
export function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** The column that holds a field (`_id` is `id`). */
export function columnOf(field: string): string {
  return field === '_id' ? 'id' : field;
}

export const sideTableOf = (collection: CollectionName, field: string): string => `${collection}__${field}`;
export const textTableOf = (collection: CollectionName): string => `${collection}__text`;

/** The SQL that creates a collection's tables and indexes; every statement is idempotent. */
export function createStatements(layout: CollectionLayout): string[] {
  const table = quoted(layout.name);
  // Columns without a declared type keep values as given (no affinity conversions): dates as
  // milliseconds, booleans as 0/1, so SQL orders and compares them as MongoDB does.
  const columns = [...layout.scalars.map((column) => column.field), ...layout.textArrays].map(quoted);
  const sql = [`CREATE TABLE IF NOT EXISTS ${table} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc BLOB NOT NULL, ${columns.join(', ')})`];
  const index = (name: string, on: string, fields: readonly string[]) =>
    `CREATE INDEX IF NOT EXISTS ${quoted(`${name}__${fields.join('_')}`)} ON ${quoted(on)} (${fields.map((field) => quoted(columnOf(field))).join(', ')})`;
  for (const ordering of layout.orderings) sql.push(index(layout.name, layout.name, ordering));
  for (const field of layout.equalityFields) for (const ordering of [['_id'], ...layout.orderings]) sql.push(index(layout.name, layout.name, [field, ...ordering]));
  for (const [equality, range] of layout.rangeIndexes) sql.push(index(layout.name, layout.name, [equality, range, '_id']));
  const carried = orderingFields(layout);
  for (const field of layout.multikey) {
    const side = sideTableOf(layout.name, field);
    const columns = ['value TEXT NOT NULL', 'rid INTEGER NOT NULL', 'id TEXT NOT NULL', ...carried.map(quoted), 'PRIMARY KEY (value, id)'];
    sql.push(`CREATE TABLE IF NOT EXISTS ${quoted(side)} (${columns.join(', ')}) WITHOUT ROWID`);
    sql.push(`CREATE INDEX IF NOT EXISTS ${quoted(`${side}__rid`)} ON ${quoted(side)} (rid)`);
    for (const ordering of layout.orderings) sql.push(index(side, side, ['value', ...ordering]));
  }
  const textColumns = Object.keys(layout.textFields).map(quoted).join(', ');
  sql.push(`CREATE VIRTUAL TABLE IF NOT EXISTS ${quoted(textTableOf(layout.name))} USING fts5(${textColumns}, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`);
  return sql;
}
