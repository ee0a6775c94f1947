import type { Store } from '../../src/store/store';
import { wrapStore } from '../../src/store/store-wrapper';

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
  return wrapStore(store, {
    read: (_name, _collection, call, limits) => delay(() => call(limits)),
    write: (_name, _collection, call) => delay(call),
  });
}
