import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphiqlHandler } from '../src/http/graphiql';

const ENDPOINT = '/graphql';
/** A query whose text tries to end the script element it is embedded in. */
const DEFAULT_QUERY = 'query Tree {\n  article(id: "x") { title }\n}\n# </script><script>alert(1)</script> <!-- ';
const DEFAULT_VARIABLES = '{\n  "id": "article/x"\n}';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let server: http.Server;
let origin: string;

beforeAll(async () => {
  const handle = createGraphiqlHandler({ endpoint: ENDPOINT, defaultQuery: DEFAULT_QUERY, defaultVariables: DEFAULT_VARIABLES });
  // The same contract as the gateway's router: anything the handler declines is a 404.
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://test.invalid');
    if (handle(request, response, url)) return;
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

async function fetchPage(): Promise<{ response: Response; html: string }> {
  const response = await fetch(`${origin}${ENDPOINT}`, { headers: { accept: BROWSER_ACCEPT } });
  return { response, html: await response.text() };
}

function referencedUrls(html: string): string[] {
  const attributes = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]*)"/g)];
  return attributes.map((match) => match[1] ?? '');
}

/** GETs a path exactly as written: fetch would normalise `..` segments before sending. */
function rawStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${origin}${path}`, { path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

function configBlock(html: string): string {
  const match = /<script type="application\/json" id="graphiql-config">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('The page has no GraphiQL config block');
  return match[1];
}

describe('GraphiQL is served from this machine', () => {
  it('serves the page with only same-origin assets', async () => {
    const { response, html } = await fetchPage();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<title>attribution-gateway</title>');
    const urls = referencedUrls(html);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/graphiql/assets/react.production.min.js',
        '/graphiql/assets/react-dom.production.min.js',
        '/graphiql/assets/graphiql.min.js',
        '/graphiql/assets/graphiql.min.css',
      ]),
    );
    for (const url of urls) expect(url).toMatch(/^\/graphiql\/assets\/[\w.-]+$/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('forbids the page from reaching any other origin through its content security policy', async () => {
    const { response, html } = await fetchPage();
    const policy = response.headers.get('content-security-policy') ?? '';

    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toMatch(/https?:|\*/);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    // Only the bootstrap script is inline; the config block is data, which CSP never runs.
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")([^>]*)>/g)];
    expect(inlineScripts).toHaveLength(1);
    expect(inlineScripts[0]?.[1]).toContain(`nonce="${nonce}"`);
  });

  it('serves every asset the page references with its content type and a revalidatable ETag', async () => {
    const { html } = await fetchPage();

    for (const url of referencedUrls(html)) {
      const first = await fetch(`${origin}${url}`);
      const body = await first.text();
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(first.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(body.length).toBeGreaterThan(0);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[^"]+"$/);

      const second = await fetch(`${origin}${url}`, { headers: { 'if-none-match': etag ?? '' } });
      expect(second.status).toBe(304);
      expect(await second.text()).toBe('');
    }
  });

  it('opens with the default query and variables embedded as data', async () => {
    const { html } = await fetchPage();
    const config = JSON.parse(configBlock(html)) as { endpoint: string; defaultQuery: string; defaultVariables: string };

    expect(config).toEqual({ endpoint: ENDPOINT, defaultQuery: DEFAULT_QUERY, defaultVariables: DEFAULT_VARIABLES });
    expect(html).toContain('GraphiQL.createFetcher');
  });

  it('keeps a query containing </script> from breaking out of its script element', async () => {
    const { html } = await fetchPage();
    const block = configBlock(html);

    expect(block).not.toMatch(/<\/script|<!--|</i);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html.match(/<\/script>/g)).toHaveLength(html.match(/<script\b/g)?.length ?? 0);
  });

  it('does not serve files outside its allow-list', async () => {
    for (const path of ['/graphiql/assets/../../package.json', '/graphiql/assets/%2e%2e/%2e%2e/package.json', '/graphiql/assets/..%2f..%2fpackage.json', '/graphiql/assets/graphiql.js', '/graphiql/assets/constructor', '/graphiql/assets/', '/graphiql/']) {
      expect({ path, status: await rawStatus(path) }).toEqual({ path, status: 404 });
    }
  });

  it('leaves GraphQL clients asking for JSON to the GraphQL handler', async () => {
    const asJson = await fetch(`${origin}${ENDPOINT}`, { headers: { accept: 'application/json' } });
    const withQuery = await fetch(`${origin}${ENDPOINT}?query=%7B__typename%7D`, { headers: { accept: BROWSER_ACCEPT } });
    const posted = await fetch(`${origin}${ENDPOINT}`, { method: 'POST', headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' }, body: '{}' });

    expect(asJson.status).toBe(404);
    expect(withQuery.status).toBe(404);
    expect(posted.status).toBe(404);
  });
});
