import { fork } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded/index';
import type { PreparedCorpus } from './prepare-corpus';
import type { SeedLoadMeasurement } from './seed-load';
import type { SeedLoadReply, SeedLoadRequest } from './seed-load-process';

/** A durable embedded store freshly loaded with a corpus; `dispose` closes it and deletes its files. */
export interface LoadedCorpusStore {
  readonly store: EmbeddedStore;
  readonly load: SeedLoadMeasurement;
  /** Seconds `EmbeddedStore.open` took on the loaded data directory, as `npm start` opens it. */
  readonly openSeconds: number;
  dispose(): Promise<void>;
}

/** Runs `seed-load-process.ts` in a child process (same Node flags as the runner) and waits for its answer and its end. */
function loadInChildProcess(request: SeedLoadRequest): Promise<SeedLoadMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'seed-load-process.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: SeedLoadReply | undefined;
    child.once('message', (message: SeedLoadReply) => {
      reply = message;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (reply && 'measurement' in reply) resolve(reply.measurement);
      else reject(new Error(`Loading ${request.directory} failed: ${reply && 'error' in reply ? reply.error : `the loader process exited (${signal ?? code})`}`));
    });
    child.send(request);
  });
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
    const load = await loadInChildProcess({ corpus, directory });
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
