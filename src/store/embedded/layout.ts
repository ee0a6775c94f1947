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
  /** The orderings lists offer besides `_id` alone (which the unique `id` serves), each ending with `_id`. */
  orderings: ReadonlyArray<readonly string[]>;
  /**
   * The table's indexes, equality fields first, then the sort fields, then a range field (MongoDB's
   * ESR rule): every ordering; each parent a nested list hangs from, followed by the list's default
   * ordering; and the equality + range pairs filters combine (stance with a date range).
   */
  indexes: ReadonlyArray<readonly string[]>;
  /**
   * Per array field, the orderings its side table is indexed by after `value` (a parent's page in
   * any of them is an index walk); `value, _id` is the side table's key. Empty: only the key (the
   * side table then serves filters and counts).
   */
  sideOrderings: Readonly<Record<string, ReadonlyArray<readonly string[]>>>;
  /** Array fields chains follow from a document to the ids it holds: their side table is indexed by document too. */
  chainFields: readonly string[];
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
    indexes: [['publishedAt', '_id'], ['title', '_id'], ['publisherId', 'publishedAt', '_id']],
    sideOrderings: {},
    chainFields: [],
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
    indexes: [
      ['articleId', 'position', '_id'],
      ['madeAt', '_id'],
      ['viaId', 'articleId', 'position', '_id'],
      ['respondsToId', 'articleId', 'position', '_id'],
      ['respondsToReportId', 'articleId', 'position', '_id'],
      ['stance', 'madeAt', '_id'],
    ],
    sideOrderings: { speakerIds: [['articleId', 'position', '_id'], ['madeAt', '_id']], 'derivations.sourceIds': [] },
    chainFields: [],
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
    indexes: [['name', '_id'], ['affiliationId', 'name', '_id']],
    sideOrderings: {},
    chainFields: [],
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
    indexes: [['publishedAt', '_id'], ['publisherId', 'publishedAt', '_id']],
    sideOrderings: { sourceIds: [['publishedAt', '_id']], relayIds: [['publishedAt', '_id']] },
    chainFields: ['relayIds'],
    textFields: TEXT_INDEX_FIELDS.reports,
  },
};

/** The ordering columns a side table carries (beside value, rid and id), for its indexes. */
export function carriedFields(layout: CollectionLayout, field: string): string[] {
  return [...new Set((layout.sideOrderings[field] ?? []).flat().filter((name) => name !== '_id'))];
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

/** A secondary index of a collection's tables: its name and the SQL that creates it (idempotent). */
export interface IndexDefinition {
  name: string;
  sql: string;
}

/** Every secondary index of a collection: the table's, then each side table's. */
export function indexDefinitions(layout: CollectionLayout): IndexDefinition[] {
  const index = (on: string, fields: readonly string[]): IndexDefinition => {
    const name = quoted(`${on}__${fields.join('_')}`);
    return { name, sql: `CREATE INDEX IF NOT EXISTS ${name} ON ${quoted(on)} (${fields.map((field) => quoted(columnOf(field))).join(', ')})` };
  };
  return [
    ...layout.indexes.map((fields) => index(layout.name, fields)),
    ...layout.multikey.flatMap((field) => (layout.sideOrderings[field] ?? []).map((ordering) => index(sideTableOf(layout.name, field), ['value', ...ordering]))),
    ...layout.chainFields.map((field) => index(sideTableOf(layout.name, field), ['rid'])),
  ];
}

/** The SQL that creates a collection's tables and indexes; every statement is idempotent. */
export function createStatements(layout: CollectionLayout): string[] {
  const table = quoted(layout.name);
  // Columns without a declared type keep values as given (no affinity conversions): dates as
  // milliseconds, booleans as 0/1, so SQL orders and compares them as MongoDB does.
  const columns = [...layout.scalars.map((column) => column.field), ...layout.textArrays].map(quoted);
  const sql = [`CREATE TABLE IF NOT EXISTS ${table} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc BLOB NOT NULL, ${columns.join(', ')})`];
  for (const field of layout.multikey) {
    const side = sideTableOf(layout.name, field);
    const sideColumns = ['value TEXT NOT NULL', 'rid INTEGER NOT NULL', 'id TEXT NOT NULL', ...carriedFields(layout, field).map(quoted), 'PRIMARY KEY (value, id)'];
    sql.push(`CREATE TABLE IF NOT EXISTS ${quoted(side)} (${sideColumns.join(', ')}) WITHOUT ROWID`);
  }
  const textColumns = Object.keys(layout.textFields).map(quoted).join(', ');
  sql.push(`CREATE VIRTUAL TABLE IF NOT EXISTS ${quoted(textTableOf(layout.name))} USING fts5(${textColumns}, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`);
  return [...sql, ...indexDefinitions(layout).map((definition) => definition.sql)];
}
