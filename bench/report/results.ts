import type { CorpusPicks } from '../corpus/pick-variables';
import type { SeedLoadMeasurement } from '../corpus/seed-load';
import type { RoundMeasurement } from '../arms/in-process';
import type { WaveSummary } from '../arms/call-waves';
import type { MemoryPeak } from '../load/memory-sampler';
import type { MachineDescription } from '../machine';

/** Everything one run measured: the shape of bench/results/latest.json. */
export interface BenchResults {
  machine: MachineDescription;
  mode: 'quick' | 'full';
  command: string;
  settings: {
    seed: number;
    sizes: readonly number[];
    /** The corpus whose embedded load the seed-loading target reads. */
    seedLoadSize: number;
    rounds: number;
    roundSeconds: number;
    warmupSeconds: number;
    inProcessSeconds: number;
    maxConnections: number;
    mongodb: boolean;
  };
  /** Wall-clock seconds of the whole run, corpus generation and loading included. */
  totalSeconds: number;
  corpora: CorpusResult[];
  workloads: WorkloadStatus[];
  /** Every load of a corpus this run made, per engine. */
  seedLoading: SeedLoadMeasurement[];
  /** The tree query on an article of exactly 100 statements, batched vs naive. */
  hundredStatementTree: RoundTrips & { statements: number };
  engines: EngineResult[];
  targets: TargetResult[];
  /** Anything a reader must know to trust the numbers (errors seen, reduced concurrency, ...). */
  warnings: string[];
}

export interface CorpusResult {
  articles: number;
  actors: number;
  statements: number;
  reports: number;
  documents: number;
  megabytes: number;
  generationSeconds: number;
  picks: CorpusPicks;
}

export interface WorkloadStatus {
  name: string;
  title: string;
  file: string;
  status: 'ran' | 'skipped' | 'invalid';
  reason?: string;
}

export interface RoundTrips {
  batched: number;
  naive: number;
  ratio: number;
  batchedWaves: WaveSummary;
}

/** One arm of one workload at one size: every round and their medians. */
export interface ArmResult {
  rounds: RoundMeasurement[];
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests that failed in any round (non-2xx, errors in the body, timeouts, socket errors). */
  failures: number;
  /** Peak server memory while this arm ran (HTTP arms). */
  memory?: MemoryPeak;
}

export interface WorkloadAtSize {
  workload: string;
  variables: Record<string, unknown>;
  roundTrips: RoundTrips;
  /** One execution alone, in-process, batched: the median of a few, in milliseconds. */
  singleExecutionMs: number;
  /** Concurrent requests (HTTP connections, in-process loops) used for every arm; 0 when too slow to load. */
  connections: number;
  /** Timed arms; none when one execution alone is too slow to put under load. */
  arms: {
    gateway?: ArmResult;
    bareHttp?: ArmResult;
    inProcess?: ArmResult;
    inProcessNaive?: ArmResult;
  };
}

export interface SizeResult {
  articles: number;
  /** Seconds until the store held the corpus: the load (embedded), or reaching or loading the database (mongo). */
  readySeconds: number;
  /**
   * Seconds to open the loaded store as `npm start` does: `EmbeddedStore.open` on the data
   * directory, or a new connection to the database (mongo).
   */
  openSeconds: number;
  /** Memory of the server process idle: the store open, after a full garbage collection, before any load. */
  baselineMemory: MemoryPeak;
  /** Peak memory of the server process while this size's workloads ran: every arm, probes and warm-ups included. */
  loadMemory: MemoryPeak;
  workloads: WorkloadAtSize[];
}

export interface EngineResult {
  engine: 'embedded' | 'mongo';
  sizes: SizeResult[];
}

export interface TargetResult {
  name: string;
  /** How the target reads in the issue. */
  statement: string;
  /** What was measured, in words with the numbers. */
  measured: string;
  value: number;
  threshold: number;
  /** Whether higher or lower values are better. */
  direction: 'at-least' | 'at-most';
  status: 'PASS' | 'MISS' | 'NOT MEASURED';
  /** Relative distance from the threshold on the good side (positive) or the bad side (negative). */
  margin: number;
}
