/**
 * Run as a child process of the bench runner (see `load-in-child.ts`): loads one corpus with the
 * project's seed loader into the target it is sent, answers the measurement over IPC and exits.
 */
import { EmbeddedStore } from '../../src/store/embedded/index';
import { MongoStore } from '../../src/store/mongo';
import type { SeedLoadReply, SeedLoadRequest } from './load-in-child';
import { loadCorpus, type SeedLoadMeasurement } from './seed-load';

async function load({ corpus, target }: SeedLoadRequest): Promise<SeedLoadMeasurement> {
  const store = target.engine === 'embedded' ? await EmbeddedStore.open(target.directory) : await MongoStore.connect({ uri: target.uri, databaseName: target.databaseName, queryTimeoutMs: target.queryTimeoutMs });
  try {
    return await loadCorpus(store, corpus, { drop: target.engine === 'mongo' && target.drop });
  } finally {
    await store.close();
  }
}

process.once('message', (request: SeedLoadRequest) => {
  load(request).then(
    (measurement) => process.send?.({ measurement } satisfies SeedLoadReply, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies SeedLoadReply, () => process.exit(1)),
  );
});
