import { COLLECTION_NAMES, TEXT_INDEX_FIELDS, type CollectionName } from './collections';
import { SHAPES, type QueryShape } from './query-shapes';

/**
 * The one declaration of the indexes every engine keeps, derived from the query shapes: for each
 * shape, its equality fields, then its sort keys, then its range fields (the ESR rule: an index
 * read in order yields a keyset page after reading about as many keys as the page holds). An
 * index whose keys begin another's is left out, since the longer one serves its shapes; the id
 * index exists on every collection already; a collection that search reads has a text index. Plain data, engine-neutral: MongoDB creates these
 * indexes as they are, and an SQL engine can create the same columns in the same order.
 */

/** One key of an index: ascending (an ordering read backward is served by the same index) or full-text. */
export interface IndexKey {
  readonly field: string;
  readonly direction: 1 | 'text';
}

export interface PlannedIndex {
  readonly collection: CollectionName;
  /** Unique within its collection; indexes created from the plan are named `ix_<fields>` (see `indexName`). */
  readonly name: string;
  readonly kind: 'ordered' | 'text' | 'id';
  readonly keys: readonly IndexKey[];
  /** For a text index: each field's weight in the relevance score. */
  readonly weights?: Readonly<Record<string, number>>;
  /** The names of the shapes it serves. */
  readonly serves: readonly string[];
}

/** A query shape with the index that serves it (none only for a corpus-wide aggregate, which reads everything by design). */
export interface ServedShape extends QueryShape {
  readonly index: string | null;
}

/** The prefix of the names of the ordered indexes the plan declares, so the engines can tell theirs from an operator's. */
export const PLANNED_INDEX_PREFIX = 'ix_';

/** Name of the id index every collection has. */
export const ID_INDEX_NAME = '_id_';

/** Name of each collection's one text index. */
export const TEXT_INDEX_NAME = 'text';

/** The name of an ordered index with these keys: `ix_stance_madeAt__id`. */
export function indexName(keys: readonly IndexKey[]): string {
  return `${PLANNED_INDEX_PREFIX}${keys.map((key) => key.field).join('_')}`;
}

/** The keys an ordered index must begin with to serve a shape (ESR): equality fields, sort keys not already equal, range fields not already sorted on. */
export function keysFor(shape: QueryShape): string[] {
  const sorted = shape.sort.map((key) => key.field).filter((field) => !shape.equality.includes(field));
  const ranged = shape.range.filter((field) => !shape.equality.includes(field) && !sorted.includes(field));
  return [...shape.equality, ...sorted, ...ranged];
}

/**
 * Whether an ordered index (its key fields in order) serves a shape: the equality fields come
 * first, in any order among themselves; then the sort keys not already fixed by equality, in
 * order; then the range fields, in any order. Longer indexes serve too (a prefix is read).
 * A shape with no order needs its equality fields first only.
 */
export function orderedIndexServes(fields: readonly string[], shape: QueryShape): boolean {
  const equality = new Set(shape.equality);
  if (fields.length < equality.size || !fields.slice(0, equality.size).every((field) => equality.has(field))) return false;
  let at = equality.size;
  for (const key of shape.sort) {
    if (equality.has(key.field)) continue;
    if (fields[at] !== key.field) return false;
    at += 1;
  }
  if (shape.sort.length === 0) return true;
  const ranged = shape.range.filter((field) => !equality.has(field) && !shape.sort.some((key) => key.field === field));
  const tail = new Set(fields.slice(at, at + ranged.length));
  return ranged.every((field) => tail.has(field));
}

/** Whether a planned index serves a shape. */
export function indexServes(index: PlannedIndex, shape: QueryShape): boolean {
  if (index.collection !== shape.collection) return false;
  if (shape.kind === 'search') return index.kind === 'text' && (shape.text ?? []).every((field) => index.keys.some((key) => key.field === field));
  if (shape.kind === 'corpus' || index.kind === 'text') return false;
  return orderedIndexServes(
    index.keys.map((key) => key.field),
    shape,
  );
}

