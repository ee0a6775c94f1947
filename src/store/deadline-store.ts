import type { RequestDeadline } from './request-deadline';
import type { CallLimits, Store } from './store';
import { StoreTimeoutError } from './store-errors';
import { wrapStore } from './store-wrapper';

/**
 * An engine that keeps the time itself (MongoDB's `timeoutMS`) gets this long past the deadline
 * to say what stopped it: "unavailable" (a down or hung server) tells more than "timed out".
 */
const ENGINE_GRACE_MS = 100;

/**
 * Wraps a request's store so that every read keeps to the request's deadline: a read started
 * after it is refused, a read in flight is abandoned at it (both with a StoreTimeoutError), and
 * each read carries the time left (`CallLimits`), capped at `callLimitMs`, so the engine can stop
 * the work itself. Writes and `ping` pass through: they never serve a GraphQL request.
 */
export function withDeadline(store: Store, deadline: RequestDeadline, callLimitMs: number): Store {
  const bounded = <T>(call: (limits: CallLimits) => Promise<T>): Promise<T> => {
    try {
      deadline.check();
      const remainingMs = deadline.remainingMs();
      const limitedByRequest = remainingMs <= callLimitMs;
      const limits: CallLimits = { timeoutMs: limitedByRequest ? remainingMs : callLimitMs, signal: deadline.signal, caller: deadline };
      return deadline.race(call(limits), ENGINE_GRACE_MS).catch((error: unknown) => {
        // The engine's own timeout names the limit that stopped it: the request's, or the per-call cap.
        if (error instanceof StoreTimeoutError) throw limitedByRequest ? new StoreTimeoutError(deadline.budgetMs) : new StoreTimeoutError(callLimitMs, 'store query');
        throw error;
      });
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return wrapStore(store, {
    read: (_name, _collection, call) => bounded(call),
    write: (_name, _collection, call) => call(),
  });
}
