import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts `<name>.worker` beside the calling module: the compiled .js, or under tsx and ts-jest
 * the .ts source (loaded through tsx).
 */
export function startWorkerThread(callerFile: string, name: string, workerData: unknown): Worker {
  const extension = path.extname(callerFile);
  return new Worker(path.join(path.dirname(callerFile), `${name}.worker${extension}`), {
    workerData,
    execArgv: extension === '.ts' ? ['--require', 'tsx/cjs'] : [],
  });
}
