import { loadBundles, type LoadOptions, type LoadResult } from '../../src/ingest/load-bundles';
import { COLLECTION_NAMES, type CollectionName } from '../../src/store/collections';
import { EmbeddedStore } from '../../src/store/embedded/index';
import type { Store } from '../../src/store/store';
import { temporaryDirectory } from './bundles';
import { disposeStore, testEngines } from './stores';

/** Somewhere the seed loader writes, and a way to look at what a server would then serve. */
export interface LoadHarness {
  load(files: readonly string[], options?: LoadOptions): Promise<LoadResult>;
  /** Runs `look` on the store as a server would open it after the loads so far. */
  read<T>(look: (store: Store) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

export interface LoadEngine {
  name: string;
  open(): Promise<LoadHarness>;
}

/** Documents per collection, as a server would count them. */
export function countAll(harness: LoadHarness): Promise<Record<CollectionName, number>> {
  return harness.read(async (store) => {
    const counts = {} as Record<CollectionName, number>;
    for (const collection of COLLECTION_NAMES) counts[collection] = await store.count(collection, {});
    return counts;
  });
}

/**
 * Every way the loader writes: into each test engine's live store (the embedded one stages in
 * memory), and into an embedded data directory through `EmbeddedStore`, as `npm run seed`
 * does, read back by opening the directory as the server would.
 */
export function loadEngines(): LoadEngine[] {
  const live: LoadEngine[] = testEngines().map((engine) => ({
    name: `${engine.name} store`,
    open: async () => {
      const store = await engine.open();
      return { load: (files, options) => loadBundles(store, files, options), read: (look) => look(store), dispose: () => disposeStore(store) };
    },
  }));
  const dataDirectory: LoadEngine = {
    name: 'embedded data directory',
    open: async () => {
      const folder = temporaryDirectory('load-target');
      return {
        load: async (files, options) => {
          const writer = await EmbeddedStore.open(folder.directory);
          try {
            return await loadBundles(writer, files, options);
          } finally {
            await writer.close();
          }
        },
        read: async (look) => {
          const store = await EmbeddedStore.open(folder.directory);
          try {
            return await look(store);
          } finally {
            await store.close();
          }
        },
        dispose: async () => folder.remove(),
      };
    },
  };
  return [...live, dataDirectory];
}
