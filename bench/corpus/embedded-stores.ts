import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded';
import type { PreparedCorpus } from './prepare-corpus';
import { loadCorpus, type SeedLoadMeasurement } from './seed-load';

/** A durable embedded store freshly loaded with a corpus; `dispose` closes it and deletes its files. */
export interface LoadedCorpusStore {
  readonly store: EmbeddedStore;
  readonly load: SeedLoadMeasurement;
  dispose(): Promise<void>;
}

/**
 * Loads the corpus with the project's seed loader into a new durable embedded store in a scratch
 * folder: every run measures seed loading this way. Loaded stores are not kept between runs:
 * reopening the 100k one (3.6 GB of SQLite read back in key order) took longer here than loading
 * the JSON again.
 */
export async function loadEmbeddedCorpusStore(corpus: PreparedCorpus, scratchDirectory: string, log: (line: string) => void): Promise<LoadedCorpusStore> {
  const directory = path.join(scratchDirectory, `store-${corpus.articles}-seed${corpus.seed}-${process.pid}`);
  await fs.rm(directory, { recursive: true, force: true });
  log(`loading the ${corpus.articles.toLocaleString('en')}-article corpus into a new embedded store`);
  const store = await EmbeddedStore.open(directory);
  const dispose = async (): Promise<void> => {
    await store.close();
    await fs.rm(directory, { recursive: true, force: true });
  };
  try {
    const load = await loadCorpus(store, corpus);
    log(`  ${load.documents.toLocaleString('en')} documents in ${load.seconds.toFixed(1)} s (${Math.round(load.documentsPerSecond).toLocaleString('en')} documents/s)`);
    return { store, load, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
