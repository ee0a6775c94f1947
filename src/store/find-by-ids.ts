import type { CollectionName } from './collections';
import type { Store, StoredDocument } from './store';

/** The documents among `ids`, with `_id` and `fields` only: one `_id: { $in }` query with a projection. */
export function findByIdsIn<T extends StoredDocument>(store: Pick<Store, 'find'>, collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
  return findByFieldIn<T>(store, collection, '_id', ids, fields);
}

/** The documents whose `field` is (or, as an array, holds) one of `values`, with `_id` and `fields` only: one `$in` query. */
export function findByFieldIn<T extends StoredDocument>(store: Pick<Store, 'find'>, collection: CollectionName, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]> {
  const projection = Object.fromEntries(['_id', ...fields].map((name) => [name, 1 as const]));
  // With a projection the documents hold only the fields asked for: T says which.
  return store.find(collection, { [field]: { $in: values } }, { projection }) as Promise<unknown[]> as Promise<T[]>;
}
