import type { GatewayConfig } from '../config';
import { EmbeddedStore } from './embedded';
import { MongoStore } from './mongo';
import type { Store } from './store';

/** MongoDB when `MONGODB_URI` is set, else the embedded engine. */
export async function createStore(config: Pick<GatewayConfig, 'mongodbUri' | 'mongodbDatabase' | 'storeQueryTimeoutMs'>): Promise<Store> {
  if (config.mongodbUri) {
    return MongoStore.connect({ uri: config.mongodbUri, databaseName: config.mongodbDatabase, queryTimeoutMs: config.storeQueryTimeoutMs });
  }
  return new EmbeddedStore();
}
