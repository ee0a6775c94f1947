import { setTimeout } from 'node:timers/promises';
import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import { createContext } from '../src/context';
import type { Store } from '../src/store/store';
import { startBareGraphqlServer, type ListeningServer } from './arms/bare-http-server';
import { startGatewayServer } from './arms/gateway-server';
import { driveInProcess, executeOperation, measureRoundTrips, type PreparedOperation, type RoundMeasurement } from './arms/in-process';
import type { CorpusPicks } from './corpus/pick-variables';
import type { LoadClient } from './load/load-client';
import { collectGarbage, sampleMemory, type MemoryPeak } from './load/memory-sampler';
import type { BenchOptions } from './options';
import type { ArmResult, SizeResult, WorkloadAtSize } from './report/results';
import { median } from './stats';
import { ARTICLE_TREE, type Workload } from './workloads/workloads';

/** A workload that validated against the schema, with its text and parsed document. */
export interface ReadyWorkload {
  workload: Workload;
  source: string;
  document: DocumentNode;
}

/** What measuring one engine at one corpus size needs. */
export interface SizeRun {
  options: BenchOptions;
  schema: GraphQLSchema;
  rules: readonly ValidationRule[];
  workloads: readonly ReadyWorkload[];
  store: Store;
  articles: number;
  picks: CorpusPicks;
  readySeconds: number;
  openSeconds: number;
  load: LoadClient;
  log: (line: string) => void;
  warn: (line: string) => void;
}

/** A workload slower than this alone gets fewer connections, so each round still completes requests. */
const SLOW_EXECUTION_MS = 100;
/** Aim for at most this much queueing per request when connections are reduced. */
const QUEUE_BUDGET_MS = 1000;
const SETTLE_LIMIT_MS = 2000;
/** A workload slower than this alone is not put under load at that size (a round would hold a handful of requests). */
const TOO_SLOW_FOR_LOAD_MS = 1000;
/** Executions timed alone to size the load, within this many milliseconds. */
const PROBE_EXECUTIONS = 5;
const PROBE_BUDGET_MS = 3000;

type ArmName = 'gateway' | 'bareHttp' | 'inProcess' | 'inProcessNaive';
const ARM_ORDER: readonly ArmName[] = ['gateway', 'bareHttp', 'inProcess', 'inProcessNaive'];

/** Concurrency for a workload: the full count unless one execution alone is slow. */
function connectionsFor(singleExecutionMs: number, maxConnections: number): number {
  if (singleExecutionMs < SLOW_EXECUTION_MS) return maxConnections;
  return Math.max(1, Math.min(maxConnections, Math.floor(QUEUE_BUDGET_MS / singleExecutionMs)));
}

function summarizeArm(rounds: RoundMeasurement[], memory?: MemoryPeak): ArmResult {
  return {
    rounds,
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms: median(rounds.map((round) => round.p99Ms)),
    failures: rounds.reduce((sum, round) => sum + round.failures, 0),
    ...(memory ? { memory } : {}),
  };
}

function maxPeak(a: MemoryPeak | undefined, b: MemoryPeak): MemoryPeak {
  return a ? { rssMiB: Math.max(a.rssMiB, b.rssMiB), heapUsedMiB: Math.max(a.heapUsedMiB, b.heapUsedMiB) } : b;
}

/** Median time of one execution alone (in-process, batched), after one warm-up execution. */
async function timeAlone(operation: PreparedOperation, store: Store): Promise<number> {
  const times: number[] = [];
  const started = performance.now();
  for (let index = 0; index <= PROBE_EXECUTIONS && (index < 2 || performance.now() - started < PROBE_BUDGET_MS); index += 1) {
    const begun = performance.now();
    await executeOperation(operation, store, true);
    times.push(performance.now() - begun);
  }
  return median(times.slice(1));
}

/** Posts the operation once and checks the server answers the same data as graphql-js in-process. */
async function verifyServer(server: ListeningServer, body: string, expected: string, what: string): Promise<void> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  if (response.status !== 200 || answer.errors) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
  if (JSON.stringify(answer.data) !== expected) throw new Error(`${what} answered other data than graphql-js in-process`);
}

