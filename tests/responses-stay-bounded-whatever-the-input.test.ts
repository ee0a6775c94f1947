import type { AddressInfo } from 'node:net';
import { readConfig, type GatewayConfig, type REQUEST_LIMIT_DEFAULTS } from '../src/config';
import { MAX_ERRORS_PER_RESPONSE } from '../src/graphql/response-limits.plugin';
import { createGateway, type Gateway } from '../src/server';
import type { Store } from '../src/store/store';
import { ARTICLE_TREE_QUERY } from './support/operations';
import { loadSeed, SEED_ARTICLE_ID, type GraphqlResponse } from './support/gateway';
import { disposeStore, testEngines } from './support/stores';

type Limits = Partial<Pick<GatewayConfig, keyof typeof REQUEST_LIMIT_DEFAULTS>>;

interface Started {
  gateway: Gateway;
  url: string;
  logged: unknown[];
}

async function start(store: Store, limits: Limits = {}): Promise<Started> {
  const logged: unknown[] = [];
  const gateway = await createGateway({ store, config: { exposeStoreStats: false, development: false, ...limits }, log: (message, error) => logged.push([message, error]) });
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.httpServer.address() as AddressInfo;
  return { gateway, url: `http://127.0.0.1:${port}/graphql`, logged };
}

/** Posts a request and returns the status, the body's size in bytes and the parsed body. */
async function post(url: string, body: unknown): Promise<{ status: number; bytes: number; body: GraphqlResponse<Record<string, unknown>> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) as GraphqlResponse<Record<string, unknown>> };
}

const HUNDRED_KB = 'x'.repeat(100 * 1024);

