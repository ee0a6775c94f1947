import type Database from 'better-sqlite3';
import type { CollectionName } from '../collections';
import type { Filter, Sort } from '../store';
import { filterSql, valueList, type FieldPlace, type SqlPart } from './filter-sql';
import { carriedFields, columnOf, LAYOUTS, quoted, sideTableOf, textTableOf, type CollectionLayout } from './layout';
import { ftsQuery } from './text-query';

/** Prepared statements of one connection, by SQL text; queries come from a closed set of shapes, so the cache stays small. */
export class StatementCache {
  private readonly prepared = new Map<string, Database.Statement>();
  /** Sees the SQL and bound values of every statement run through the cache (`EmbeddedStore.explainReads`). */
  observer: ((sql: string, params: readonly unknown[]) => void) | undefined;

  constructor(private readonly database: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      if (this.prepared.size >= 1000) this.prepared.clear();
      statement = this.database.prepare(sql);
      this.prepared.set(sql, statement);
    }
    const observer = this.observer;
    return observer ? observed(statement, (params) => observer(sql, params)) : statement;
  }
}

/** A statement that reports the values each run binds (`pluck`/`raw` keep reporting). */
function observed(statement: Database.Statement, see: (params: readonly unknown[]) => void): Database.Statement {
  const proxy: Database.Statement = new Proxy(statement, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'all' || property === 'get' || property === 'run' || property === 'iterate') {
        return (...params: unknown[]) => {
          see(params);
          return (value as (...args: unknown[]) => unknown).apply(target, params);
        };
      }
      if (property === 'pluck' || property === 'raw' || property === 'expand') {
        return (...args: unknown[]) => {
          (value as (...args: unknown[]) => unknown).apply(target, args);
          return proxy;
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  return proxy;
}

/** The table of a collection, aliased `t` in every query, and how filters on it become SQL. */
export class CollectionTable {
  readonly layout: CollectionLayout;
  readonly table: string;
  readonly text: string;
  /** Per array field, the columns its side table carries: from the index plan, derived once. */
  private readonly carried: ReadonlyMap<string, readonly string[]>;

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
    this.carried = new Map(this.layout.multikey.map((field) => [field, carriedFields(this.layout, field)]));
    const columns = [...this.layout.scalars, ...this.layout.textArrays].map(quoted);
    const textColumns = Object.keys(this.layout.textFields).map(quoted);
    const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');
    this.writeSql = {
      insert: `INSERT INTO ${this.table} (id, doc, ${columns.join(', ')}) VALUES (?, ?, ${marks(columns.length)})`,
      update: `UPDATE ${this.table} SET doc = ?, ${columns.map((column) => `${column} = ?`).join(', ')} WHERE rid = ?`,
      textInsert: `INSERT INTO ${this.text} (rowid, ${textColumns.join(', ')}) VALUES (?, ${marks(textColumns.length)})`,
      textDelete: `DELETE FROM ${this.text} WHERE rowid = ?`,
      sides: this.layout.multikey.map((field) => {
        const carried = this.carriedBy(field);
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
    if (this.onSide(field, sideField)) return { kind: 'scalar', sql: `s.${quoted(columnOf(field))}` };
    if (field === '_id') return { kind: 'scalar', sql: 't.id' };
    if (this.layout.scalars.includes(field)) return { kind: 'scalar', sql: `t.${quoted(field)}` };
    if (this.layout.textArrays.includes(field)) return { kind: 'textArray', sql: `t.${quoted(field)}` };
    if (this.layout.multikey.includes(field)) {
      const side = quoted(sideTableOf(this.name, field));
      return {
        kind: 'multikey',
        ridsHolding: (values) => {
          const list = valueList(values);
          return { sql: `SELECT rid FROM ${side} WHERE value IN ${list.sql}`, params: list.params };
        },
      };
    }
    throw new Error(`The embedded engine has no column for "${field}" of ${this.name}; add it to the collection's layout (src/store/embedded/layout.ts)`);
  }

  /**
   * The SQL of a filter on `t` (fields the side table of `sideField` carries read from its row
   * `s`). With a `sort`, ranges on other fields are checked on the rows read in sort order.
   */
  where(filter: Filter, sideField?: string, sort?: Sort): SqlPart & { readsTable: boolean } {
    const sortFields = sort ? new Set(Object.keys(sort)) : undefined;
    // Whether any condition reads `t` (a side-table read may then skip the join to it).
    let readsTable = false;
    const part = filterSql(filter, {
      place: (field) => {
        if (!this.onSide(field, sideField)) readsTable = true;
        return this.place(field, sideField);
      },
      rangeChecksOnly: sortFields && sortFields.size > 0 ? new Set(this.layout.scalars.filter((field) => !sortFields.has(field))) : undefined,
      textMatch: (search) => {
        readsTable = true;
        const query = ftsQuery(search);
        return query === undefined ? { sql: '0', params: [] } : { sql: `t.rid IN (SELECT rowid FROM ${this.text} WHERE ${this.text} MATCH ?)`, params: [query] };
      },
    });
    return { ...part, readsTable };
  }

  /** Whether `field` is read from the side row `s` of array field `sideField` (which carries it). */
  private onSide(field: string, sideField: string | undefined): boolean {
    return sideField !== undefined && (field === '_id' || this.carriedBy(sideField).includes(field));
  }

  /** ORDER BY for a sort on columns of `t` (or of the side row `s` of `sideField`). */
  orderBy(sort: Sort | undefined, sideField?: string): string {
    if (!sort || Object.keys(sort).length === 0) return '';
    const keys = Object.entries(sort).map(([field, direction]) => {
      const place = this.place(field, sideField);
      if (place.kind !== 'scalar') throw new Error(`The embedded engine cannot sort by the list field "${field}"`);
      return `${place.sql} ${direction === 1 ? 'ASC' : 'DESC'}`;
    });
    return ` ORDER BY ${keys.join(', ')}`;
  }

  /**
   * A top-level condition of `filter` that one array field holds one id, when the side table of
   * that field carries every key of `sort`: the field, the id and the rest of the filter.
   */
  sideEquality(filter: Filter, sort: Sort): { field: string; value: string; rest: Filter } | undefined {
    const conditions = conjuncts(filter);
    for (const [at, condition] of conditions.entries()) {
      for (const [field, value] of Object.entries(condition)) {
        if (!this.isMultikey(field)) continue;
        const single = typeof value === 'string' ? value : isSingleIn(value);
        const carried = new Set(['_id', ...this.carriedBy(field)]);
        if (single === undefined || !Object.keys(sort).every((key) => carried.has(key))) continue;
        const { [field]: _taken, ...others } = condition;
        const remaining = [...conditions.slice(0, at), ...(Object.keys(others).length > 0 ? [others] : []), ...conditions.slice(at + 1)];
        return { field, value: single, rest: remaining.length === 0 ? {} : remaining.length === 1 ? (remaining[0] as Filter) : { $and: remaining } };
      }
    }
    return undefined;
  }

  /**
   * The SQL that reads documents holding `value` in array field `field` through its side table's
   * index, in `sort` order (carried by the side rows), with the rest of the filter as `where`
   * (built with `sideField` = `field`) and the page clause as given.
   */
  sidePageSql(field: string, where: SqlPart, sort: Sort | undefined, page: string): string {
    return `SELECT t.doc FROM ${this.side(field)} s JOIN ${this.table} t ON t.rid = s.rid WHERE s.value = ? AND (${where.sql})${this.orderBy(sort, field)}${page}`;
  }

  /** The columns the side table of array field `field` carries beside value, rid and id. */
  carriedBy(field: string): readonly string[] {
    return this.carried.get(field) ?? [];
  }

  isMultikey(field: string): boolean {
    return this.layout.multikey.includes(field);
  }

  side(field: string): string {
    return quoted(sideTableOf(this.name, field));
  }
}

/** The conditions a filter requires together: its `$and` lists, flattened, and its other fields. */
function conjuncts(filter: Filter): Filter[] {
  const { $and, ...others } = filter;
  const nested = Array.isArray($and) ? ($and as Filter[]).flatMap(conjuncts) : [];
  return Object.keys(others).length > 0 ? [others, ...nested] : nested;
}

/** The one string of `{ $in: [id] }`, else undefined. */
function isSingleIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 1) return undefined;
  const list = (value as { $in?: unknown }).$in;
  return Array.isArray(list) && list.length === 1 && typeof list[0] === 'string' ? list[0] : undefined;
}
