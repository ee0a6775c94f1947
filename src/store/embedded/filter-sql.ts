import type { Filter } from '../store';

/** Where a field's values are, as a filter reads them. */
export type FieldPlace =
  /** A column (or expression) holding the field's one value. */
  | { kind: 'scalar'; sql: string }
  /** An array of ids, in a side table: the subquery of the rids whose array holds any of `values`. */
  | { kind: 'multikey'; ridsHolding: (values: readonly unknown[]) => SqlPart }
  /** An array of texts kept as one column, elements joined; only `$regex` reads it. */
  | { kind: 'textArray'; sql: string };

/** How the compiler finds fields and full-text matches; unknown fields throw. */
export interface FilterContext {
  place(field: string): FieldPlace;
  /**
   * Fields whose ranges must not choose the index: with an ORDER BY, a range on a field that is
   * not a sort key is checked on the rows an ordering index yields (the ESR rule), rather than
   * read from its own index and then sorted.
   */
  rangeChecksOnly?: ReadonlySet<string>;
  /** SQL true for the documents matching a `$text` search (with its bound values). */
  textMatch?(search: string): SqlPart;
}

/** SQL text and the values bound to its `?` placeholders, in order. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

const COMPARISONS: Readonly<Record<string, string>> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** The value SQL compares: dates as milliseconds (as the columns hold them), booleans as 0/1. */
export function sqlValue(value: unknown): unknown {
  // Not `instanceof`: a Date made in another realm (a vm context) is a Date too.
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

/** Lists longer than this are bound as one JSON value (`json_each`) rather than one value each. */
const LONGEST_LISTED = 4096;

/**
 * The parenthesised list for `x IN <list>`: one placeholder per value, padded with NULLs (which
 * match nothing) to a power of two so that few statement texts recur. A literal list lets SQLite
 * plan index lookups whatever the table's size; `json_each`, whose size it cannot know, may make
 * it scan a small table instead.
 */
export function valueList(values: readonly unknown[]): SqlPart {
  if (values.length > LONGEST_LISTED) return { sql: '(SELECT value FROM json_each(?))', params: [JSON.stringify(values.map(sqlValue))] };
  let size = 1;
  while (size < values.length) size *= 2;
  const params = values.map(sqlValue);
  while (params.length < size) params.push(null);
  return { sql: `(${params.map(() => '?').join(', ')})`, params };
}

function unsupported(what: string): Error {
  return new Error(`The embedded engine does not run ${what}; filters use equality, $in, $ne: null, $gt/$gte/$lt/$lte, $regex, $and, $or and $text`);
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.toString.call(value) !== '[object Date]' && Object.keys(value).some((key) => key.startsWith('$'));
}

function join(parts: readonly SqlPart[], operator: 'AND' | 'OR'): SqlPart {
  if (parts.length === 0) return { sql: operator === 'AND' ? '1' : '0', params: [] };
  if (parts.length === 1) return parts[0] as SqlPart;
  return { sql: parts.map((part) => `(${part.sql})`).join(` ${operator} `), params: parts.flatMap((part) => part.params) };
}

/** A condition on one scalar column, with MongoDB's meaning of null (missing or null). */
function scalarCondition(sql: string, operator: string, operand: unknown, options: Record<string, unknown>): SqlPart {
  switch (operator) {
    case '$eq':
      return operand === null || operand === undefined ? { sql: `${sql} IS NULL`, params: [] } : { sql: `${sql} = ?`, params: [sqlValue(operand)] };
    case '$ne':
      return operand === null || operand === undefined ? { sql: `${sql} IS NOT NULL`, params: [] } : { sql: `(${sql} IS NULL OR ${sql} <> ?)`, params: [sqlValue(operand)] };
    case '$in': {
      if (!Array.isArray(operand)) throw unsupported('$in without an array');
      const values = operand.filter((value) => value !== null && value !== undefined);
      // One value is an equality, which an index reads in its order (a list would be sorted).
      const list = valueList(values);
      const inList: SqlPart = values.length === 1 ? { sql: `${sql} = ?`, params: [sqlValue(values[0])] } : { sql: `${sql} IN ${list.sql}`, params: list.params };
      return values.length < operand.length ? join([inList, { sql: `${sql} IS NULL`, params: [] }], 'OR') : inList;
    }
    case '$regex':
      return { sql: `regexp_matches(?, ?, ${sql})`, params: [String(operand instanceof RegExp ? operand.source : operand), String(options.$options ?? (operand instanceof RegExp ? operand.flags : ''))] };
    default: {
      const comparison = COMPARISONS[operator];
      if (!comparison) throw unsupported(operator);
      // MongoDB compares only values of one type: null never passes a range.
      return operand === null ? { sql: '0', params: [] } : { sql: `${sql} ${comparison} ?`, params: [sqlValue(operand)] };
    }
  }
}

function fieldCondition(field: string, condition: unknown, context: FilterContext): SqlPart {
  const place = context.place(field);
  const operators: Record<string, unknown> = isOperatorObject(condition) ? condition : { $eq: condition };
  const parts: SqlPart[] = [];
  for (const [operator, operand] of Object.entries(operators)) {
    if (operator === '$options') continue;
    if (place.kind === 'scalar') {
      // SQLite's unary + makes a term unusable by an index, without changing its value: only a
      // range is kept from choosing the index; an equality still leads the index read in order.
      const checkOnly = operator in COMPARISONS && context.rangeChecksOnly?.has(field) === true;
      parts.push(scalarCondition(checkOnly ? `+${place.sql}` : place.sql, operator, operand, operators));
    }
    else if (place.kind === 'textArray') {
      if (operator !== '$regex') throw unsupported(`${operator} on the text list "${field}"`);
      parts.push(scalarCondition(place.sql, operator, operand, operators));
    } else {
      if (operator !== '$eq' && operator !== '$in') throw unsupported(`${operator} on the id list "${field}"`);
      const values = operator === '$in' ? operand : [operand];
      if (!Array.isArray(values) || values.some((value) => value === null || typeof value === 'object')) throw unsupported(`a null or object value for the id list "${field}"`);
      const rids = place.ridsHolding(values);
      parts.push({ sql: `t.rid IN (${rids.sql})`, params: rids.params });
    }
  }
  return join(parts, 'AND');
}

/** The SQL condition of a MongoDB filter, over one collection's table (aliased as its name). */
export function filterSql(filter: Filter, context: FilterContext): SqlPart {
  const parts: SqlPart[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw unsupported(`${key} without an array`);
      parts.push(join(value.map((item) => filterSql(item as Filter, context)), key === '$and' ? 'AND' : 'OR'));
    } else if (key === '$text') {
      const search = (value as { $search?: unknown } | null)?.$search;
      if (typeof search !== 'string' || !context.textMatch) throw unsupported('$text here');
      parts.push(context.textMatch(search));
    } else if (key.startsWith('$')) throw unsupported(key);
    else parts.push(fieldCondition(key, value, context));
  }
  return join(parts, 'AND');
}
