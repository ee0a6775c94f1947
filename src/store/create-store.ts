import type { GatewayConfig } from '../config';
import { EmbeddedStore } from './embedded';
import { EmbeddedBulkWriter } from './embedded-bulk-writer';
import { MongoStore } from './mongo';
import type { BulkLoadTarget, Store } from './store';

type StoreConfig = Pick<GatewayConfig, 'mongodbUri' | 'mongodbDatabase' | 'storeQueryTimeoutMs' | 'dataDirectory'>;

function connectMongo(config: StoreConfig & { mongodbUri: string }): Promise<MongoStore> {
  return MongoStore.connect({ uri: config.mongodbUri, databaseName: config.mongodbDatabase, queryTimeoutMs: config.storeQueryTimeoutMs });
}

/** MongoDB when `MONGODB_URI` is set, else the durable embedded engine in the data directory. */
export async function createStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) return connectMongo({ ...config, mongodbUri: config.mongodbUri });
  return EmbeddedStore.open(config.dataDirectory);
}

/**
 * Where the seed loader writes: MongoDB when `MONGODB_URI` is set, else the embedded data
 * directory, written directly rather than read into memory first (nothing serves from it meanwhile).
 */
export async function openLoadTarget(config: StoreConfig): Promise<(Store | BulkLoadTarget) & { close(): Promise<void> }> {
  if (config.mongodbUri) return connectMongo({ ...config, mongodbUri: config.mongodbUri });
  return EmbeddedBulkWriter.open(config.dataDirectory);
}