/**
 * The index of `plan` that serves `shape`, or undefined when none does: the check a new filter or
 * ordering must pass, and what an engine's own check (MongoDB's explain, SQLite's EXPLAIN QUERY
 * PLAN) compares its choice with. Among several, the declared one (`shape.index`) when it serves.
 */
export function indexServing(shape: QueryShape & { readonly index?: string | null }, plan: readonly PlannedIndex[] = INDEX_PLAN): PlannedIndex | undefined {
  const serving = plan.filter((index) => indexServes(index, shape));
  return serving.find((index) => index.name === shape.index) ?? serving[0];
}

/** Whether `shorter` begins `longer` (so `longer` serves whatever `shorter` would). */
function isPrefix(shorter: readonly string[], longer: readonly string[]): boolean {
  return shorter.length <= longer.length && shorter.every((field, at) => longer[at] === field);
}

/** The ordered indexes the shapes need, with prefixes left out and each shape assigned to one index. */
function derivePlan(shapes: readonly QueryShape[]): PlannedIndex[] {
  const plan: PlannedIndex[] = [];
  for (const collection of COLLECTION_NAMES) {
    const ours = shapes.filter((shape) => shape.collection === collection && shape.kind !== 'search' && shape.kind !== 'corpus');
    const wanted = new Map<string, string[]>();
    for (const shape of ours) wanted.set(keysFor(shape).join(','), keysFor(shape));
    // The longest first, so each shorter key list finds the index that serves it.
    const keyLists = [...wanted.values()].sort((a, b) => b.length - a.length || a.join(',').localeCompare(b.join(',')));
    const kept: string[][] = [];
    for (const keys of keyLists) {
      const isIdAlone = keys.length === 1 && keys[0] === '_id';
      if (!isIdAlone && !kept.some((longer) => isPrefix(keys, longer))) kept.push(keys);
    }
    const indexes: PlannedIndex[] = [
      { collection, name: ID_INDEX_NAME, kind: 'id', keys: [{ field: '_id', direction: 1 }], serves: [] },
      ...kept.sort((a, b) => a.join(',').localeCompare(b.join(','))).map((keys): PlannedIndex => {
        const indexKeys = keys.map((field): IndexKey => ({ field, direction: 1 }));
        return { collection, name: indexName(indexKeys), kind: 'ordered', keys: indexKeys, serves: [] };
      }),
    ];
    const weights = TEXT_INDEX_FIELDS[collection];
    // A text index costs every write; only a collection that search reads has one.
    if (shapes.some((shape) => shape.collection === collection && shape.kind === 'search')) {
      indexes.push({ collection, name: TEXT_INDEX_NAME, kind: 'text', keys: Object.keys(weights).map((field) => ({ field, direction: 'text' })), weights, serves: [] });
    }
    for (const index of indexes) {
      const serves = shapes.filter((shape) => shape.collection === collection && firstServing(indexes, shape) === index).map((shape) => shape.name);
      plan.push({ ...index, serves });
    }
  }
  return plan;
}

/** The index a shape is assigned to: the id index for lookups by id alone, else the first that serves it. */
function firstServing(indexes: readonly PlannedIndex[], shape: QueryShape): PlannedIndex | undefined {
  const serving = indexes.filter((index) => indexServes(index, shape));
  return serving.find((index) => index.kind === 'id') ?? serving[0];
}

/** Every index every engine keeps, per collection: the id index, the ordered indexes of the shapes, the text index. */
export const INDEX_PLAN: readonly PlannedIndex[] = derivePlan(SHAPES);

/** Every query shape with the index that serves it. */
export const SERVED_SHAPES: readonly ServedShape[] = SHAPES.map((shape) => ({ ...shape, index: INDEX_PLAN.find((index) => index.serves.includes(shape.name))?.name ?? null }));

/** The planned indexes of one collection. */
export function plannedIndexes(collection: CollectionName, plan: readonly PlannedIndex[] = INDEX_PLAN): PlannedIndex[] {
  return plan.filter((index) => index.collection === collection);
}
