import type { Store } from './store';
import { wrapStore } from './store-wrapper';

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
  return wrapStore(store, {
    read(_name, _collection, call, limits) {
      counter.record();
      return observe(call(limits));
    },
    write(_name, _collection, call) {
      counter.record();
      return observe(call());
    },
  });
}
