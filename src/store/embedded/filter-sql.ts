import type { Filter } from '../store';

/** Where a field's values are, as a filter reads them. */
export type FieldPlace =
  /** A column (or expression) holding the field's one value. */
  | { kind: 'scalar'; sql: string }
  /** An array of ids, in a side table: `sql` is the subquery of the rids whose array holds any of the JSON list bound to it. */
  | { kind: 'multikey'; ridsHolding: string }
  /** An array of texts kept as one column, elements joined; only `$regex` reads it. */
  | { kind: 'textArray'; sql: string };

/** How the compiler finds fields and full-text matches; unknown fields throw. */
export interface FilterContext {
  place(field: string): FieldPlace;
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

/** A JSON list for `IN (SELECT value FROM json_each(?))`: one bound value however long the list. */
export function jsonList(values: readonly unknown[]): string {
  return JSON.stringify(values.map(sqlValue));
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
      const inList: SqlPart = { sql: `${sql} IN (SELECT value FROM json_each(?))`, params: [jsonList(values)] };
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
    if (place.kind === 'scalar') parts.push(scalarCondition(place.sql, operator, operand, operators));
    else if (place.kind === 'textArray') {
      if (operator !== '$regex') throw unsupported(`${operator} on the text list "${field}"`);
      parts.push(scalarCondition(place.sql, operator, operand, operators));
    } else {
      if (operator !== '$eq' && operator !== '$in') throw unsupported(`${operator} on the id list "${field}"`);
      const values = operator === '$in' ? operand : [operand];
      if (!Array.isArray(values) || values.some((value) => value === null || typeof value === 'object')) throw unsupported(`a null or object value for the id list "${field}"`);
      parts.push({ sql: `rid IN (${place.ridsHolding})`, params: [jsonList(values)] });
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
