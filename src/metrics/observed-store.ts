import type { Store } from '../store/store';
import type { GatewayMetrics } from './gateway-metrics';

/** Wraps a store so that every call is counted in `metrics` by collection and operation. */
export function observeStoreCalls(store: Store, metrics: Pick<GatewayMetrics, 'recordStoreCall'>): Store {
  return {
    engine: store.engine,
    find(collection, filter, options, limits) {
      metrics.recordStoreCall(collection, 'find');
      return store.find(collection, filter, options, limits);
    },
    count(collection, filter, limits) {
      metrics.recordStoreCall(collection, 'count');
      return store.count(collection, filter, limits);
    },
    aggregate(collection, pipeline, limits) {
      metrics.recordStoreCall(collection, 'aggregate');
      return store.aggregate(collection, pipeline, limits);
    },
    upsertMany(collection, documents) {
      metrics.recordStoreCall(collection, 'upsertMany');
      return store.upsertMany(collection, documents);
    },
    deleteMany(collection, ids) {
      metrics.recordStoreCall(collection, 'deleteMany');
      return store.deleteMany(collection, ids);
    },
    clear(collection) {
      metrics.recordStoreCall(collection, 'clear');
      return store.clear(collection);
    },
    ping() {
      metrics.recordStoreCall('none', 'ping');
      return store.ping();
    },
    close: () => store.close(),
  };
}
