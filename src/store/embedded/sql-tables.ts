import type Database from 'better-sqlite3';
import type { CollectionName } from '../collections';
import type { Filter, Sort } from '../store';
import { filterSql, type FieldPlace, type SqlPart } from './filter-sql';
import { carriedFields, columnOf, LAYOUTS, quoted, sideTableOf, textTableOf, type CollectionLayout } from './layout';
import { ftsQuery } from './text-query';

/** Prepared statements of one connection, by SQL text; queries come from a closed set of shapes, so the cache stays small. */
export class StatementCache {
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(private readonly database: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      if (this.prepared.size >= 1000) this.prepared.clear();
      statement = this.database.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}

/** The table of a collection, aliased `t` in every query, and how filters on it become SQL. */
export class CollectionTable {
  readonly layout: CollectionLayout;
  readonly table: string;
  readonly text: string;

  /** The SQL of the writes, built once: a load runs them for every document. */
  readonly writeSql: {
    insert: string;
    update: string;
    textInsert: string;
    textDelete: string;
    sides: ReadonlyArray<{ field: string; carried: readonly string[]; insert: string; delete: string }>;
  };

  constructor(readonly name: CollectionName) {
    this.layout = LAYOUTS[name];
    this.table = quoted(name);
    this.text = quoted(textTableOf(name));
    const columns = [...this.layout.scalars.map((column) => column.field), ...this.layout.textArrays].map(quoted);
    const textColumns = Object.keys(this.layout.textFields).map(quoted);
    const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');
    this.writeSql = {
      insert: `INSERT INTO ${this.table} (id, doc, ${columns.join(', ')}) VALUES (?, ?, ${marks(columns.length)})`,
      update: `UPDATE ${this.table} SET doc = ?, ${columns.map((column) => `${column} = ?`).join(', ')} WHERE rid = ?`,
      textInsert: `INSERT INTO ${this.text} (rowid, ${textColumns.join(', ')}) VALUES (?, ${marks(textColumns.length)})`,
      textDelete: `DELETE FROM ${this.text} WHERE rowid = ?`,
      sides: this.layout.multikey.map((field) => {
        const carried = carriedFields(this.layout, field);
        return {
          field,
          carried,
          insert: `INSERT OR IGNORE INTO ${this.side(field)} (value, rid, id${carried.map((name) => `, ${quoted(name)}`).join('')}) VALUES (?, ?, ?${', ?'.repeat(carried.length)})`,
          delete: `DELETE FROM ${this.side(field)} WHERE value = ? AND id = ?`,
        };
      }),
    };
  }

  /**
   * Where a field is, read from the collection's table `t`, or, when reading through the side
   * table of array field `sideField` (aliased `s`), from the `s` row for the fields it carries.
   */
  place(field: string, sideField?: string): FieldPlace {
    if (sideField && (field === '_id' || carriedFields(this.layout, sideField).includes(field))) return { kind: 'scalar', sql: `s.${quoted(columnOf(field))}` };
    if (field === '_id') return { kind: 'scalar', sql: 't.id' };
    if (this.layout.scalars.some((column) => column.field === field)) return { kind: 'scalar', sql: `t.${quoted(field)}` };
    if (this.layout.textArrays.includes(field)) return { kind: 'textArray', sql: `t.${quoted(field)}` };
    if (this.layout.multikey.includes(field)) return { kind: 'multikey', ridsHolding: `SELECT rid FROM ${quoted(sideTableOf(this.name, field))} WHERE value IN (SELECT value FROM json_each(?))` };
    throw new Error(`The embedded engine has no column for "${field}" of ${this.name}; add it to the collection's layout (src/store/embedded/layout.ts)`);
  }

  /** The SQL of a filter on `t` (fields the side table of `sideField` carries read from its row `s`). */
  where(filter: Filter, sideField?: string): SqlPart {
    return filterSql(filter, {
      place: (field) => this.place(field, sideField),
      textMatch: (search) => {
        const query = ftsQuery(search);
        return query === undefined ? { sql: '0', params: [] } : { sql: `t.rid IN (SELECT rowid FROM ${this.text} WHERE ${this.text} MATCH ?)`, params: [query] };
      },
    });
  }

  /** ORDER BY for a sort on columns of `t` (or of the side row `s` of `sideField`). */
  orderBy(sort: Sort | undefined, sideField?: string): string {
    if (!sort || Object.keys(sort).length === 0) return '';
    const keys = Object.entries(sort).map(([field, direction]) => {
      if (typeof direction !== 'number') throw new Error('The embedded engine sorts by text score only in textSearch');
      const place = this.place(field, sideField);
      if (place.kind !== 'scalar') throw new Error(`The embedded engine cannot sort by the list field "${field}"`);
      return `${place.sql} ${direction === 1 ? 'ASC' : 'DESC'}`;
    });
    return ` ORDER BY ${keys.join(', ')}`;
  }

  isMultikey(field: string): boolean {
    return this.layout.multikey.includes(field);
  }

  side(field: string): string {
    return quoted(sideTableOf(this.name, field));
  }
}
