import type { Store } from './store';

/** Counts store calls; one call is one round trip, whatever it returns. */
export class RoundTripCounter {
  private calls = 0;

  /** Round trips counted so far. */
  get count(): number {
    return this.calls;
  }

  /** Records one round trip. */
  record(): void {
    this.calls += 1;
  }
}

/**
 * Wraps a store so that every call is counted on `counter`. Each GraphQL request gets its own
 * wrapper, which is how a response can report the round trips that request cost.
 */
export function countRoundTrips(store: Store, counter: RoundTripCounter): Store {
  return {
    engine: store.engine,
    find(collection, filter, options) {
      counter.record();
      return store.find(collection, filter, options);
    },
    count(collection, filter) {
      counter.record();
      return store.count(collection, filter);
    },
    aggregate(collection, pipeline) {
      counter.record();
      return store.aggregate(collection, pipeline);
    },
    upsertMany(collection, documents) {
      counter.record();
      return store.upsertMany(collection, documents);
    },
    clear(collection) {
      counter.record();
      return store.clear(collection);
    },
    ping() {
      counter.record();
      return store.ping();
    },
    close: () => store.close(),
  };
}
