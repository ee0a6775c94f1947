import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createExplorerHandler } from '../src/http/explorer-route';

let directory: string;
let built: string;
let unbuilt: string;
const servers: http.Server[] = [];

/** Serves one explorer handler the way the router does: anything it declines is a 404. */
async function serve(buildDirectory: string): Promise<string> {
  const handle = createExplorerHandler(buildDirectory);
  const server = http.createServer((request, response) => {
    if (handle(request, response, new URL(request.url ?? '/', 'http://test.invalid'))) return;
    response.writeHead(404);
    response.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-build-'));
  const build = path.join(directory, 'dist');
  fs.mkdirSync(path.join(build, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(build, 'index.html'), '<!doctype html><title>explorer</title><script type="module" src="/explore/assets/index-abc.js"></script>');
  fs.writeFileSync(path.join(build, 'assets', 'index-abc.js'), 'console.log("explorer")');
  fs.writeFileSync(path.join(build, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  built = await serve(build);
  unbuilt = await serve(path.join(directory, 'missing'));
});

afterAll(async () => {
  for (const server of servers) {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
  }
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('the explorer route', () => {
  it.each(['/explore', '/explore/', '/explore/articles/afp-2024-10-22-north-korea-troops', '/explore/actors/robert-wood', '/explore/reports/yonhap-telegram-photo'])(
    'answers %s with the page under a same-origin-only policy',
    async (route) => {
      const response = await fetch(`${built}${route}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('/explore/assets/index-abc.js');
    },
  );

  it('serves hashed assets for a year, answers 304 to a matching ETag, and 404 for unknown ones', async () => {
    const asset = await fetch(`${built}/explore/assets/index-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await fetch(`${built}/explore/assets/index-abc.js`, { headers: { 'if-none-match': asset.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${built}/explore/assets/other.js`)).status).toBe(404);
    expect((await fetch(`${built}/explore/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('answers /favicon.ico with the explorer icon', async () => {
    const icon = await fetch(`${built}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('says what to run when the explorer was never built', async () => {
    const response = await fetch(`${unbuilt}/explore/articles/x`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('EXPLORER_NOT_BUILT');
    expect(body.errors[0]?.message).toMatch(/run npm run build:web/);
  });

  it('leaves other paths to the other routes', async () => {
    expect((await fetch(`${built}/explorer`)).status).toBe(404);
    expect((await fetch(`${built}/graphql`)).status).toBe(404);
  });
});
