import { EmbeddedStore } from '../src/store/embedded/index';
import type { Store } from '../src/store/store';
import { loadSeed, startGateway, type RunningGateway } from './support/gateway';

describe('answers to unknown ids, malformed ids and bad requests', () => {
  let store: Store;
  let gateway: RunningGateway;

  beforeAll(async () => {
    store = EmbeddedStore.temporary();
    await loadSeed(store);
    gateway = await startGateway(store);
  });

  afterAll(async () => {
    await gateway.close();
    await store.close();
  });

  it.each(['article', 'statement', 'actor', 'report'])('answers null without an error for an unknown %s id', async (kind) => {
    const response = await gateway.query(`{ ${kind}(id: "${kind}/does-not-exist") { id } }`);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ [kind]: null });
  });

  it.each([
    ['actor', 'report/yonhap'],
    ['actor', 'Robert Wood'],
    ['statement', 'statement/'],
    ['article', 'article/UPPER-case'],
  ])('refuses a malformed %s id %p with a BAD_USER_INPUT error naming the argument', async (kind, id) => {
    const response = await gateway.query(`query($id: ID!) { ${kind}(id: $id) { id } }`, { id });
    expect(response.data).toEqual({ [kind]: null });
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.argumentName).toBe('id');
    expect(response.errors?.[0]?.message).toContain(JSON.stringify(id));
  });

  it('refuses a page size above the maximum instead of capping it', async () => {
    const response = await gateway.query('{ statements(first: 101) { nodes { id } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/from 1 to 100/);
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await gateway.query('{ actors(after: "bm90LWEtY3Vyc29y") { nodes { id } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.argumentName).toBe('after');
  });

  it('refuses an operation nested too deep with a 400 and a code', async () => {
    const deep = `{ actor(id: "actor/robert-wood") { ${'affiliation { '.repeat(20)}id${' }'.repeat(20)} } }`;
    const response = await gateway.query(deep);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/fields deep; the limit is 16/);
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('refuses an operation selecting too many fields with a 400 and a code', async () => {
    const wide = `{ ${Array.from({ length: 1001 }, (_, index) => `a${index}: about { name }`).join(' ')} }`;
    const response = await gateway.query(wide);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/selects more than 1000 fields/);
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const fragments = `{ ...f } fragment f on Query { ${Array.from({ length: 600 }, (_, index) => `b${index}: about { name }`).join(' ')} }`;
    expect((await gateway.query(fragments)).status).toBe(400);
  });

  it('refuses a fragment bomb without expanding it', async () => {
    // Ten spreads per level, eight levels: 10^8 fields if expanded.
    const levels = Array.from({ length: 8 }, (_, level) => `fragment f${level} on Query { ${Array.from({ length: 10 }, () => `...f${level + 1}`).join(' ')} }`);
    const bomb = `{ ...f0 } ${levels.join(' ')} fragment f8 on Query { about { name } }`;
    const response = await gateway.query(bomb);
    expect(response.status).toBe(400);
    expect(response.errors?.map((error) => error.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
  });

  it('answers a syntax error with a 400 and GRAPHQL_PARSE_FAILED', async () => {
    const response = await gateway.query('{ article(id: ');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a body that is not JSON with a 400', async () => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toMatch(/not valid JSON/);
  });

  it('masks a store failure as an unexpected error instead of answering null', async () => {
    const failing = EmbeddedStore.temporary();
    const failingGateway = await startGateway(failing);
    await failing.close();
    try {
      const response = await failingGateway.query('{ actor(id: "actor/robert-wood") { id } }');
      expect(response.data).toEqual({ actor: null });
      expect(response.errors?.[0]).toMatchObject({ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(response.errors)).not.toMatch(/closed/);
    } finally {
      await failingGateway.close();
    }
  });

  it('reports health and readiness', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it('answers readiness with 503 when the store is down', async () => {
    const failing = EmbeddedStore.temporary();
    const failingGateway = await startGateway(failing);
    await failing.close();
    try {
      const response = await fetch(failingGateway.url.replace(/\/graphql$/, '/readyz'));
      expect(response.status).toBe(503);
    } finally {
      await failingGateway.close();
    }
  });
});
