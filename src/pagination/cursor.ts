import { badUserInput } from '../errors';

/** Cursors carry a version so their encoding can change without misreading old ones. */
const CURSOR_VERSION = 2;

/** A value of a sort key, as it can travel inside a cursor. */
export type SortValue = string | number | boolean | null | Date;

type EncodedValue = string | number | boolean | null | { d: string };

function encodeValue(value: SortValue): EncodedValue {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]' ? { d: (value as Date).toISOString() } : (value as EncodedValue);
}

function decodeValue(value: unknown): SortValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && typeof (value as { d?: unknown }).d === 'string') {
    const date = new Date((value as { d: string }).d);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/**
 * The opaque cursor of a list item: the values of its sort keys (the last is always the id)
 * and the list's ordering, so a cursor cannot be replayed against another list or order.
 */
export function encodeCursor(ordering: string, values: readonly SortValue[]): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, ordering, values.map(encodeValue)]), 'utf8').toString('base64url');
}

/** The sort values inside a cursor of this ordering; a coded error naming the argument otherwise. */
export function decodeCursor(cursor: string, ordering: string, keyCount: number, argumentName: string): SortValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded[0] !== CURSOR_VERSION || !Array.isArray(decoded[2])) {
    throw badUserInput(argumentName, 'a cursor returned by this API (an edge cursor or a pageInfo cursor)', cursor);
  }
  if (decoded[1] !== ordering || decoded[2].length !== keyCount) {
    throw badUserInput(argumentName, 'a cursor from this same list and ordering (this one comes from another query or orderBy)', cursor);
  }
  const values = (decoded[2] as unknown[]).map(decodeValue);
  if (values.some((value) => value === undefined)) throw badUserInput(argumentName, 'a cursor returned by this API', cursor);
  return values as SortValue[];
}
