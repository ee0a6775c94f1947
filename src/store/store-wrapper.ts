import type { CollectionName } from './collections';
import type { CallLimits, Filter, FindOptions, PageQuery, Store, StoreRead } from './store';

export type StoreWrite = 'upsertMany' | 'deleteMany' | 'clear' | 'ping';

/** What a wrapper does around each call of the store it wraps. */
export interface StoreCallWrapper {
  /** Runs one read: `call` runs it on the wrapped store with the limits it is given. */
  read<T>(name: StoreRead, collection: CollectionName | 'corpus', call: (limits?: CallLimits) => Promise<T>, limits?: CallLimits): Promise<T>;
  /** Runs one write (or ping). */
  write<T>(name: StoreWrite, collection: CollectionName | 'none', call: () => Promise<T>): Promise<T>;
}

/** A store whose every call goes through `wrapper`; `close` passes straight through. */
export function wrapStore(store: Store, wrapper: StoreCallWrapper): Store {
  return {
    engine: store.engine,
    find: <C extends CollectionName>(collection: C, filter: Filter, options?: FindOptions, limits?: CallLimits) =>
      wrapper.read('find', collection, (given) => store.find(collection, filter, options, given), limits),
    count: (collection, filter, limits) => wrapper.read('count', collection, (given) => store.count(collection, filter, given), limits),
    pagesByReference: <C extends CollectionName>(collection: C, field: string, parentIds: readonly string[], page: PageQuery, limits?: CallLimits) =>
      wrapper.read('pagesByReference', collection, (given) => store.pagesByReference(collection, field, parentIds, page, given), limits),
    countsByReference: (collection, field, parentIds, filter, limits) => wrapper.read('countsByReference', collection, (given) => store.countsByReference(collection, field, parentIds, filter, given), limits),
    chains: <C extends CollectionName>(collection: C, rootIds: readonly string[], field: string, maxDepth: number, limits?: CallLimits) =>
      wrapper.read('chains', collection, (given) => store.chains(collection, rootIds, field, maxDepth, given), limits),
    textSearch: <C extends CollectionName>(collection: C, search: string, limit: number, after?: Filter, limits?: CallLimits) =>
      wrapper.read('textSearch', collection, (given) => store.textSearch(collection, search, limit, after, given), limits),
    speakerTallies: (speakerIds, limits) => wrapper.read('speakerTallies', 'statements', (given) => store.speakerTallies(speakerIds, given), limits),
    sourceCitations: (limit, kinds, limits) => wrapper.read('sourceCitations', 'corpus', (given) => store.sourceCitations(limit, kinds, given), limits),
    upsertMany: (collection, documents) => wrapper.write('upsertMany', collection, () => store.upsertMany(collection, documents)),
    deleteMany: (collection, ids) => wrapper.write('deleteMany', collection, () => store.deleteMany(collection, ids)),
    clear: (collection) => wrapper.write('clear', collection, () => store.clear(collection)),
    ping: () => wrapper.write('ping', 'none', () => store.ping()),
    close: () => store.close(),
  };
}
