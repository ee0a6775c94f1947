import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createContext } from '../../src/context';
import type { Store } from '../../src/store/store';
import { percentile } from '../stats';
import { recordCallWaves, summarizeWaves, type WaveSummary } from './call-waves';

/** A workload ready to execute: the validated document and its variables. */
export interface PreparedOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
}

/** Executes the operation once with graphql-js alone, on a fresh request context. */
export async function executeOperation(operation: PreparedOperation, store: Store, batching: boolean): Promise<{ result: ExecutionResult; roundTrips: number }> {
  const contextValue = createContext(store, { batching });
  const result = await execute({
    schema: operation.schema,
    document: operation.document,
    operationName: operation.operationName,
    variableValues: operation.variables,
    contextValue,
  });
  return { result, roundTrips: contextValue.roundTrips.count };
}

/** Store round trips of one execution, batched (with how they spread over levels) and naive. */
export interface RoundTripMeasurement {
  batched: number;
  naive: number;
  /** naive / batched. */
  ratio: number;
  batchedWaves: WaveSummary;
}

/** Fails with the operation's errors, so a broken workload never produces numbers. */
export function assertNoErrors(result: ExecutionResult, what: string): void {
  if (result.errors && result.errors.length > 0) throw new Error(`${what} answered errors: ${result.errors.map((error) => error.message).join('; ')}`);
  if (!result.data) throw new Error(`${what} answered no data`);
}

/** Executes once batched and once naive (one store call per relation per parent) and counts the calls. */
export async function measureRoundTrips(operation: PreparedOperation, store: Store, what: string): Promise<RoundTripMeasurement & { data: unknown }> {
  const recorder = recordCallWaves(store);
  const batched = await executeOperation(operation, recorder.store, true);
  assertNoErrors(batched.result, `${what} (batched)`);
  const naive = await executeOperation(operation, store, false);
  assertNoErrors(naive.result, `${what} (naive)`);
  if (JSON.stringify(naive.result.data) !== JSON.stringify(batched.result.data)) throw new Error(`${what}: the naive and batched arms answer different data`);
  return {
    batched: batched.roundTrips,
    naive: naive.roundTrips,
    ratio: naive.roundTrips / batched.roundTrips,
    batchedWaves: summarizeWaves(recorder.calls),
    data: batched.result.data,
  };
}

/** Throughput and latency of one timed round. */
export interface RoundMeasurement {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not a clean success: non-2xx, errors in the body, timeouts, socket errors. */
  failures: number;
}

/**
 * Runs the operation back to back from `concurrency` loops for `seconds`, as the HTTP arms'
 * connections do, and times each execution: the floor of resolver and store work, no HTTP.
 */
export async function driveInProcess(operation: PreparedOperation, store: Store, batching: boolean, seconds: number, concurrency: number): Promise<RoundMeasurement> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      const { result } = await executeOperation(operation, store, batching);
      latencies.push(performance.now() - begun);
      if (result.errors) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.length, seconds: elapsed, requestsPerSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), failures };
}
