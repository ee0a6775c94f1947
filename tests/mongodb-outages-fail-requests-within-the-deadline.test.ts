import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { STORE_UNAVAILABLE_MESSAGE } from '../src/errors';
import { MongoStore } from '../src/store/mongo';
import { StoreUnavailableError } from '../src/store/store-errors';
import { startGateway, type RunningGateway } from './support/gateway';

// No MongoDB server is needed: these point the mongo engine at loopback ports that never serve it.
const DEADLINE_MS = 800;
const MAIN = path.join(__dirname, '..', 'src', 'main.ts');

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A loopback server that accepts connections and never answers, as a hung MongoDB does. */
async function hungServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.each([
  ['down (a closed port)', async () => ({ port: await closedPort(), close: async () => undefined })],
  ['hung (accepts, never answers)', hungServer],
])('a mongo store whose server is %s', (_name, listen) => {
  let target: { port: number; close(): Promise<void> };
  let gateway: RunningGateway;
  let store: MongoStore;
  const logged: string[] = [];
  beforeAll(async () => {
    target = await listen();
    const uri = `mongodb://127.0.0.1:${target.port}/attribution`;
    store = MongoStore.open({ uri, queryTimeoutMs: DEADLINE_MS, connectTimeoutMs: DEADLINE_MS }, (line) => logged.push(line));
    gateway = await startGateway(store, { config: { exposeStoreStats: false, development: false, requestTimeoutMs: DEADLINE_MS } });
  });
  afterAll(async () => {
    await gateway.close();
    await store.close();
    await target.close();
  });

  it('fails a request within the deadline with STORE_UNAVAILABLE and no driver detail', async () => {
    const started = Date.now();
    const response = await gateway.query('{ articles(first: 1) { totalCount nodes { title } } }');
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 500);
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ message: STORE_UNAVAILABLE_MESSAGE, extensions: { code: 'STORE_UNAVAILABLE' } })]);
  });

  it('reports not ready with the reason once an attempt has failed, and keeps retrying', async () => {
    await waitFor(() => logged.length >= 2, 10_000);
    const readiness = await fetch(gateway.url.replace('/graphql', '/readyz'));
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'unavailable', reason: expect.stringMatching(/^MongoDB at mongodb:\/\/127\.0\.0\.1:\d+\/attribution did not answer at start \(attempt \d+: .+\)$/) });
    expect((await fetch(gateway.url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect(logged[0]).toMatch(/ \(attempt 1: .+\); retrying in 0\.5 s$/);
    expect(logged[1]).toMatch(/ \(attempt 2: .+\); retrying in 1 s$/);
  });
});

describe('connecting to MongoDB for a load', () => {
  it('fails within the connect timeout with one line naming the address and the cause', async () => {
    const port = await closedPort();
    const started = Date.now();
    const failure = await MongoStore.connect({ uri: `mongodb://loader:secret@127.0.0.1:${port}/attribution?authSource=admin`, queryTimeoutMs: DEADLINE_MS }).catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 1000);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    // The credentials and options of the URI stay out of the message; the cause is the driver's one line.
    expect((failure as Error).message).toMatch(new RegExp(`^MongoDB at mongodb://127\\.0\\.0\\.1:${port}/attribution cannot be used: [^\\n]+$`));
    expect((failure as Error).message).not.toContain('secret');
  });
});

describe('the gateway process with an unreachable MONGODB_URI', () => {
  it('starts, serves /healthz, answers /readyz 503 with the reason, and logs one line per attempt', async () => {
    const port = await closedPort();
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN], {
      env: { ...process.env, MONGODB_URI: `mongodb://127.0.0.1:${port}/attribution`, REQUEST_TIMEOUT_MS: '300', PORT: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      // In production the log is JSON lines on standard output; the attempts are its warnings.
      const errors: string[] = [];
      let announce: (url: string) => void = () => undefined;
      const listening = new Promise<string>((resolve) => (announce = resolve));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as { level: string; msg: string };
        const address = /(http:\/\/\S+)\/graphql/.exec(entry.msg)?.[1];
        if (address) announce(address);
        if (entry.level === 'warn') errors.push(entry.msg);
      });
      const url = await listening;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      await waitFor(() => errors.length >= 3, 15_000);
      const readiness = await fetch(`${url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(((await readiness.json()) as { reason: string }).reason).toMatch(/did not answer at start \(attempt \d+: .+\)$/);
      // Each line is one attempt, numbered in order, with the driver's one-line cause (connection
      // refused, or a connect timeout on a loaded machine): no stack trace in between.
      expect(errors.slice(0, 3)).toEqual([1, 2, 3].map((attempt) => expect.stringMatching(new RegExp(`^MongoDB at mongodb://127\\.0\\.0\\.1:${port}/attribution did not answer at start \\(attempt ${attempt}: [^\\n]+\\); retrying in [\\d.]+ s$`))));
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
