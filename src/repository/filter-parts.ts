import type { DateTimeRange, OrderDirection } from '../__generated__/resolvers-types';
import { assertId, badUserInput } from '../errors';
import type { IdPrefix } from '../ids';
import type { Ordering, SortKey } from '../pagination/keyset';
import type { Filter } from '../store/store';

/** Longest text a `...Contains` filter accepts: enough for a phrase, bounded for the regex engine. */
export const MAX_CONTAINS_LENGTH = 200;

/** Escapes every regex metacharacter, so user text is matched literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Case-insensitive literal substring match on any of the fields (arrays match any element). */
export function containsText(fields: readonly string[], text: string, argumentName: string): Filter {
  if (text.length === 0 || text.length > MAX_CONTAINS_LENGTH) throw badUserInput(argumentName, `text of 1 to ${MAX_CONTAINS_LENGTH} characters`, text);
  const condition = { $regex: escapeRegex(text), $options: 'i' };
  return fields.length === 1 ? { [fields[0] as string]: condition } : { $or: fields.map((field) => ({ [field]: condition })) };
}

/** `field` within the range: from inclusive, to exclusive. */
export function inRange(field: string, range: DateTimeRange, argumentName: string): Filter {
  const { from, to } = range;
  if (from && to && from.getTime() > to.getTime()) throw badUserInput(`${argumentName}.to`, `an instant not before from (${from.toISOString()})`, to.toISOString());
  const condition: Record<string, Date> = {};
  if (from) condition.$gte = from;
  if (to) condition.$lt = to;
  return Object.keys(condition).length === 0 ? {} : { [field]: condition };
}

/** `field` equal to a well-formed id of the given kind. */
export function equalsId(field: string, prefix: IdPrefix, id: string, argumentName: string): Filter {
  return { [field]: assertId(prefix, id, argumentName) };
}

/** `field` equal to any of the values. */
export function anyOf(field: string, values: readonly string[]): Filter {
  return { [field]: { $in: values } };
}

/** All the conditions together (an empty filter when there are none). */
export function allOf(conditions: ReadonlyArray<Filter | undefined>): Filter {
  const present = conditions.filter((condition): condition is Filter => condition !== undefined && Object.keys(condition).length > 0);
  if (present.length === 0) return {};
  return present.length === 1 ? (present[0] as Filter) : { $and: present };
}

/** An ordering by the given fields in one direction, with the id as the final tie-breaker. */
export function orderingBy(list: string, name: string, fields: readonly string[], direction: OrderDirection | null | undefined): Ordering {
  const sign: 1 | -1 = direction === 'DESC' ? -1 : 1;
  const keys: SortKey[] = [...fields.filter((field) => field !== '_id'), '_id'].map((field) => ({ field, direction: sign }));
  return { name: `${list}:${name}:${sign === 1 ? 'asc' : 'desc'}`, keys };
}
