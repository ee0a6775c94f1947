import type { StoredDocument } from './store';

/** A value a hash index can key on: what MongoDB equality on a reference field compares. */
export type IndexKey = string | number | boolean | null;

/** Whether a value is one a hash index can key on. */
export function isIndexKey(value: unknown): value is IndexKey {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The keys a document is filed under: each element of an array field (multikey), null when missing. */
function keysOf(value: unknown): IndexKey[] {
  if (value === undefined) return [null];
  if (Array.isArray(value)) return value.filter(isIndexKey);
  return isIndexKey(value) ? [value] : [];
}

/**
 * Maps each value of one field to the ids of the documents holding it, so equality and `$in`
 * lookups on that field cost one map read per value instead of a collection scan.
 */
export class HashIndex {
  private readonly postings = new Map<IndexKey, Set<string>>();

  constructor(readonly field: string) {}

  /** Files the document under each of its values of the field. */
  add(document: StoredDocument): void {
    const value = (document as unknown as Record<string, unknown>)[this.field];
    // Scalars (most reference fields) are filed without building a list of keys.
    if (!Array.isArray(value)) {
      if (value === undefined || isIndexKey(value)) this.file(value ?? null, document._id);
      return;
    }
    for (const key of value) if (isIndexKey(key)) this.file(key, document._id);
  }

  private file(key: IndexKey, id: string): void {
    let ids = this.postings.get(key);
    if (!ids) {
      ids = new Set();
      this.postings.set(key, ids);
    }
    ids.add(id);
  }

  /** Removes the document from every value it was filed under. */
  remove(document: StoredDocument): void {
    for (const key of keysOf((document as unknown as Record<string, unknown>)[this.field])) {
      const ids = this.postings.get(key);
      if (!ids) continue;
      ids.delete(document._id);
      if (ids.size === 0) this.postings.delete(key);
    }
  }

  /** Ids of documents holding any of `values`. */
  lookup(values: readonly IndexKey[]): Set<string> {
    const result = new Set<string>();
    for (const value of values) {
      const ids = this.postings.get(value);
      if (ids) for (const id of ids) result.add(id);
    }
    return result;
  }

  /** Forgets every document. */
  clear(): void {
    this.postings.clear();
  }
}

/**
 * The values an equality-style condition selects (`v`, `{ $eq: v }`, `{ $in: [...] }`), or
 * undefined when the condition is anything else and an index cannot answer it alone.
 */
export function indexableValues(condition: unknown): IndexKey[] | undefined {
  if (isIndexKey(condition)) return [condition];
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return undefined;
  const operators = Object.keys(condition);
  if (operators.length !== 1) return undefined;
  const operand = (condition as Record<string, unknown>)[operators[0] as string];
  if (operators[0] === '$eq' && isIndexKey(operand)) return [operand];
  if (operators[0] === '$in' && Array.isArray(operand) && operand.every(isIndexKey)) return operand;
  return undefined;
}