/** Measures every workload on one store: round trips, then rounds of every arm in rotating order. */
export async function runSize(run: SizeRun): Promise<SizeResult> {
  const { options, store, load, log } = run;
  // Idle: the corpus loaded and the store open, garbage collected, nothing served yet.
  collectGarbage();
  const baselineMemory = sampleMemory().stop();
  log(`  opened in ${(run.openSeconds * 1000).toFixed(0)} ms; idle: RSS ${baselineMemory.rssMiB.toFixed(0)} MiB, heap ${baselineMemory.heapUsedMiB.toFixed(0)} MiB`);
  // Under load: from the servers' start to their stop, every workload and arm of this size.
  const underLoad = sampleMemory();
  const gateway = await startGatewayServer(store);
  const bare = await startBareGraphqlServer(run.schema, () => createContext(store), run.rules);
  const results: WorkloadAtSize[] = [];
  try {
    for (const { workload, source, document } of run.workloads) {
      const variables = workload.variables(run.picks);
      const operation: PreparedOperation = { schema: run.schema, document, operationName: workload.operationName, variables };
      const what = `${workload.name} at ${run.articles.toLocaleString('en')} articles (${store.engine})`;
      const roundTrips = await measureRoundTrips(operation, store, what);

      const singleExecutionMs = await timeAlone(operation, store);
      if (singleExecutionMs > TOO_SLOW_FOR_LOAD_MS) {
        run.warn(`${what}: one execution takes ${(singleExecutionMs / 1000).toFixed(1)} s, too slow to drive under load; only its round trips and single-execution time are reported`);
        log(`  ${workload.name}: ${roundTrips.batched} round trips batched, ${roundTrips.naive} naive; ${singleExecutionMs.toFixed(0)} ms alone: no load rounds`);
        const { data: _unused, ...slowTrips } = roundTrips;
        results.push({ workload: workload.name, variables, roundTrips: slowTrips, singleExecutionMs, connections: 0, arms: {} });
        continue;
      }
      const connections = connectionsFor(singleExecutionMs, options.maxConnections);
      if (connections < options.maxConnections) run.warn(`${what}: one execution takes ${singleExecutionMs.toFixed(0)} ms, so every arm ran with ${connections} connection(s) instead of ${options.maxConnections}`);
      const overHttp = workload === ARTICLE_TREE || options.httpSizesForAllWorkloads.includes(run.articles);
      log(`  ${workload.name}: ${roundTrips.batched} round trips batched, ${roundTrips.naive} naive; ${singleExecutionMs.toFixed(1)} ms alone; ${connections} connections${overHttp ? '' : ' (in-process only at this size)'}`);

      const body = JSON.stringify({ query: source, variables, operationName: workload.operationName });
      const timeoutSeconds = Math.max(10, (20 * singleExecutionMs * connections) / 1000);
      const expected = JSON.stringify(roundTrips.data);
      const servers: Partial<Record<ArmName, ListeningServer>> = {};
      if (overHttp) {
        await verifyServer(gateway, body, expected, `The gateway, for ${what},`);
        await verifyServer(bare, body, expected, `The bare node:http server, for ${what},`);
        servers.gateway = gateway;
        servers.bareHttp = bare;
        for (const server of [gateway, bare]) await load.run({ url: server.url, body, connections, seconds: options.warmupSeconds, timeoutSeconds });
      }

      const rounds: Record<ArmName, RoundMeasurement[]> = { gateway: [], bareHttp: [], inProcess: [], inProcessNaive: [] };
      const memory: Partial<Record<ArmName, MemoryPeak>> = {};
      const arms = ARM_ORDER.filter((arm) => arm.startsWith('inProcess') || servers[arm]);
      for (let round = 0; round < options.rounds; round += 1) {
        // Rotating the order spreads slow drift (GC, a busy neighbour) over every arm alike.
        for (const arm of [...arms.slice(round % arms.length), ...arms.slice(0, round % arms.length)]) {
          const server = servers[arm];
          if (server) {
            const sampler = sampleMemory();
            const measured = await load.run({ url: server.url, body, connections, seconds: options.roundSeconds, timeoutSeconds });
            memory[arm] = maxPeak(memory[arm], sampler.stop());
            rounds[arm].push({ ...measured, failures: measured.non2xx + measured.errors + measured.timeouts });
            // Requests in flight when the client stopped are still being served: let them finish before the next arm.
            await setTimeout(Math.min(SETTLE_LIMIT_MS, connections * singleExecutionMs + 50));
          } else {
            rounds[arm].push(await driveInProcess(operation, store, arm === 'inProcess', options.inProcessSeconds, connections));
          }
        }
      }
      const armResults = {
        ...(servers.gateway ? { gateway: summarizeArm(rounds.gateway, memory.gateway) } : {}),
        ...(servers.bareHttp ? { bareHttp: summarizeArm(rounds.bareHttp, memory.bareHttp) } : {}),
        inProcess: summarizeArm(rounds.inProcess),
        inProcessNaive: summarizeArm(rounds.inProcessNaive),
      };
      for (const [arm, result] of Object.entries(armResults)) {
        if (result.failures > 0) run.warn(`${what}: ${result.failures} failed request(s) in the ${arm} arm`);
      }
      if (gateway.unexpectedErrors() > 0) run.warn(`${what}: the gateway logged ${gateway.unexpectedErrors()} unexpected error(s) so far`);
      const { data: _data, ...trips } = roundTrips;
      results.push({ workload: workload.name, variables, roundTrips: trips, singleExecutionMs, connections, arms: armResults });
    }
  } finally {
    await gateway.close();
    await bare.close();
  }
  const loadMemory = underLoad.stop();
  log(`  peak under load: RSS ${loadMemory.rssMiB.toFixed(0)} MiB, heap ${loadMemory.heapUsedMiB.toFixed(0)} MiB`);
  return { articles: run.articles, readySeconds: run.readySeconds, openSeconds: run.openSeconds, baselineMemory, loadMemory, workloads: results };
}
