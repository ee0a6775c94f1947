import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded/index';
import type { PreparedCorpus } from './prepare-corpus';
import { loadCorpus, type SeedLoadMeasurement } from './seed-load';

/** A durable embedded store freshly loaded with a corpus; `dispose` closes it and deletes its files. */
export interface LoadedCorpusStore {
  readonly store: EmbeddedStore;
  readonly load: SeedLoadMeasurement;
  dispose(): Promise<void>;
}

/**
 * Loads the corpus with the project's seed loader into a new data directory in a scratch folder,
 * as `npm run seed` does (every run measures seed loading this way), then opens it as the server
 * would. Loaded stores are not kept between runs.
 */
export async function loadEmbeddedCorpusStore(corpus: PreparedCorpus, scratchDirectory: string, log: (line: string) => void): Promise<LoadedCorpusStore> {
  const directory = path.join(scratchDirectory, `store-${corpus.articles}-seed${corpus.seed}-${process.pid}`);
  await fs.rm(directory, { recursive: true, force: true });
  log(`loading the ${corpus.articles.toLocaleString('en')}-article corpus into a new embedded store`);
  try {
    const writer = await EmbeddedStore.open(directory);
    let load: SeedLoadMeasurement;
    try {
      load = await loadCorpus(writer, corpus);
    } finally {
      await writer.close();
    }
    log(`  ${load.documents.toLocaleString('en')} documents in ${load.seconds.toFixed(1)} s (${Math.round(load.documentsPerSecond).toLocaleString('en')} documents/s)`);
    const opening = performance.now();
    const store = await EmbeddedStore.open(directory);
    log(`  opened as the server does in ${((performance.now() - opening) / 1000).toFixed(1)} s`);
    const dispose = async (): Promise<void> => {
      await store.close();
      await fs.rm(directory, { recursive: true, force: true });
    };
    return { store, load, dispose };
  } catch (error) {
    await fs.rm(directory, { recursive: true, force: true });
    throw error;
  }
}
