import { sameDocument } from './same-document';
import { HashIndex, indexableValues, type IndexKey } from './hash-index';
import type { Filter, StoredDocument } from './store';
import { TextIndex, type TextIndexWeights } from './text-index';
import type { TextSearch } from './text-search';

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Freezes a stored document and everything inside it, so no caller can change it in place. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}

/**
 * A private copy of a document: plain objects, arrays and Dates, recursively. (structuredClone
 * would do, but builds its copies in the main realm, which breaks instanceof under test VMs.)
 */
function cloneDocument<T>(value: T): T {
  // Check the brand, not instanceof: documents read back from SQLite are built in the main realm.
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime()) as T;
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, nested] of Object.entries(value)) copy[key] = cloneDocument(nested);
    return copy as T;
  }
  return value;
}

/** The conditions of a filter that apply to the whole document: top-level fields and `$and` members. */
function topLevelConditions(filter: Filter): Array<[string, unknown]> {
  const conditions: Array<[string, unknown]> = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const member of condition) {
        if (typeof member === 'object' && member !== null) conditions.push(...topLevelConditions(member as Filter));
      }
    } else if (!field.startsWith('$')) {
      conditions.push([field, condition]);
    }
  }
  return conditions;
}

/**
 * One collection of the embedded engine: documents by `_id` plus a hash index per reference
 * field and, when given weights, a text index. `candidates` narrows a filter to the documents
 * an index says can match; the caller still applies the full filter to them.
 */
export class EmbeddedCollection {
  private readonly documents = new Map<string, StoredDocument>();
  private readonly indexes = new Map<string, HashIndex>();
  private readonly textWeights: TextIndexWeights | undefined;
  /**
   * Built on the first `$text` query, then kept up to date: a process that only loads data
   * (the seed loader) never pays for tokenising every body.
   */
  private textIndex: TextIndex | undefined;

  constructor(
    readonly name: string,
    indexedFields: readonly string[],
    textWeights?: TextIndexWeights,
  ) {
    for (const field of indexedFields) this.indexes.set(field, new HashIndex(field));
    this.textWeights = textWeights && Object.keys(textWeights).length > 0 ? textWeights : undefined;
  }

  get size(): number {
    return this.documents.size;
  }

  /** Every document, in insertion order. */
  all(): StoredDocument[] {
    return Array.from(this.documents.values());
  }

  /** The stored document with this id, if any. */
  get(id: string): StoredDocument | undefined {
    return this.documents.get(id);
  }

  /**
   * The smallest superset of the filter's matches that an index can give: the `_id` map or a
   * hash index when the filter has an equality or `$in` condition on such a field, else all.
   */
  candidates(filter: Filter): StoredDocument[] {
    return this.indexedCandidates(filter) ?? this.all();
  }

  /**
   * The documents matching the filter when an index answers it exactly (a filter of one equality
   * or `$in` condition on `_id` or a hash-indexed field), else undefined. The caller can then skip
   * evaluating the filter on each document: mingo's `$in` costs a set per document, which made an
   * id batch of n cost n x n.
   */
  exactMatches(filter: Filter): StoredDocument[] | undefined {
    const fields = Object.keys(filter);
    if (fields.length !== 1) return undefined;
    const field = fields[0] as string;
    if (field.startsWith('$')) return undefined;
    const values = indexableValues(filter[field]);
    return values === undefined ? undefined : this.byValues(field, values);
  }

  /** The documents the `_id` map or a hash index narrows the filter to, or undefined when none can. */
  indexedCandidates(filter: Filter): StoredDocument[] | undefined {
    let best: StoredDocument[] | undefined;
    for (const [field, condition] of topLevelConditions(filter)) {
      const values = indexableValues(condition);
      if (values === undefined) continue;
      const narrowed = this.byValues(field, values);
      if (narrowed && (best === undefined || narrowed.length < best.length)) best = narrowed;
    }
    return best;
  }

  /** Whether `field` is `_id` or hash-indexed, so `byValues` can answer for it. */
  isIndexed(field: string): boolean {
    return field === '_id' || this.indexes.has(field);
  }

  /**
   * The ids and scores of the documents matching a parsed `$search`, from the text index.
   * Like MongoDB, a collection without a text index refuses `$text`.
   */
  textMatches(search: TextSearch): Map<string, number> {
    if (!this.textWeights) throw new Error(`text index required for $text query: the ${this.name} collection has none`);
    if (!this.textIndex) {
      this.textIndex = new TextIndex(this.textWeights);
      for (const document of this.documents.values()) this.textIndex.add(document);
    }
    return this.textIndex.search(search, (id) => this.documents.get(id));
  }

  /** What storing the document would do, without doing it. */
  outcomeOf(document: StoredDocument): UpsertOutcome {
    const existing = this.documents.get(document._id);
    if (!existing) return 'inserted';
    return sameDocument(existing, document) ? 'unchanged' : 'updated';
  }

  /**
   * Stores the document in place of any with its id, and freezes it: the collection owns it
   * from now on, so no caller can change a stored document in place.
   */
  put(document: StoredDocument): StoredDocument {
    const stored = deepFreeze(document);
    const existing = this.documents.get(stored._id);
    if (existing) this.unindex(existing);
    this.documents.set(stored._id, stored);
    for (const index of this.indexes.values()) index.add(stored);
    this.textIndex?.add(stored);
    return stored;
  }

  /** Stores a frozen copy of a document the caller keeps (documents read back from SQLite). */
  putCopy(document: StoredDocument): StoredDocument {
    return this.put(cloneDocument(document));
  }

  /** Removes the document with this id; false when there was none. */
  remove(id: string): boolean {
    const existing = this.documents.get(id);
    if (!existing) return false;
    this.unindex(existing);
    this.documents.delete(id);
    return true;
  }

  /** Removes every document; returns how many there were. */
  clear(): number {
    const removed = this.documents.size;
    this.documents.clear();
    for (const index of this.indexes.values()) index.clear();
    this.textIndex?.clear();
    return removed;
  }

  private unindex(document: StoredDocument): void {
    for (const index of this.indexes.values()) index.remove(document);
    this.textIndex?.remove(document._id);
  }

  /**
   * The documents whose `field` equals (or, for an array field, holds) any of `values`, from
   * the `_id` map or the field's hash index; undefined when the field has neither. As with
   * MongoDB equality, null also finds documents that lack the field.
   */
  byValues(field: string, values: readonly IndexKey[]): StoredDocument[] | undefined {
    if (field === '_id') {
      const found: StoredDocument[] = [];
      for (const value of new Set(values)) {
        const document = typeof value === 'string' ? this.documents.get(value) : undefined;
        if (document) found.push(document);
      }
      return found;
    }
    const index = this.indexes.get(field);
    if (!index) return undefined;
    const found: StoredDocument[] = [];
    for (const id of index.lookup(values)) {
      const document = this.documents.get(id);
      if (document) found.push(document);
    }
    return found;
  }
}
