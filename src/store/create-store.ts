import type { GatewayConfig } from '../config';
import { EmbeddedStore } from './embedded/index';
import { MongoStore, type MongoStoreOptions, type StartUpLog } from './mongo';
import type { BulkLoadTarget, Store } from './store';

type StoreConfig = Pick<GatewayConfig, 'mongodbUri' | 'mongodbDatabase' | 'requestTimeoutMs' | 'storeQueryTimeoutMs' | 'dataDirectory'>;

/** The driver looks for MongoDB no longer than a request may take, so an outage fails requests in time. */
function mongoOptions(config: StoreConfig & { mongodbUri: string }): MongoStoreOptions {
  return { uri: config.mongodbUri, databaseName: config.mongodbDatabase, queryTimeoutMs: config.storeQueryTimeoutMs, connectTimeoutMs: config.requestTimeoutMs };
}

/**
 * For the server: MongoDB when `MONGODB_URI` is set (returned at once, connecting in the
 * background with retries, one `log` line per failed attempt), else the durable embedded engine
 * in the data directory.
 */
export async function createStore(config: StoreConfig, log: StartUpLog = (line) => console.error(line)): Promise<Store> {
  if (config.mongodbUri) return MongoStore.open(mongoOptions({ ...config, mongodbUri: config.mongodbUri }), log);
  return EmbeddedStore.open(config.dataDirectory);
}

/**
 * Where the seed loader writes: MongoDB when `MONGODB_URI` is set (connected now, or a one-line
 * StoreUnavailableError), else the embedded data directory (its lock held meanwhile).
 */
export async function openLoadTarget(config: StoreConfig): Promise<(Store | BulkLoadTarget) & { close(): Promise<void> }> {
  if (config.mongodbUri) return MongoStore.connect(mongoOptions({ ...config, mongodbUri: config.mongodbUri }));
  return EmbeddedStore.open(config.dataDirectory);
}
