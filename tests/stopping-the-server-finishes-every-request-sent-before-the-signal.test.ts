import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { temporaryDirectory } from './support/bundles';

const ROOT = path.join(__dirname, '..');
const QUERY = JSON.stringify({ query: '{ articles { totalCount nodes { title statements { claim speakers { name } } } } }' });

interface Started {
  npm: ChildProcess;
  port: number;
  /** Every line the server printed, JSON log lines included. */
  output: string[];
  exited: Promise<number | null>;
}

/** `npm start` on its own data directory and a free port, as an operator runs it; resolves once it listens. */
async function npmStart(dataDirectory: string): Promise<Started> {
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDirectory, PORT: '0', MONGODB_URI: '', LOG_FORMAT: 'json', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '120000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  createInterface({ input: npm.stderr! }).on('line', (line) => output.push(line));
  const lines = createInterface({ input: npm.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      output.push(line);
      const url = /"url":"http:\/\/[^"]+:(\d+)\/graphql"/.exec(line);
      if (url) resolve(Number(url[1]));
    });
    void exited.then((code) => reject(new Error(`npm start exited with ${code} before listening:\n${output.join('\n')}`)));
  });
  return { npm, port, output, exited };
}

interface Answer {
  status: number;
  body: string;
}

/** A POST on a connection of its own; `trickle` sends the body in two parts, the second after `release`. */
function post(port: number, release?: Promise<void>): { sent: Promise<void>; answer: Promise<Answer> } {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(QUERY) } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
    if (!release) {
      request.end(QUERY, markSent);
      return;
    }
    const half = Math.floor(QUERY.length / 2);
    request.write(QUERY.slice(0, half), () => {
      markSent();
      void release.then(() => request.end(QUERY.slice(half)));
    });
  });
  return { sent, answer };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('stopping npm start with SIGTERM', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  let started: Started | undefined;

  beforeEach(() => {
    folder = temporaryDirectory('clean-stop');
  });

  afterEach(() => {
    started?.npm.kill('SIGKILL');
    started = undefined;
    folder.remove();
  });

  it('answers all 8 requests sent before the signal, exits 0, and frees the port and the data directory', async () => {
    started = await npmStart(folder.directory);
    const { port } = started;
    let releaseBodies: () => void = () => undefined;
    const bodiesReleased = new Promise<void>((resolve) => (releaseBodies = resolve));
    // Four requests still sending their body when the signal comes, four sent whole just before it.
    const requests = [...Array.from({ length: 4 }, () => post(port, bodiesReleased)), ...Array.from({ length: 4 }, () => post(port))];
    await Promise.all(requests.map((request) => request.sent));

    started.npm.kill('SIGTERM');
    setTimeout(releaseBodies, 300);
    const answers = await Promise.all(requests.map((request) => request.answer)).catch(async (error: Error) => {
      // Say what the server did: the exit code and its log lines.
      const code = await Promise.race([started?.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))]);
      throw new Error(`${error.message}; npm start exit: ${String(code)}\n${started?.output.join('\n')}`);
    });

    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    for (const answer of answers) expect(JSON.parse(answer.body)).toMatchObject({ data: { articles: { totalCount: 1 } } });
    expect(await started.exited).toBe(0);
    expect(await portIsFree(port)).toBe(true);
    expect(fs.existsSync(path.join(folder.directory, 'LOCK'))).toBe(false);
    expect(started.output.join('\n')).toMatch(/"msg":"stopped"/);
  }, 240_000);

  it('under keep-alive load answers every request sent before the signal, with no store-closed errors', async () => {
    started = await npmStart(folder.directory);
    const { port } = started;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const statuses: number[] = [];
    const failures: string[] = [];
    let signalled = false;
    const client = async (): Promise<void> => {
      for (;;) {
        const sentBeforeSignal = !signalled;
        const outcome = await new Promise<number | string>((resolve) => {
          const request = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          });
          request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
          request.end(QUERY);
        });
        if (typeof outcome === 'number') statuses.push(outcome);
        else if (sentBeforeSignal) failures.push(outcome);
        // Sent after the signal: refused once the server stopped listening (which ends this client),
        // or, on a kept-alive connection it closed meanwhile, reset (a client retries those).
        else if (outcome === 'ECONNREFUSED') return;
        if (failures.length > 0) return;
      }
    };
    const clients = Array.from({ length: 4 }, client);
    // Under way: every client has had answers on its kept-alive connection.
    while (statuses.length < 20 && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const beforeSignal = statuses.length;
    signalled = true;
    started.npm.kill('SIGTERM');
    await Promise.all(clients);
    agent.destroy();

    expect(failures).toEqual([]);
    expect(beforeSignal).toBeGreaterThanOrEqual(20);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(await started.exited).toBe(0);
    const log = started.output.join('\n');
    expect(log).not.toMatch(/store is closed/i);
    expect(log).not.toMatch(/"level":"error"/);
  }, 240_000);
});
