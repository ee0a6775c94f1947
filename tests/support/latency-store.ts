import type { Store } from '../../src/store/store';

/**
 * A store whose every call answers after a varying delay (0-6 ms, from a fixed sequence), as a
 * networked store does: calls issued together come back at different times.
 */
export function withLatency(store: Store): Store {
  let state = 7;
  const delay = <T>(call: () => Promise<T>): Promise<T> => {
    state = (state * 48271) % 2147483647;
    const milliseconds = state % 7;
    return new Promise((resolve) => setTimeout(resolve, milliseconds)).then(call);
  };
  return {
    engine: store.engine,
    find: (collection, filter, options) => delay(() => store.find(collection, filter, options)),
    count: (collection, filter) => delay(() => store.count(collection, filter)),
    aggregate: (collection, pipeline) => delay(() => store.aggregate(collection, pipeline)),
    upsertMany: (collection, documents) => delay(() => store.upsertMany(collection, documents)),
    deleteMany: (collection, ids) => delay(() => store.deleteMany(collection, ids)),
    clear: (collection) => delay(() => store.clear(collection)),
    ping: () => delay(() => store.ping()),
    close: () => store.close(),
  };
}
