import type { RequestDeadline } from './request-deadline';
import type { CallLimits, Store } from './store';

/**
 * Wraps a request's store so that every read keeps to the request's deadline: a read started
 * after it is refused, a read in flight is abandoned at it (both with a StoreTimeoutError), and
 * each read carries the time left (`CallLimits`), capped at `callLimitMs`, so the engine can stop
 * the work itself. Writes and `ping` pass through: they never serve a GraphQL request.
 */
export function withDeadline(store: Store, deadline: RequestDeadline, callLimitMs: number): Store {
  const limits = (): CallLimits => {
    deadline.check();
    return { timeoutMs: Math.min(deadline.remainingMs(), callLimitMs), signal: deadline.signal };
  };
  const bounded = <T>(call: (limits: CallLimits) => Promise<T>): Promise<T> => {
    try {
      return deadline.race(call(limits()));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    engine: store.engine,
    find: (collection, filter, options) => bounded((callLimits) => store.find(collection, filter, options, callLimits)),
    count: (collection, filter) => bounded((callLimits) => store.count(collection, filter, callLimits)),
    aggregate: (collection, pipeline) => bounded((callLimits) => store.aggregate(collection, pipeline, callLimits)),
    upsertMany: (collection, documents) => store.upsertMany(collection, documents),
    clear: (collection) => store.clear(collection),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
