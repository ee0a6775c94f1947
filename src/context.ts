import { BatchScheduler } from './loaders/batch-scheduler';
import { createLoaders, type Loaders } from './loaders/loaders';
import { createRepositories, type Repositories } from './repository/repositories';
import { RoundTripCounter, countRoundTrips } from './store/round-trip-counter';
import type { Store } from './store/store';

/** What every resolver of one request receives. */
export interface GatewayContext {
  readonly repositories: Repositories;
  readonly loaders: Loaders;
  /** Store calls made for this request so far. */
  readonly roundTrips: RoundTripCounter;
  readonly storeEngine: Store['engine'];
}

export interface ContextOptions {
  /** False resolves every relation with its own store call, as naive resolvers do (benchmarks only). */
  batching?: boolean;
}

/** Builds a fresh context (counted store, repositories, loaders) for one request. */
export function createContext(store: Store, options: ContextOptions = {}): GatewayContext {
  const roundTrips = new RoundTripCounter();
  const scheduler = options.batching === false ? null : new BatchScheduler();
  const repositories = createRepositories(countRoundTrips(store, roundTrips, (call) => (scheduler ? scheduler.track(call) : call)));
  return { repositories, loaders: createLoaders(repositories, { scheduler }), roundTrips, storeEngine: store.engine };
}
