import { badUserInput } from '../errors';
import type { Filter, Sort, StoredDocument } from '../store/store';
import { decodeCursor, encodeCursor, type SortValue } from './cursor';
import type { Page } from './page';
import { DEFAULT_PAGE_SIZE, checkPageSize } from './page-size';

/** Relay pagination arguments, forward (`first`/`after`) or backward (`last`/`before`). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** One key of a stable ordering; the last key of every ordering is `_id`, which makes it total. */
export interface SortKey {
  field: string;
  direction: 1 | -1;
}

/** A total ordering of a list, named so cursors can tell which list and order they belong to. */
export interface Ordering {
  name: string;
  keys: readonly SortKey[];
}

/** How to fetch one page: the extra filter after/before a cursor, the sort, and how many to take. */
export interface PagePlan {
  ordering: Ordering;
  /**
   * The items strictly after the cursor in fetch order, as conditions to read one after another,
   * each a range an index can seek (see `afterCursor`); empty without a cursor.
   */
  cursorParts: readonly Filter[];
  /** Sort in fetch order (reversed for `last`/`before`). */
  sort: Sort;
  /** Items wanted; one more is fetched to know whether more exist. */
  size: number;
  backward: boolean;
  hasCursor: boolean;
}

/** `a`, `a.b`: the value of a (possibly dotted) field of a document. */
function valueAt(document: StoredDocument, field: string): SortValue {
  let value: unknown = document;
  for (const part of field.split('.')) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[part];
  return (value ?? null) as SortValue;
}

/**
 * Items strictly after `value` on one key in direction `direction`, with MongoDB's order of
 * nulls (first when ascending, last when descending); null when nothing can come after.
 */
function afterOnKey(field: string, direction: 1 | -1, value: SortValue): Filter | null {
  if (direction === 1) return value === null ? { [field]: { $ne: null } } : { [field]: { $gt: value } };
  return value === null ? null : { $or: [{ [field]: { $lt: value } }, { [field]: null }] };
}

/**
 * Keyset condition: items after the cursor in the lexicographic order of the keys (one `$or` of
 * branches), as parts to read one after another, each a range an index can seek.
 *
 * The `$or` alone gives an index no range, so a read of it walks from the index's first entry.
 * Every item after the cursor has a first key at or past the cursor's, so the first part bounds
 * it: ascending, `key >= value`; descending, `key <= value`, which leaves out the nulls of the
 * key (last when descending, after every value), so they are a second part. A deep page then
 * costs what the first does.
 */
function afterCursor(keys: readonly SortKey[], values: readonly SortValue[]): Filter[] {
  const branches: Filter[] = [];
  keys.forEach((key, index) => {
    const after = afterOnKey(key.field, key.direction, values[index] as SortValue);
    if (!after) return;
    const equalBefore = keys.slice(0, index).map((previous, at) => ({ [previous.field]: values[at] }));
    branches.push(equalBefore.length === 0 ? after : { $and: [...equalBefore, after] });
  });
  const whole = branches.length === 1 ? (branches[0] as Filter) : { $or: branches };
  const [first] = keys;
  const firstValue = values[0];
  if (!first || firstValue === null || firstValue === undefined) return [whole];
  // Ascending: one branch is `key > value` already, or the bound joins the branches.
  if (first.direction === 1) return [branches.length === 1 ? whole : { $and: [{ [first.field]: { $gte: firstValue } }, whole] }];
  // Descending: the first branch is "less than the value, or null"; its values are the first part.
  const beforeNulls = [{ [first.field]: { $lt: firstValue } }, ...branches.slice(1)];
  const valuesPart = beforeNulls.length === 1 ? (beforeNulls[0] as Filter) : { $and: [{ [first.field]: { $lte: firstValue } }, { $or: beforeNulls }] };
  return [valuesPart, { [first.field]: null }];
}

/** The cursor of a document within an ordering. */
export function cursorOf(ordering: Ordering, document: StoredDocument): string {
  return encodeCursor(ordering.name, ordering.keys.map((key) => valueAt(document, key.field)));
}

/** Checks the pagination arguments and plans the fetch; coded errors name the bad argument. */
export function planPage(args: PageArgs, ordering: Ordering): PagePlan {
  if (args.first != null && args.last != null) throw badUserInput('last', 'either first or last, not both', args.last);
  if (args.after != null && args.before != null) throw badUserInput('before', 'either after or before, not both', args.before);
  const backward = args.last != null || (args.before != null && args.first == null);
  if (backward && args.after != null) throw badUserInput('after', 'no after cursor when paging backward with last/before', args.after);
  if (!backward && args.before != null) throw badUserInput('before', 'no before cursor when paging forward with first/after', args.before);
  const size = backward ? checkPageSize(args.last ?? DEFAULT_PAGE_SIZE, 'last') : checkPageSize(args.first ?? DEFAULT_PAGE_SIZE, 'first');
  const keys = backward ? ordering.keys.map((key) => ({ field: key.field, direction: (key.direction === 1 ? -1 : 1) as 1 | -1 })) : ordering.keys;
  const cursor = backward ? args.before : args.after;
  const cursorParts = cursor == null ? [] : afterCursor(keys, decodeCursor(cursor, ordering.name, keys.length, backward ? 'before' : 'after'));
  const sort = Object.fromEntries(keys.map((key) => [key.field, key.direction])) as Sort;
  return { ordering, cursorParts, sort, size, backward, hasCursor: cursor != null };
}

/** Turns the documents fetched for a plan (at most size + 1, in fetch order) into a page. */
export function toPage<T extends StoredDocument>(plan: PagePlan, fetched: readonly T[], totalCount: () => Promise<number>): Page<T> {
  const more = fetched.length > plan.size;
  const taken = fetched.slice(0, plan.size);
  const items = plan.backward ? taken.reverse() : taken;
  return {
    items,
    // Relay allows reporting the far side as "has more" when a cursor shows items lie beyond it.
    hasNextPage: plan.backward ? plan.hasCursor : more,
    hasPreviousPage: plan.backward ? more : plan.hasCursor,
    cursorOf: (document) => cursorOf(plan.ordering, document),
    totalCount,
  };
}

/** The filters to read one after another for a page, in fetch order: `filter` with each cursor part, or alone. */
export function pageReads(filter: Filter, plan: PagePlan): Filter[] {
  return plan.cursorParts.length === 0 ? [filter] : plan.cursorParts.map((part) => both(filter, part));
}

function both(filter: Filter, condition: Filter): Filter {
  return Object.keys(filter).length === 0 ? condition : { $and: [filter, condition] };
}
