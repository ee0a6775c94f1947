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

/** Sees every call of a request's store as it starts; returns the promise to hand back. */
export type CallObserver = <T>(call: Promise<T>) => Promise<T>;

const unobserved: CallObserver = (call) => call;

/**
 * Wraps a store so that every call is counted on `counter` (and shown to `observe`, which the
 * batch scheduler uses to know when calls are in flight). Each GraphQL request gets its own
 * wrapper, which is how a response can report the round trips that request cost.
 */
export function countRoundTrips(store: Store, counter: RoundTripCounter, observe: CallObserver = unobserved): Store {
  return {
    engine: store.engine,
    find(collection, filter, options) {
      counter.record();
      return observe(store.find(collection, filter, options));
    },
    count(collection, filter) {
      counter.record();
      return observe(store.count(collection, filter));
    },
    aggregate(collection, pipeline) {
      counter.record();
      return observe(store.aggregate(collection, pipeline));
    },
    upsertMany(collection, documents) {
      counter.record();
      return observe(store.upsertMany(collection, documents));
    },
    deleteMany(collection, ids) {
      counter.record();
      return observe(store.deleteMany(collection, ids));
    },
    clear(collection) {
      counter.record();
      return observe(store.clear(collection));
    },
    ping() {
      counter.record();
      return observe(store.ping());
    },
    close: () => store.close(),
  };
}
