import { DEFAULT_REQUEST_TIMEOUT_MS } from './config';
import { BatchScheduler } from './loaders/batch-scheduler';
import { createLoaders, type Loaders } from './loaders/loaders';
import { createRepositories, type Repositories } from './repository/repositories';
import { withDeadline } from './store/deadline-store';
import { RequestDeadline } from './store/request-deadline';
import { RoundTripCounter, countRoundTrips } from './store/round-trip-counter';
import type { Store } from './store/store';

/** What every resolver of one request receives. */
export interface GatewayContext {
  readonly repositories: Repositories;
  readonly loaders: Loaders;
  /** Store calls made for this request so far. */
  readonly roundTrips: RoundTripCounter;
  readonly storeEngine: Store['engine'];
  /** When the request's time is up; its store calls stop then. */
  readonly deadline: RequestDeadline;
}

export interface ContextOptions {
  /** False resolves every relation with its own store call, as naive resolvers do (benchmarks only). */
  batching?: boolean;
  /** The request's time limit (`REQUEST_TIMEOUT_MS`), counted from now. */
  requestTimeoutMs?: number;
  /** The limit of any one store call within it (`STORE_QUERY_TIMEOUT_MS`); the request's limit when absent. */
  storeQueryTimeoutMs?: number;
}

/** Builds a fresh context (counted, deadline-bound store, repositories, loaders) for one request. */
export function createContext(store: Store, options: ContextOptions = {}): GatewayContext {
  const roundTrips = new RoundTripCounter();
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const deadline = new RequestDeadline(requestTimeoutMs);
  const scheduler = options.batching === false ? null : new BatchScheduler();
  // The scheduler sees each call as the deadline bounds it, so an abandoned call no longer holds the queued batches.
  const bounded = withDeadline(store, deadline, options.storeQueryTimeoutMs ?? requestTimeoutMs);
  const repositories = createRepositories(countRoundTrips(bounded, roundTrips, (call) => (scheduler ? scheduler.track(call) : call)));
  return { repositories, loaders: createLoaders(repositories, { scheduler }), roundTrips, storeEngine: store.engine, deadline };
}
