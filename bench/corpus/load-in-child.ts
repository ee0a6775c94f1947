import { fork } from 'node:child_process';
import path from 'node:path';
import type { PreparedCorpus } from './prepare-corpus';
import type { SeedLoadMeasurement } from './seed-load';

/** Where a child process loads a corpus: a new embedded data directory, or a MongoDB database. */
export type SeedLoadTarget = { engine: 'embedded'; directory: string } | { engine: 'mongo'; uri: string; databaseName: string; queryTimeoutMs: number; drop: boolean };

/** What the runner asks the child: load this corpus into this target. */
export interface SeedLoadRequest {
  corpus: PreparedCorpus;
  target: SeedLoadTarget;
}

export type SeedLoadReply = { measurement: SeedLoadMeasurement } | { error: string };

/**
 * Loads the corpus with the project's seed loader in a child process (`seed-load-process.ts`,
 * same Node flags as the runner) and waits for its answer and its end. Loading apart keeps the
 * loader's memory out of the runner, which serves the gateway and reports its RSS.
 */
export function loadInChildProcess(request: SeedLoadRequest): Promise<SeedLoadMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'seed-load-process.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: SeedLoadReply | undefined;
    child.once('message', (message: SeedLoadReply) => {
      reply = message;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (reply && 'measurement' in reply) resolve(reply.measurement);
      else reject(new Error(`Loading the ${request.corpus.articles}-article corpus (${request.target.engine}) failed: ${reply && 'error' in reply ? reply.error : `the loader process exited (${signal ?? code})`}`));
    });
    child.send(request);
  });
}
