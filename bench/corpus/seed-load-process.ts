/**
 * Run as a child process of the bench runner: loads one corpus into a new embedded data directory
 * with the project's seed loader and answers the measurement over IPC. Loading apart from the
 * runner keeps the loader's memory out of the serving process, whose RSS the bench reports.
 */
import { EmbeddedStore } from '../../src/store/embedded/index';
import type { PreparedCorpus } from './prepare-corpus';
import { loadCorpus, type SeedLoadMeasurement } from './seed-load';

/** What the runner asks: load this corpus into this (empty) data directory. */
export interface SeedLoadRequest {
  corpus: PreparedCorpus;
  directory: string;
}

export type SeedLoadReply = { measurement: SeedLoadMeasurement } | { error: string };

async function load(request: SeedLoadRequest): Promise<SeedLoadMeasurement> {
  const writer = await EmbeddedStore.open(request.directory);
  try {
    return await loadCorpus(writer, request.corpus);
  } finally {
    await writer.close();
  }
}

process.once('message', (request: SeedLoadRequest) => {
  load(request).then(
    (measurement) => process.send?.({ measurement } satisfies SeedLoadReply, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies SeedLoadReply, () => process.exit(1)),
  );
});
