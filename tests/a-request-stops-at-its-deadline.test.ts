import { readConfig } from '../src/config';
import type { CallLimits, Store } from '../src/store/store';
import { wrapStore } from '../src/store/store-wrapper';
import { loadSeed, startGateway, type RunningGateway } from './support/gateway';
import { disposeStore, testEngines } from './support/stores';

const DEADLINE_MS = 300;
const FIVE_AGGREGATES = `{ ${[1, 2, 3, 4, 5].map((n) => `a${n}: mostCitedSources(first: 3) { statementCount }`).join(' ')} }`;

/** Spins the thread, as an engine computing in process does. */
function busyFor(milliseconds: number): void {
  const until = Date.now() + milliseconds;
  while (Date.now() < until);
}

/** The store, with every corpus-wide aggregate (`sourceCitations`) made slow in the given way; counts those that reach it. */
function slowAggregates(store: Store, slow: 'blocks 150 ms' | 'never answers') {
  const reached = { aggregates: 0 };
  const wrapped = wrapStore(store, {
    read: (name, _collection, call, limits) => {
      if (name !== 'sourceCitations') return call(limits);
      reached.aggregates += 1;
      if (slow === 'never answers') return new Promise(() => undefined);
      busyFor(150);
      return call(limits);
    },
    write: (_name, _collection, call) => call(),
  });
  return { store: wrapped, reached };
}

describe.each(testEngines())('a request on the $name store', (engine) => {
  let store: Store;
  const running: RunningGateway[] = [];
  beforeAll(async () => {
    store = await engine.open();
    await loadSeed(store);
  });
  afterAll(async () => {
    for (const gateway of running) await gateway.close();
    await disposeStore(store);
  });
  // No cost limit here: it would refuse five corpus-wide aggregates before any store call, and
  // these tests are about what the deadline stops once work has started.
  const gatewayOver = async (over: Store) => {
    const gateway = await startGateway(over, { config: { exposeStoreStats: false, development: false, requestTimeoutMs: DEADLINE_MS, maxQueryCost: Number.MAX_SAFE_INTEGER } });
    running.push(gateway);
    return gateway;
  };

  it('abandons a store call still in flight at the deadline, with STORE_TIMEOUT', async () => {
    const gateway = await gatewayOver(slowAggregates(store, 'never answers').store);
    const started = Date.now();
    const response = await gateway.query('{ mostCitedSources(first: 3) { statementCount } }');
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 1000);
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['mostCitedSources'], message: expect.stringContaining(`time limit of ${DEADLINE_MS} ms`), extensions: { code: 'STORE_TIMEOUT' } }),
    ]);
  });

  it('refuses store calls that would start after the deadline, so the rest of the request stops', async () => {
    // The five aggregates start one after another, each holding the thread for 150 ms: at most
    // the first two start within 300 ms; the others are refused without reaching the store.
    const slow = slowAggregates(store, 'blocks 150 ms');
    const gateway = await gatewayOver(slow.store);
    const response = await gateway.query(FIVE_AGGREGATES);
    expect(slow.reached.aggregates).toBeGreaterThanOrEqual(1);
    expect(slow.reached.aggregates).toBeLessThanOrEqual(2);
    // The fields are non-null, so the first refusal nulls the whole data, and graphql-js reports that one.
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ path: [`a${slow.reached.aggregates + 1}`], extensions: { code: 'STORE_TIMEOUT' } })]);
  });

  it('hands every read the time its request has left, and one caller per request, down to the engine', async () => {
    const seen: Array<CallLimits | undefined> = [];
    const recording = wrapStore(store, {
      read: (_name, _collection, call, limits) => (seen.push(limits), call(limits)),
      write: (_name, _collection, call) => call(),
    });
    const gateway = await gatewayOver(recording);
    const response = await gateway.query('{ articles(first: 1) { totalCount nodes { title statements { claim } } } }');
    expect(response.errors).toBeUndefined();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const limits of seen) {
      expect(limits?.timeoutMs).toBeGreaterThan(0);
      expect(limits?.timeoutMs).toBeLessThanOrEqual(DEADLINE_MS);
      expect(limits?.signal).toBeInstanceOf(AbortSignal);
    }
    expect(new Set(seen.map((limits) => limits?.caller)).size).toBe(1);
  });

  it('gives each request its own time: a later request is not refused for an earlier one', async () => {
    const gateway = await gatewayOver(store);
    await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS + 50));
    const response = await gateway.query('{ mostCitedSources(first: 1) { statementCount } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.mostCitedSources).toHaveLength(1);
  });
});

describe('the request time limit', () => {
  it('defaults to 5 s, and each store call may use all of it unless STORE_QUERY_TIMEOUT_MS says less', () => {
    expect(readConfig({})).toMatchObject({ requestTimeoutMs: 5000, storeQueryTimeoutMs: 5000 });
    expect(readConfig({ REQUEST_TIMEOUT_MS: '2000' })).toMatchObject({ requestTimeoutMs: 2000, storeQueryTimeoutMs: 2000 });
    expect(readConfig({ REQUEST_TIMEOUT_MS: '2000', STORE_QUERY_TIMEOUT_MS: '500' })).toMatchObject({ requestTimeoutMs: 2000, storeQueryTimeoutMs: 500 });
  });

  it('refuses a value that is not a positive whole number of milliseconds, naming the variable', () => {
    expect(() => readConfig({ REQUEST_TIMEOUT_MS: '5s' })).toThrow('Invalid REQUEST_TIMEOUT_MS: expected an integer from 1 to 600000, received "5s"');
    expect(() => readConfig({ REQUEST_TIMEOUT_MS: '0' })).toThrow('Invalid REQUEST_TIMEOUT_MS');
  });
});
