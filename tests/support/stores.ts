import { randomUUID } from 'node:crypto';
import { COLLECTION_NAMES } from '../../src/store/collections';
import { EmbeddedStore } from '../../src/store/embedded/index';
import { MongoStore } from '../../src/store/mongo';
import type { Store } from '../../src/store/store';

/** A store engine a data test runs on: embedded always, MongoDB when MONGODB_URI is set. */
export interface TestEngine {
  name: 'embedded' | 'mongo';
  /** A new, empty store of this engine (a fresh database on MongoDB). */
  open(): Promise<Store>;
}

/** Empties a test store and closes it (a MongoDB test database is left empty). */
export async function disposeStore(store: Store): Promise<void> {
  for (const collection of COLLECTION_NAMES) await store.clear(collection);
  await store.close();
}

/** The engines every data test runs on. */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: 'embedded', open: async () => EmbeddedStore.temporary() }];
  const uri = process.env.MONGODB_URI;
  if (uri) {
    engines.push({
      name: 'mongo',
      open: () => MongoStore.connect({ uri, databaseName: `attribution_test_${randomUUID().slice(0, 8)}`, queryTimeoutMs: 10_000 }),
    });
  }
  return engines;
}
