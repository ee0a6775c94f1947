import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, readConfig } from '../src/config';
import type { CorsPolicy } from '../src/http/cors';
import { loadPersistedDocuments, PersistedDocumentsError } from '../src/http/persisted-documents';
import { createGateway, type Gateway } from '../src/server';
import type { Store } from '../src/store/store';
import { loadSeed, SEED_ARTICLE_ID } from './support/gateway';
import { disposeStore, testEngines } from './support/stores';

const MANIFEST = path.join(__dirname, '..', 'web', 'src', '__generated__', 'persisted-documents.json');
const ALLOWED = 'https://newsroom.example';

/** The hash the explorer sends for one of its operations, read from the manifest codegen writes. */
function hashOf(operationName: string): string {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
  const entry = Object.entries(manifest).find(([, text]) => text.startsWith(`query ${operationName}(`));
  if (entry === undefined) throw new Error(`No ${operationName} in ${MANIFEST}`);
  return entry[0].replace(/^sha256:/, '');
}

function persistedGet(base: string, operationName: string, variables: Record<string, unknown>, hash = hashOf(operationName)): string {
  const parameters = new URLSearchParams({
    operationName,
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
  });
  return `${base}/graphql?${parameters.toString()}`;
}

describe('CORS settings are read from the environment', () => {
  it('allows only the same origin by default, and localhost origins in development', () => {
    expect(readConfig({}).cors).toEqual({ origins: [], allowLocalhost: false, credentials: false });
    expect(readConfig({ NODE_ENV: 'development' }).cors).toEqual({ origins: [], allowLocalhost: true, credentials: false });
  });

  it('reads a list of origins and the credentials flag', () => {
    expect(readConfig({ CORS_ORIGINS: 'https://a.example, http://127.0.0.1:5173/', CORS_CREDENTIALS: 'true' }).cors).toEqual({
      origins: ['https://a.example', 'http://127.0.0.1:5173'],
      allowLocalhost: false,
      credentials: true,
    });
  });

  it('refuses an origin with a path, a non-URL, and credentials for any origin, naming the variable', () => {
    expect(() => readConfig({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(ConfigError);
    expect(() => readConfig({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(/Invalid CORS_ORIGINS: .*received "https:\/\/a.example\/app"/);
    expect(() => readConfig({ CORS_ORIGINS: 'newsroom' })).toThrow(/Invalid CORS_ORIGINS/);
    expect(() => readConfig({ CORS_ORIGINS: '*', CORS_CREDENTIALS: '1' })).toThrow(/Invalid CORS_CREDENTIALS/);
    expect(() => readConfig({ CORS_CREDENTIALS: 'yes' })).toThrow(/Invalid CORS_CREDENTIALS: expected 1, true, 0 or false/);
  });
});

describe('the persisted-documents manifest', () => {
  it('loads every explorer operation, each hash matching its text', () => {
    const documents = loadPersistedDocuments(MANIFEST);
    const operations = fs.readdirSync(path.join(__dirname, '..', 'web', 'src', 'operations')).filter((name) => name.endsWith('.graphql'));
    expect(documents.size).toBe(operations.length);
  });

  it('refuses a manifest whose entry does not hash to its key, naming the file and entry', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    const file = path.join(directory, 'persisted-documents.json');
    fs.writeFileSync(file, JSON.stringify({ 'sha256:00': '{ about { name } }' }));
    expect(() => loadPersistedDocuments(file)).toThrow(PersistedDocumentsError);
    expect(() => loadPersistedDocuments(file)).toThrow(`${file}: the entry sha256:00 does not hash to its key`);
    fs.rmSync(directory, { recursive: true });
  });
});

describe.each(testEngines())('the gateway across origins, on the $name store', (engine) => {
  let store: Store;
  const gateways: Gateway[] = [];

  async function start(cors: CorsPolicy | undefined): Promise<string> {
    const gateway = await createGateway({ store, config: { exposeStoreStats: false, development: false, ...(cors ? { cors } : {}) }, log: () => undefined });
    gateways.push(gateway);
    await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    store = await engine.open();
    await loadSeed(store);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    if (store) await disposeStore(store);
  });

  it('answers the preflight of an allowed origin, without credentials unless configured', async () => {
    const base = await start({ origins: [ALLOWED], allowLocalhost: false, credentials: false });
    const response = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');

    const query = await fetch(`${base}/graphql`, { method: 'POST', headers: { origin: ALLOWED, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ about { name } }' }) });
    expect(query.status).toBe(200);
    expect(query.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(await query.json()).toEqual({ data: { about: { name: 'attribution-gateway' } } });

    const withCredentials = await start({ origins: [ALLOWED], allowLocalhost: false, credentials: true });
    const answered = await fetch(`${withCredentials}/graphql`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST' } });
    expect(answered.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('refuses other origins with a coded 403, and serves same-origin requests by default', async () => {
    const base = await start(undefined);
    const preflight = await fetch(`${base}/graphql`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(await preflight.json()).toEqual({ errors: [{ message: `Origin ${ALLOWED} may not call this gateway; allow it with CORS_ORIGINS`, extensions: { code: 'ORIGIN_NOT_ALLOWED' } }] });

    const localhost = await fetch(`${base}/graphql`, { method: 'POST', headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ about { name } }' }) });
    expect(localhost.status).toBe(403);

    const sameOrigin = await fetch(`${base}/graphql`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ about { name } }' }) });
    expect(sameOrigin.status).toBe(200);
  });

  it('allows localhost origins in development and any origin with *', async () => {
    const development = await start(readConfig({ NODE_ENV: 'development' }).cors);
    const fromDevServer = await fetch(`${development}/graphql`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } });
    expect(fromDevServer.status).toBe(204);
    expect(fromDevServer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const fromElsewhere = await fetch(`${development}/graphql`, { method: 'OPTIONS', headers: { origin: 'http://localhost.evil.example', 'access-control-request-method': 'GET' } });
    expect(fromElsewhere.status).toBe(403);

    const any = await start(readConfig({ CORS_ORIGINS: '*' }).cors);
    const anyOrigin = await fetch(`${any}/graphql`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'GET' } });
    expect(anyOrigin.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("keeps Apollo's CSRF prevention: a GET without a preflight-forcing header is refused", async () => {
    const base = await start(undefined);
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent('{ about { name } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it("runs the explorer's operations from their hash alone, in one request", async () => {
    const base = await start(undefined);
    const response = await fetch(persistedGet(base, 'ArticleView', { id: SEED_ARTICLE_ID }), { headers: { 'x-apollo-operation-name': 'ArticleView' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { article: { id: string; statements: unknown[] } } };
    expect(body.data.article.id).toBe(SEED_ARTICLE_ID);
    expect(body.data.article.statements.length).toBeGreaterThan(10);

    const unknown = await fetch(persistedGet(base, 'ArticleView', { id: SEED_ARTICLE_ID }, 'f'.repeat(64)), { headers: { 'x-apollo-operation-name': 'ArticleView' } });
    expect(((await unknown.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const posted = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName: 'ActorView', variables: { id: 'actor/robert-wood' }, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('ActorView') } } }),
    });
    expect(((await posted.json()) as { data: { actor: { name: string } } }).data.actor.name).toBe('Robert Wood');
  });

  it('makes GET answers cacheable with an ETag, answers 304 when it still holds, and never caches errors', async () => {
    const base = await start(undefined);
    const url = persistedGet(base, 'ArticleView', { id: SEED_ARTICLE_ID });
    const headers = { 'x-apollo-operation-name': 'ArticleView' };
    const first = await fetch(url, { headers });
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);

    const again = await fetch(url, { headers: { ...headers, 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const failing = await fetch(persistedGet(base, 'ArticleView', { id: 'report/not-an-article' }), { headers });
    expect(failing.headers.get('cache-control')).toBe('no-store');
    expect(failing.headers.get('etag')).toBeNull();

    const posted = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ about { name } }' }) });
    expect(posted.headers.get('cache-control')).toBeNull();
  });
});
