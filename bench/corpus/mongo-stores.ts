import { COLLECTION_NAMES } from '../../src/store/collections';
import { holdsCorpus } from './holds-corpus';
import { MongoStore } from '../../src/store/mongo';
import type { PreparedCorpus } from './prepare-corpus';
import { loadInChildProcess } from './load-in-child';
import type { SeedLoadMeasurement } from './seed-load';

/** Generous: the filtered workload scans the statements collection of the largest corpus. */
const QUERY_TIMEOUT_MS = 60_000;

/** The scratch database the seed-loading measurement loads into. */
const SEED_LOAD_DATABASE = 'attribution_bench_seed_load';

/** One database per corpus, so corpora of different sizes stay loaded side by side between runs. */
function databaseName(corpus: PreparedCorpus): string {
  return `attribution_bench_${corpus.articles}_seed${corpus.seed}`;
}

/** The corpus in its MongoDB database, and how long a new connection to it took. */
export interface OpenedMongoCorpus {
  readonly store: MongoStore;
  /** The load this run made, or undefined when the database already held the corpus. */
  readonly load: SeedLoadMeasurement | undefined;
  /** Seconds `MongoStore.connect` took on the loaded database (the engine's counterpart of opening a data directory). */
  readonly openSeconds: number;
}

/** Makes sure the corpus is in its own database: reused when its counts match, else loaded (replacing the collections). */
async function ensureCorpus(uri: string, corpus: PreparedCorpus, log: (line: string) => void): Promise<SeedLoadMeasurement | undefined> {
  const store = await MongoStore.connect({ uri, databaseName: databaseName(corpus), queryTimeoutMs: QUERY_TIMEOUT_MS });
  try {
    if (await holdsCorpus(store, corpus.summary)) return undefined;
    log(`loading the ${corpus.articles.toLocaleString('en')}-article corpus into MongoDB database ${databaseName(corpus)}`);
    const load = await loadInChildProcess({ corpus, target: { engine: 'mongo', uri, databaseName: databaseName(corpus), queryTimeoutMs: QUERY_TIMEOUT_MS, drop: true } });
    log(`  ${load.documents.toLocaleString('en')} documents in ${load.seconds.toFixed(1)} s (${Math.round(load.documentsPerSecond).toLocaleString('en')} documents/s)`);
    return load;
  } finally {
    await store.close();
  }
}

/**
 * The corpus in its own MongoDB database, served through a new connection opened after the
 * corpus is in place, as a starting server connects to a loaded database.
 */
export async function openMongoCorpusStore(uri: string, corpus: PreparedCorpus, log: (line: string) => void): Promise<OpenedMongoCorpus> {
  const load = await ensureCorpus(uri, corpus, log);
  const opening = performance.now();
  const store = await MongoStore.connect({ uri, databaseName: databaseName(corpus), queryTimeoutMs: QUERY_TIMEOUT_MS });
  const openSeconds = (performance.now() - opening) / 1000;
  log(`  connected to MongoDB database ${databaseName(corpus)} in ${openSeconds.toFixed(3)} s`);
  return { store, load, openSeconds };
}

/** Loads the corpus into an emptied scratch database, measures it, and empties it again. */
export async function measureMongoSeedLoad(uri: string, corpus: PreparedCorpus, log: (line: string) => void): Promise<SeedLoadMeasurement> {
  const store = await MongoStore.connect({ uri, databaseName: SEED_LOAD_DATABASE, queryTimeoutMs: QUERY_TIMEOUT_MS });
  try {
    for (const collection of COLLECTION_NAMES) await store.clear(collection);
    log(`measuring seed loading: the ${corpus.articles.toLocaleString('en')}-article corpus into an empty MongoDB database`);
    const measurement = await loadInChildProcess({ corpus, target: { engine: 'mongo', uri, databaseName: SEED_LOAD_DATABASE, queryTimeoutMs: QUERY_TIMEOUT_MS, drop: false } });
    log(`  ${measurement.documents.toLocaleString('en')} documents in ${measurement.seconds.toFixed(1)} s (${Math.round(measurement.documentsPerSecond).toLocaleString('en')} documents/s)`);
    for (const collection of COLLECTION_NAMES) await store.clear(collection);
    return measurement;
  } finally {
    await store.close();
  }
}
