import type Database from 'better-sqlite3';
import type { CollectionName } from '../collections';
import type { Filter, Sort } from '../store';
import { filterSql, type FieldPlace, type SqlPart } from './filter-sql';
import { columnOf, LAYOUTS, orderingFields, quoted, sideTableOf, textTableOf, type CollectionLayout } from './layout';
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

  constructor(readonly name: CollectionName) {
    this.layout = LAYOUTS[name];
    this.table = quoted(name);
    this.text = quoted(textTableOf(name));
  }

  /** Where a field is, read from the collection's table `t`, or from side-table row `s` for the fields it carries. */
  place(field: string, side?: string): FieldPlace {
    if (side && (field === '_id' || orderingFields(this.layout).includes(field))) return { kind: 'scalar', sql: `${side}.${quoted(columnOf(field))}` };
    if (field === '_id') return { kind: 'scalar', sql: 't.id' };
    if (this.layout.scalars.some((column) => column.field === field)) return { kind: 'scalar', sql: `t.${quoted(field)}` };
    if (this.layout.textArrays.includes(field)) return { kind: 'textArray', sql: `t.${quoted(field)}` };
    if (this.layout.multikey.includes(field)) return { kind: 'multikey', ridsHolding: `SELECT rid FROM ${quoted(sideTableOf(this.name, field))} WHERE value IN (SELECT value FROM json_each(?))` };
    throw new Error(`The embedded engine has no column for "${field}" of ${this.name}; add it to the collection's layout (src/store/embedded/layout.ts)`);
  }

  /** The SQL of a filter on `t` (ordering fields read from side row `side` when given). */
  where(filter: Filter, side?: string): SqlPart {
    return filterSql(filter, {
      place: (field) => this.place(field, side),
      textMatch: (search) => {
        const query = ftsQuery(search);
        return query === undefined ? { sql: '0', params: [] } : { sql: `t.rid IN (SELECT rowid FROM ${this.text} WHERE ${this.text} MATCH ?)`, params: [query] };
      },
    });
  }

  /** ORDER BY for a sort on columns of `t` (or of side row `side`). */
  orderBy(sort: Sort | undefined, side?: string): string {
    if (!sort || Object.keys(sort).length === 0) return '';
    const keys = Object.entries(sort).map(([field, direction]) => {
      if (typeof direction !== 'number') throw new Error('The embedded engine sorts by text score only in textSearch');
      const place = this.place(field, side);
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
