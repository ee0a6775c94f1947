import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded/index';
import type { PreparedCorpus } from './prepare-corpus';
import { loadInChildProcess } from './load-in-child';
import type { SeedLoadMeasurement } from './seed-load';

/** A durable embedded store freshly loaded with a corpus; `dispose` closes it and deletes its files. */
export interface LoadedCorpusStore {
  readonly store: EmbeddedStore;
  readonly load: SeedLoadMeasurement;
  /** Seconds `EmbeddedStore.open` took on the loaded data directory, as `npm start` opens it. */
  readonly openSeconds: number;
  dispose(): Promise<void>;
}

/**
 * Loads the corpus with the project's seed loader into a new data directory in a scratch folder,
 * as `npm run seed` does (every run measures seed loading this way), in a child process, then
 * opens it here as the server would. Loaded stores are not kept between runs.
 */
export async function loadEmbeddedCorpusStore(corpus: PreparedCorpus, scratchDirectory: string, log: (line: string) => void): Promise<LoadedCorpusStore> {
  const directory = path.join(scratchDirectory, `store-${corpus.articles}-seed${corpus.seed}-${process.pid}`);
  await fs.rm(directory, { recursive: true, force: true });
  log(`loading the ${corpus.articles.toLocaleString('en')}-article corpus into a new embedded store`);
  try {
    const load = await loadInChildProcess({ corpus, target: { engine: 'embedded', directory } });
    log(`  ${load.documents.toLocaleString('en')} documents in ${load.seconds.toFixed(1)} s (${Math.round(load.documentsPerSecond).toLocaleString('en')} documents/s)`);
    const opening = performance.now();
    const store = await EmbeddedStore.open(directory);
    const openSeconds = (performance.now() - opening) / 1000;
    log(`  opened as the server does in ${openSeconds.toFixed(3)} s`);
    const dispose = async (): Promise<void> => {
      await store.close();
      await fs.rm(directory, { recursive: true, force: true });
    };
    return { store, load, openSeconds, dispose };
  } catch (error) {
    await fs.rm(directory, { recursive: true, force: true });
    throw error;
  }
}