describe.each(testEngines())('bounded responses on the %s store', (engine) => {
  let store: Store;
  let gateway: Started;

  beforeAll(async () => {
    store = await engine.open();
    await loadSeed(store);
    gateway = await start(store);
  });

  afterAll(async () => {
    await gateway.gateway.stop();
    await disposeStore(store);
  });

  it('answers 500 aliases of a bad 100 KB id in under 100 KB: short quotes, at most a capped number of errors', async () => {
    const query = `query($s: ID!) { ${Array.from({ length: 500 }, (_, index) => `a${index}: actor(id: $s) { id }`).join(' ')} }`;
    const { status, bytes, body } = await post(gateway.url, { query, variables: { s: HUNDRED_KB } });
    expect(status).toBe(200);
    expect(bytes).toBeLessThan(100 * 1024);
    expect(body.errors).toHaveLength(MAX_ERRORS_PER_RESPONSE + 1);
    for (const error of body.errors?.slice(0, MAX_ERRORS_PER_RESPONSE) ?? []) {
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.argumentName).toBe('id');
      expect(error.message.length).toBeLessThan(300);
      expect(error.message).toContain(`(${HUNDRED_KB.length} characters)`);
    }
    expect(body.errors?.at(-1)?.extensions).toEqual({ code: 'TOO_MANY_ERRORS', omitted: 500 - MAX_ERRORS_PER_RESPONSE, total: 500 });
  });

  it.each([
    ['a cursor', 'query($v: String) { actors(after: $v) { nodes { id } } }', 'after'],
    ['search text', 'query($v: String!) { search(query: $v) { totalCount } }', 'query'],
    ['a text filter', 'query($v: String) { statements(filter: { textContains: $v }) { totalCount } }', 'filter.textContains'],
  ])('does not echo %s of 100 KB back', async (_what, query, argumentName) => {
    const { status, bytes, body } = await post(gateway.url, { query, variables: { v: HUNDRED_KB } });
    expect(status).toBe(200);
    expect(bytes).toBeLessThan(1024);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.argumentName).toBe(argumentName);
  });

  it('cuts graphql-js messages that quote a whole variable value', async () => {
    const { status, bytes, body } = await post(gateway.url, { query: 'query($n: Int) { actors(first: $n) { totalCount } }', variables: { n: HUNDRED_KB } });
    expect(status).toBe(400);
    expect(bytes).toBeLessThan(2048);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/message cut from \d+ characters/);
  });

  it('refuses a response over the size limit with RESPONSE_TOO_LARGE instead of sending it', async () => {
    const small = await start(store, { maxResponseBytes: 4096 });
    try {
      const { status, bytes, body } = await post(small.url, { query: ARTICLE_TREE_QUERY, variables: { id: SEED_ARTICLE_ID } });
      expect(status).toBe(400);
      expect(bytes).toBeLessThan(1024);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message: expect.stringContaining('4096 bytes'), extensions: { code: 'RESPONSE_TOO_LARGE', maxResponseBytes: 4096 } }]);
      const fits = await post(small.url, { query: `{ article(id: "${SEED_ARTICLE_ID}") { title } }` });
      expect(fits.status).toBe(200);
      expect(fits.body.errors).toBeUndefined();
    } finally {
      await small.gateway.stop();
    }
  });

  it.each(['mutation { __typename }', 'subscription { __typename }'])('refuses %p with a 400 and a code, logging nothing', async (query) => {
    const before = gateway.logged.length;
    const { status, body } = await post(gateway.url, { query });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/not supported by the schema/);
    expect(gateway.logged.length).toBe(before);
  });

  it.each([
    ['1,000 copies of one alias', `{ ${'a: __typename '.repeat(1000)}}`],
    ['1,000 copies of one aliased field with arguments', `{ ${`a: article(id: "${SEED_ARTICLE_ID}") { title } `.repeat(1000)}}`],
  ])('answers %s with one clear coded error', async (_what, query) => {
    const { status, body } = await post(gateway.url, { query });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).not.toBe('Validation aborted.');
    expect(body.errors?.[0]?.message).toMatch(/fields/);
  });

  it('answers a body over the limit with 413 and PAYLOAD_TOO_LARGE', async () => {
    const { status, body } = await post(gateway.url, { query: `{ about { name } } # ${'x'.repeat(1024 * 1024)}` });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('allows introspection and suggests field names by default, and neither when configured off', async () => {
    const introspection = await post(gateway.url, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await post(gateway.url, { query: '{ artcle(id: "article/x") { title } }' });
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "article"/);

    const closed = await start(store, { introspection: false, fieldSuggestions: false });
    try {
      const refused = await post(closed.url, { query: '{ __schema { queryType { name } } }' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(refused.body.errors?.[0]?.message).toMatch(/[Ii]ntrospection/);
      const quiet = await post(closed.url, { query: '{ artcle(id: "article/x") { title } }' });
      expect(quiet.body.errors?.[0]?.message).toBe('Cannot query field "artcle" on type "Query".');
    } finally {
      await closed.gateway.stop();
    }
  });
});

describe('introspection and suggestion settings', () => {
  it('default to on, and suggestions follow introspection unless set', () => {
    expect(readConfig({})).toMatchObject({ introspection: true, fieldSuggestions: true });
    expect(readConfig({ GRAPHQL_INTROSPECTION: '0' })).toMatchObject({ introspection: false, fieldSuggestions: false });
    expect(readConfig({ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_FIELD_SUGGESTIONS: '1' })).toMatchObject({ introspection: false, fieldSuggestions: true });
    expect(() => readConfig({ GRAPHQL_INTROSPECTION: 'maybe' })).toThrow(/GRAPHQL_INTROSPECTION/);
  });

  it('read the cost and response limits from the environment', () => {
    expect(readConfig({})).toMatchObject({ maxQueryCost: 250_000, maxResponseBytes: 8 * 1024 * 1024 });
    expect(readConfig({ MAX_QUERY_COST: '1000', MAX_RESPONSE_BYTES: '65536' })).toMatchObject({ maxQueryCost: 1000, maxResponseBytes: 65536 });
    expect(() => readConfig({ MAX_QUERY_COST: '0' })).toThrow(/MAX_QUERY_COST/);
  });
});
