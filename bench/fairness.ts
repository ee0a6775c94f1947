/**
 * Fairness under hostile load: a cheap query's latency (`article(id) { title }`) while clients
 * send the most expensive queries the limits admit, in parallel, on the embedded engine.
 *
 *   npx tsx bench/fairness.ts [--articles 2000] [--seed 3] [--clients 20] [--aliases 10] [--seconds 20]
 *                             [--data DIR] [--root DIR]
 *
 * The server runs as `npm start` runs it (production mode, its own process) from `--root` (this
 * checkout by default; another checkout measures the code before a change) over `--data`, a data
 * directory loaded with the generated corpus (loaded on first use). The probe sends the cheap query
 * every 50 ms, open loop, so a blocked event loop shows in its latency; first alone, then with the
 * heavy clients, which send each heavy shape with as many aliases (up to `--aliases`) as the limits
 * admit. Prints p50/p99/max of the probe and what the heavy requests got. Timings depend on what
 * else the machine runs: compare runs taken back to back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { prepareCorpus } from './corpus/prepare-corpus';
import { loadCorpus } from './corpus/seed-load';
import { DATABASE_FILE, EmbeddedStore } from '../src/store/embedded/index';
import { percentile } from './stats';

const PROBE_EVERY_MS = 50;
const CHEAP_QUERY = '{ article(id: "article/g-1") { title } }';
const STANCES = ['ASSERTS', 'DENIES', 'CONFIRMS', 'WARNS', 'CRITICIZES'];
const KINDS = ['PERSON', 'GOVERNMENT', 'GOVERNMENT_AGENCY', 'MEDIA_OUTLET', 'NEWS_AGENCY'];
const WORDS = ['troops', 'minister', 'said', 'border', 'talks', 'report', 'official', 'denied'];

/** The heaviest query shapes we know; `query(aliases)` asks for that many copies, with differing arguments. */
const HEAVY_SHAPES: Array<{ name: string; field: (index: number) => string }> = [
  { name: 'mostCitedSources', field: (index) => `mostCitedSources(first: ${100 - index}, kind: [${KINDS[index % KINDS.length]}]) { statementCount reportCount }` },
  { name: 'textContains scan', field: (index) => `statements(filter: { textContains: "${WORDS[index % WORDS.length]}" }, first: 100) { totalCount nodes { claim } }` },
  {
    name: 'stance scan, sorted',
    field: (index) => `statements(filter: { stance: [${STANCES[index % STANCES.length]}] }, orderBy: { field: MADE_AT, direction: DESC }, first: 100) { totalCount nodes { claim } }`,
  },
  { name: 'search', field: (index) => `search(query: "${WORDS[index % WORDS.length]} ${WORDS[(index + 3) % WORDS.length]}", first: 100) { totalCount edges { score } }` },
  { name: 'actor stats', field: (index) => `actors(first: ${100 - index}) { nodes { stats { byStance { count } articles { statementCount } } } }` },
];

function copies(field: (index: number) => string, aliases: number): string {
  return `{ ${Array.from({ length: aliases }, (_, index) => `q${index}: ${field(index)}`).join(' ')} }`;
}

/**
 * Each shape with the most aliases (up to `maxAliases`) the server admits: the worst admissible
 * queries. A refusal is a 400 (cost, size or depth limit); the accepted try also warms the server up.
 */
async function worstAdmissible(url: string, maxAliases: number): Promise<Array<{ name: string; query: string }>> {
  const admitted: Array<{ name: string; query: string }> = [];
  for (const shape of HEAVY_SHAPES) {
    for (let aliases = maxAliases; aliases >= 1; aliases -= 1) {
      const query = copies(shape.field, aliases);
      const answer = await post(url, query, 120_000);
      if (answer.outcome.startsWith('HTTP 400')) continue;
      admitted.push({ name: `${shape.name} x${aliases}`, query });
      break;
    }
  }
  return admitted;
}

interface Timed {
  ms: number;
  outcome: string;
}

async function post(url: string, query: string, timeoutMs: number): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    const codes = [...new Set((body.errors ?? []).map((error) => error.extensions?.code ?? 'no code'))];
    return { ms: performance.now() - started, outcome: `HTTP ${response.status}${codes.length > 0 ? ` ${codes.join('+')}` : ' ok'}` };
  } catch (error) {
    return { ms: performance.now() - started, outcome: (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : `failed: ${(error as Error).message}` };
  }
}

/** Sends the cheap query every PROBE_EVERY_MS until `until`, without waiting for answers. */
async function probe(url: string, until: number): Promise<Timed[]> {
  const pending: Array<Promise<Timed>> = [];
  while (Date.now() < until) {
    pending.push(post(url, CHEAP_QUERY, 120_000));
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  return Promise.all(pending);
}

function summary(samples: readonly Timed[]): string {
  const ms = samples.map((sample) => sample.ms);
  const outcomes = countBy(samples.map((sample) => sample.outcome));
  return `n=${samples.length} p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms (${outcomes})`;
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${count} x ${value}`).join(', ');
}

async function startServer(root: string, dataDirectory: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=128', '--import', 'tsx', path.join(root, 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDirectory, PORT: '0', HOST: '127.0.0.1', MONGODB_URI: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = /(http:\/\/\S+\/graphql)/.exec(line)?.[1];
    if (url) return { url, child };
  }
  throw new Error('The server exited before it listened');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '3' },
      clients: { type: 'string', default: '20' },
      aliases: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '20' },
      data: { type: 'string' },
      root: { type: 'string', default: path.join(__dirname, '..') },
    },
  });
  const articles = Number(values.articles);
  const seed = Number(values.seed);
  const cache = path.join(os.tmpdir(), 'attribution-bench');
  const dataDirectory = path.resolve(values.data ?? path.join(cache, `fairness-store-${articles}-seed${seed}`));
  if (!fs.existsSync(path.join(dataDirectory, DATABASE_FILE))) {
    const corpus = await prepareCorpus(cache, articles, seed, console.log);
    const writer = await EmbeddedStore.open(dataDirectory);
    try {
      console.log(`loading ${articles} articles into ${dataDirectory}`);
      await loadCorpus(writer, corpus);
    } finally {
      await writer.close();
    }
  }
  const root = path.resolve(values.root);
  const { url, child } = await startServer(root, dataDirectory);
  console.log(`server from ${root} over ${dataDirectory}: ${url}`);
  try {
    // Also the warm-up: the first search builds the text indexes; the first mostCitedSources computes its groups.
    const heavy = await worstAdmissible(url, Number(values.aliases));
    const seconds = Number(values.seconds);
    console.log(`cheap query alone:            ${summary(await probe(url, Date.now() + 5000))}`);
    const until = Date.now() + seconds * 1000;
    const results = new Map<string, Timed[]>(heavy.map(({ name }) => [name, []]));
    const clients = Array.from({ length: Number(values.clients) }, async (_, client) => {
      for (let round = client; Date.now() < until; round += 1) {
        const { name, query } = heavy[round % heavy.length] as { name: string; query: string };
        results.get(name)?.push(await post(url, query, 120_000));
      }
    });
    const probed = await probe(url, until);
    console.log(`cheap query under heavy load: ${summary(probed)}`);
    await Promise.all(clients);
    console.log(`heavy load: ${values.clients} clients, each query with the most aliases admitted (up to ${values.aliases}), ${seconds} s`);
    for (const [name, samples] of results) if (samples.length > 0) console.log(`  ${name.padEnd(20)} ${summary(samples)}`);
  } finally {
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
