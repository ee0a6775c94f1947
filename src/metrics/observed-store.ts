import type { Store } from '../store/store';
import { wrapStore } from '../store/store-wrapper';
import type { GatewayMetrics } from './gateway-metrics';

/** Wraps a store so that every call is counted in `metrics` by collection and operation. */
export function observeStoreCalls(store: Store, metrics: Pick<GatewayMetrics, 'recordStoreCall'>): Store {
  return wrapStore(store, {
    read(name, collection, call, limits) {
      metrics.recordStoreCall(collection, name);
      return call(limits);
    },
    write(name, collection, call) {
      metrics.recordStoreCall(collection, name);
      return call();
    },
  });
}
