import type { CollectionName } from './collections';
import type { Store, StoredDocument } from './store';

/** The documents among `ids`, with `_id` and `fields` only: one `_id: { $in }` query with a projection. */
export function findByIdsIn<T extends StoredDocument>(store: Pick<Store, 'find'>, collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
  const projection = Object.fromEntries(['_id', ...fields].map((field) => [field, 1 as const]));
  return store.find<T>(collection, { _id: { $in: ids } }, { projection });
}
