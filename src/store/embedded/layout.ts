import { TEXT_INDEX_FIELDS, type CollectionName } from '../collections';
import { plannedIndexes } from '../index-plan';

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
  /** Scalar fields copied into columns of the table (dates as milliseconds, booleans as 0/1). */
  scalars: readonly string[];
  /** Array-of-id fields, one side table each. */
  multikey: readonly string[];
  /** Array-of-text fields a `...Contains` filter reads, kept as one text column (elements joined). */
  textArrays: readonly string[];
  /** Array fields chains follow from a document to the ids it holds: their side table is indexed by document too. */
  chainFields: readonly string[];
  /** The full-text columns and their weights. */
  textFields: Readonly<Record<string, number>>;
}

export const LAYOUTS: Readonly<Record<CollectionName, CollectionLayout>> = {
  articles: {
    name: 'articles',
    scalars: [
      'publisherId',
      'publishedAt',
      'title',
    ],
    multikey: [],
    textArrays: [],
    chainFields: [],
    textFields: TEXT_INDEX_FIELDS.articles,
  },
  statements: {
    name: 'statements',
    scalars: [
      'articleId',
      'position',
      'madeAt',
      'stance',
      'quoteKind',
      'viaId',
      'respondsToId',
      'respondsToReportId',
      'claim',
    ],
    multikey: ['speakerIds', 'derivations.sourceIds'],
    textArrays: ['quotes'],
    chainFields: [],
    textFields: TEXT_INDEX_FIELDS.statements,
  },
  actors: {
    name: 'actors',
    scalars: [
      'name',
      'kind',
      'named',
      'country',
      'affiliationId',
    ],
    multikey: [],
    textArrays: ['aliases'],
    chainFields: [],
    textFields: TEXT_INDEX_FIELDS.actors,
  },
  reports: {
    name: 'reports',
    scalars: [
      'publisherId',
      'publishedAt',
      'kind',
    ],
    multikey: ['sourceIds', 'relayIds'],
    textArrays: [],
    chainFields: ['relayIds'],
    textFields: TEXT_INDEX_FIELDS.reports,
  },
};

/**
 * The collection's indexes in SQL terms, from the one index plan (`src/store/index-plan.ts`) that
 * MongoDB's come from too: an index on an array field becomes an index of its side table, the
 * array's element as `value`; any other becomes an index of the table. `_id` alone is the
 * table's unique `id`, and array field + `_id` the side table's key, so neither is repeated.
 */
export function plannedSqlIndexes(layout: CollectionLayout): { table: string[][]; sides: Record<string, string[][]> } {
  const table: string[][] = [];
  const sides: Record<string, string[][]> = Object.fromEntries(layout.multikey.map((field) => [field, []]));
  for (const index of plannedIndexes(layout.name)) {
    if (index.kind !== 'ordered') continue;
    const fields = index.keys.map((key) => key.field);
    const array = fields.find((field) => layout.multikey.includes(field));
    for (const field of fields) {
      if (field !== '_id' && field !== array && !layout.scalars.includes(field)) {
        throw new Error(`The index plan indexes ${layout.name}.${field}, which the embedded layout has no column for: add it to src/store/embedded/layout.ts`);
      }
    }
    if (array === undefined) table.push(fields);
    else if (fields.length > 2 || fields[1] !== '_id') sides[array]?.push(fields.filter((field) => field !== array));
  }
  return { table, sides };
}

/** The columns a side table carries (beside value, rid and id), for its indexes. */
export function carriedFields(layout: CollectionLayout, field: string): string[] {
  return [...new Set((plannedSqlIndexes(layout).sides[field] ?? []).flat().filter((name) => name !== '_id'))];
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

/** A secondary index of a collection's tables: its name (unquoted) and the SQL that creates it (idempotent). */
export interface IndexDefinition {
  name: string;
  sql: string;
}

/** Every secondary index of a collection: the table's, then each side table's. */
export function indexDefinitions(layout: CollectionLayout): IndexDefinition[] {
  const index = (on: string, fields: readonly string[]): IndexDefinition => {
    const name = `${on}__${fields.join('_')}`;
    return { name, sql: `CREATE INDEX IF NOT EXISTS ${quoted(name)} ON ${quoted(on)} (${fields.map((field) => quoted(columnOf(field))).join(', ')})` };
  };
  const planned = plannedSqlIndexes(layout);
  return [
    ...planned.table.map((fields) => index(layout.name, fields)),
    // A side table's index ends with rid, which is all a read takes from it besides the keys:
    // covering, the index answers alone, and SQLite prefers it to the table's own key order
    // even for an equality it cannot estimate (`IS NULL`).
    ...layout.multikey.flatMap((field) => (planned.sides[field] ?? []).map((ordering) => index(sideTableOf(layout.name, field), ['value', ...ordering, 'rid']))),
    ...layout.chainFields.map((field) => index(sideTableOf(layout.name, field), ['rid'])),
  ];
}

/** The SQL that creates a collection's tables and indexes; every statement is idempotent. */
export function createStatements(layout: CollectionLayout): string[] {
  return [...tableStatements(layout), ...indexDefinitions(layout).map((definition) => definition.sql)];
}

/** The SQL that creates a collection's tables (its own, its side tables, its text index) without the secondary indexes. */
export function tableStatements(layout: CollectionLayout): string[] {
  const table = quoted(layout.name);
  // Columns without a declared type keep values as given (no affinity conversions): dates as
  // milliseconds, booleans as 0/1, so SQL orders and compares them as MongoDB does.
  const columns = [...layout.scalars, ...layout.textArrays].map(quoted);
  const sql = [`CREATE TABLE IF NOT EXISTS ${table} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc BLOB NOT NULL, ${columns.join(', ')})`];
  for (const field of layout.multikey) {
    const side = sideTableOf(layout.name, field);
    const sideColumns = ['value TEXT NOT NULL', 'rid INTEGER NOT NULL', 'id TEXT NOT NULL', ...carriedFields(layout, field).map(quoted), 'PRIMARY KEY (value, id)'];
    sql.push(`CREATE TABLE IF NOT EXISTS ${quoted(side)} (${sideColumns.join(', ')}) WITHOUT ROWID`);
  }
  const textColumns = Object.keys(layout.textFields).map(quoted).join(', ');
  sql.push(`CREATE VIRTUAL TABLE IF NOT EXISTS ${quoted(textTableOf(layout.name))} USING fts5(${textColumns}, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`);
  return sql;
}
