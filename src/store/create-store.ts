import type { GatewayConfig } from '../config';
import { EmbeddedStore } from './embedded';
import { MongoStore } from './mongo';
import type { Store } from './store';

/** MongoDB when `MONGODB_URI` is set, else the durable embedded engine in the data directory. */
export async function createStore(config: Pick<GatewayConfig, 'mongodbUri' | 'mongodbDatabase' | 'storeQueryTimeoutMs' | 'dataDirectory'>): Promise<Store> {
  if (config.mongodbUri) {
    return MongoStore.connect({ uri: config.mongodbUri, databaseName: config.mongodbDatabase, queryTimeoutMs: config.storeQueryTimeoutMs });
  }
  return EmbeddedStore.open(config.dataDirectory);
}
