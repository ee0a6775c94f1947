import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LoadCommand, LoadMeasurement, LoadReply } from './load-protocol';

/** The runner's handle on the load-generator child process. */
export interface LoadClient {
  run(command: Omit<LoadCommand, 'id'>): Promise<LoadMeasurement>;
  close(): Promise<void>;
}

/** Starts the load generator as a separate Node process (through tsx, like the runner). */
export async function startLoadClient(): Promise<LoadClient> {
  const child: ChildProcess = fork(path.join(__dirname, 'load-generator.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (value: LoadMeasurement) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  child.on('message', (reply: LoadReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(`load generator: ${reply.error}`));
    else waiter.resolve(reply.measurement);
  });
  child.on('exit', (code, signal) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`the load generator exited (${signal ?? code}) during a run`));
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return {
    run(command) {
      if (exited) return Promise.reject(new Error('the load generator has exited'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...command, id } satisfies LoadCommand);
      });
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      // A child that ignores the disconnect is ended, so the bench always stops by itself.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
