import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** How much a run measures and for how long: `--quick` trades precision for a run of about a minute. */
export interface BenchOptions {
  readonly mode: 'quick' | 'full';
  /** Corpus sizes in articles, smallest first; the latency target compares the last with the first. */
  readonly sizes: readonly number[];
  /** Corpus PRNG seed. */
  readonly seed: number;
  /** The size whose corpus is loaded into a fresh store to measure seed loading. */
  readonly seedLoadSize: number;
  /** Sizes at which every workload is driven over HTTP; the tree query is driven at every size. */
  readonly httpSizesForAllWorkloads: readonly number[];
  /** Measured rounds per arm; the report gives medians over them. */
  readonly rounds: number;
  /** Seconds of HTTP load per round and arm. */
  readonly roundSeconds: number;
  /** Seconds of HTTP load per arm before the first round, not measured. */
  readonly warmupSeconds: number;
  /** Seconds of in-process execution per round. */
  readonly inProcessSeconds: number;
  /** Most concurrent requests per arm (fewer for slow workloads; see `concurrencyFor`). */
  readonly maxConnections: number;
  /** Where corpora are cached between runs (outside the repository); stores are loaded here and deleted after. */
  readonly cacheDirectory: string;
  /** Where latest.json and latest.md are written. */
  readonly resultsDirectory: string;
  /** MongoDB to benchmark too, when MONGODB_URI is set. */
  readonly mongodbUri: string | undefined;
}

export const BENCH_USAGE = `Usage: npm run bench [-- --quick] [--seed S] [--cache DIR] [--out DIR]

Benchmarks the gateway on synthetic corpora (1k, 10k and 100k articles; --quick: 200, 1k, 5k)
on the embedded store, and on MongoDB too when MONGODB_URI is set. Writes latest.json and
latest.md to bench/results/ (or --out DIR). Corpora are cached in --cache DIR (default:
${path.join(os.tmpdir(), 'attribution-bench')}); each run loads them into new stores there and deletes those.`;

/** Parses the CLI arguments; `{ error }` carries a message for the user, `{ help }` asks for usage. */
export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv, projectRoot: string): BenchOptions | { error: string } | { help: true } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        cache: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return { error: `--seed must be an integer from 0 to 4294967295; got ${values.seed}` };
  const common = {
    seed,
    cacheDirectory: path.resolve(values.cache ?? path.join(os.tmpdir(), 'attribution-bench')),
    resultsDirectory: path.resolve(values.out ?? path.join(projectRoot, 'bench', 'results')),
    mongodbUri: env.MONGODB_URI || undefined,
    maxConnections: 10,
  };
  if (values.quick) {
    const sizes = [200, 1000, 5000];
    return {
      ...common,
      mode: 'quick',
      sizes,
      seedLoadSize: 1000,
      // Every size, so the quick run judges every workload's p50 target as the full run does.
      httpSizesForAllWorkloads: sizes,
      rounds: 3,
      roundSeconds: 0.5,
      warmupSeconds: 0.3,
      inProcessSeconds: 0.2,
    };
  }
  return {
    ...common,
    mode: 'full',
    sizes: [1000, 10_000, 100_000],
    seedLoadSize: 10_000,
    httpSizesForAllWorkloads: [1000, 10_000, 100_000],
    rounds: 5,
    roundSeconds: 4,
    warmupSeconds: 3,
    inProcessSeconds: 2,
  };
}
