import type { AddressInfo } from 'node:net';
import { createLogger } from '../src/logging/logger';
import { createGatewayMetrics, MAX_OPERATION_LABELS } from '../src/metrics/gateway-metrics';
import { createGateway, type Gateway } from '../src/server';
import type { Store } from '../src/store/store';
import { wrapStore } from '../src/store/store-wrapper';
import { loadSeed, SEED_ARTICLE_ID } from './support/gateway';
import { ARTICLE_TREE_QUERY } from './support/operations';
import { disposeStore, testEngines } from './support/stores';

interface LogLine {
  level: string;
  msg: string;
  reqId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  operation?: string | null;
  storeRoundTrips?: number;
  errorCodes?: string[];
  slow?: boolean;
}

/** A gateway whose logger writes JSON lines into `lines`, listening on a free loopback port. */
async function observedGateway(store: Store, slowRequestMs: number) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', format: 'json', destination: { write: (line: string) => void lines.push(line) } });
  const gateway = await createGateway({ store, config: { exposeStoreStats: true, development: false }, logger, slowRequestMs });
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}`;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const linesOf = (reqId: string): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.reqId === reqId);
  return { gateway, base, post, lines, linesOf };
}

describe.each(testEngines())('request logs and metrics on the $name store', (engine) => {
  let store: Store;
  let observed: Awaited<ReturnType<typeof observedGateway>>;
  let gateway: Gateway;

  beforeAll(async () => {
    store = await engine.open();
    await loadSeed(store);
    observed = await observedGateway(store, 60_000);
    gateway = observed.gateway;
  });

  afterAll(async () => {
    await gateway.stop();
    await disposeStore(store);
  });

  it("returns the client's request id and logs the request exactly once under it, without its variables", async () => {
    const response = await observed.post({ query: ARTICLE_TREE_QUERY, variables: { id: SEED_ARTICLE_ID } }, { 'x-request-id': 'trace-4f2a.1' });
    const body = (await response.json()) as { extensions: { storeRoundTrips: number } };
    expect(response.headers.get('x-request-id')).toBe('trace-4f2a.1');

    const lines = observed.linesOf('trace-4f2a.1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', method: 'POST', path: '/graphql', status: 200, operation: 'ArticleTree', storeRoundTrips: body.extensions.storeRoundTrips });
    expect(lines[0]?.durationMs).toEqual(expect.any(Number));
    expect(lines[0]?.errorCodes).toBeUndefined();
    expect(observed.lines.join('\n')).not.toContain(SEED_ARTICLE_ID);
  });

  it('replaces a malformed or overlong request id with a fresh one', async () => {
    for (const sent of ['x'.repeat(129), 'no spaces allowed', '<script>']) {
      const response = await observed.post({ query: '{ articles { totalCount } }' }, { 'x-request-id': sent });
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(observed.linesOf(id)).toHaveLength(1);
      expect(observed.lines.join('\n')).not.toContain(sent);
    }
  });

  it('gives each request without an id its own, and logs the error codes it answered with', async () => {
    const response = await observed.post({ query: 'query Bad { actor(id: "report/x") { name } }' });
    const id = response.headers.get('x-request-id') ?? '';
    const [line] = observed.linesOf(id);
    expect(line).toMatchObject({ level: 'info', operation: 'Bad', errorCodes: ['BAD_USER_INPUT'] });
  });

  it('logs a request slower than the threshold at warn level', async () => {
    const slow = await observedGateway(store, 0);
    try {
      const response = await slow.post({ query: '{ articles { totalCount } }' }, { 'x-request-id': 'slow-1' });
      expect(response.status).toBe(200);
      expect(slow.linesOf('slow-1')).toEqual([expect.objectContaining({ level: 'warn', msg: 'slow request', slow: true, operation: null })]);
    } finally {
      await slow.gateway.stop();
    }
  });

  it('exposes request counts, latency, errors by code, store calls by collection and process metrics on /metrics', async () => {
    for (let round = 0; round < 3; round += 1) await observed.post({ query: ARTICLE_TREE_QUERY, variables: { id: SEED_ARTICLE_ID } });
    await observed.post({ query: '{ actor(id: "report/x") { name } }' });
    for (let name = 0; name < 3; name += 1) await observed.post({ query: `query Made${name}Up { articles { totalCount } }` });

    const response = await fetch(`${observed.base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);

    expect(value('graphql_requests_total{operation="ArticleTree",outcome="ok"}')).toBeGreaterThanOrEqual(3);
    expect(value('graphql_requests_total{operation="anonymous",outcome="client_error"}')).toBeGreaterThanOrEqual(1);
    expect(value('graphql_request_duration_seconds_count{operation="ArticleTree",outcome="ok"}')).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/^graphql_request_duration_seconds_bucket\{le="0.1",operation="ArticleTree",outcome="ok"\} \d+$/m);
    expect(value('graphql_errors_total{code="BAD_USER_INPUT"}')).toBeGreaterThanOrEqual(1);
    expect(value('store_calls_total{collection="statements",operation="find"}')).toBeGreaterThanOrEqual(3);
    expect(value('store_calls_total{collection="articles",operation="find"}')).toBeGreaterThanOrEqual(3);
    expect(value('http_requests_total{route="graphql",method="POST",status="200"}')).toBeGreaterThanOrEqual(7);
    expect(text).toMatch(/^process_cpu_user_seconds_total \S+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
    expect(text).toContain('graphql_requests_total{operation="Made2Up",outcome="ok"}');
  });
});

describe('an unexpected failure', () => {
  it('is masked in the response and logged once, in the request line at error level, with its stack', async () => {
    const store = await testEngines()[0]!.open();
    const failing = wrapStore(store, {
      read: (name, _collection, call, limits) => (name === 'find' ? Promise.reject(new Error('disk on fire')) : call(limits)),
      write: (_name, _collection, call) => call(),
    });
    const observed = await observedGateway(failing, 60_000);
    try {
      const response = await observed.post({ query: '{ articles { nodes { title } } }' }, { 'x-request-id': 'fails-1' });
      expect(JSON.stringify(await response.json())).not.toContain('disk on fire');
      const lines = observed.linesOf('fails-1');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'error', msg: 'request failed', errorCodes: ['INTERNAL_SERVER_ERROR'], err: { message: 'disk on fire' } });
    } finally {
      await observed.gateway.stop();
      await disposeStore(store);
    }
  });
});

describe('operation name labels', () => {
  it('stay bounded: names past the limit, and anonymous operations, share one series each', async () => {
    const metrics = createGatewayMetrics();
    for (let name = 0; name < MAX_OPERATION_LABELS + 50; name += 1) metrics.recordGraphqlRequest({ operationName: `Op${name}`, storeRoundTrips: 1, errorCodes: [] }, 200, 0.01);
    metrics.recordGraphqlRequest({ operationName: null, storeRoundTrips: 1, errorCodes: [] }, 200, 0.01);
    const requests = (await metrics.registry.getMetricsAsJSON()).find((metric) => metric.name === 'graphql_requests_total');
    const names = new Set((requests?.values ?? []).map((value) => String(value.labels.operation)));
    expect(names.size).toBe(MAX_OPERATION_LABELS + 2);
    expect(names).toContain('other');
    expect(names).toContain('anonymous');
    expect(requests?.values.find((value) => value.labels.operation === 'other')?.value).toBe(50);
  });
});
