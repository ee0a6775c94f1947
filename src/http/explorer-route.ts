import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ErrorCode } from '../errors';
import { sendRequestError } from './send';
import { matchesEtag } from './etag';

/** Where the explorer lives; every path below it that is not an asset answers the page (client-side routes). */
export const EXPLORER_PATH = '/explore';
const ASSET_PREFIX = `${EXPLORER_PATH}/assets/`;
const ICON_PATH = `${EXPLORER_PATH}/favicon.svg`;
/** Browsers ask every page's origin for this; the explorer's icon answers it (GraphiQL's page too). */
const ROOT_ICON_PATH = '/favicon.ico';

const CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.woff2', 'font/woff2'],
]);

interface File {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

interface Build {
  readonly page: File;
  readonly assets: ReadonlyMap<string, File>;
  readonly icon: File | undefined;
}

/** Serves the explorer when the request is for it; false leaves the request to the other routes. */
export type ExplorerHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;

/**
 * Serves the built explorer (`npm run build:web` writes `directory`): the page for `/explore` and
 * every client-side route under it, and the hashed assets under `/explore/assets/`. Files are read
 * once, here; a missing build answers 503 with what to run rather than a blank page.
 */
export function createExplorerHandler(directory: string): ExplorerHandler {
  const build = readBuild(directory);
  return (request, response, url) => {
    const { pathname } = url;
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (pathname === ROOT_ICON_PATH || pathname === ICON_PATH) {
      if (build?.icon === undefined) return false;
      sendFile(request, response, build.icon, { 'cache-control': 'public, max-age=86400' });
      return true;
    }
    if (pathname !== EXPLORER_PATH && !pathname.startsWith(`${EXPLORER_PATH}/`)) return false;
    if (build === undefined) {
      sendRequestError(response, 503, `The explorer is not built (no ${path.join(directory, 'index.html')}); run npm run build:web`, ErrorCode.ExplorerNotBuilt);
      return true;
    }
    if (pathname.startsWith(ASSET_PREFIX)) {
      const asset = build.assets.get(pathname.slice(ASSET_PREFIX.length));
      if (asset === undefined) return false;
      // Asset names carry a hash of their content, so a name never changes meaning.
      sendFile(request, response, asset, { 'cache-control': 'public, max-age=31536000, immutable' });
      return true;
    }
    sendFile(request, response, build.page, {
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'referrer-policy': 'no-referrer',
    });
    return true;
  };
}

/** Everything from this origin only: the page works offline and cannot be made to call elsewhere. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

function sendFile(request: IncomingMessage, response: ServerResponse, file: File, headers: Record<string, string>): void {
  const common = { ...headers, 'content-type': file.contentType, etag: file.etag, 'x-content-type-options': 'nosniff' };
  if (matchesEtag(request.headers['if-none-match'], file.etag)) {
    response.writeHead(304, common);
    response.end();
    return;
  }
  response.writeHead(200, { ...common, 'content-length': file.body.length });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function readBuild(directory: string): Build | undefined {
  const pageFile = path.join(directory, 'index.html');
  if (!fs.existsSync(pageFile)) return undefined;
  const assets = new Map<string, File>();
  const assetDirectory = path.join(directory, 'assets');
  const names = fs.existsSync(assetDirectory) ? fs.readdirSync(assetDirectory) : [];
  for (const name of names) {
    const contentType = CONTENT_TYPES.get(path.extname(name));
    if (contentType !== undefined) assets.set(name, readFile(path.join(assetDirectory, name), contentType));
  }
  const iconFile = path.join(directory, 'favicon.svg');
  const icon = fs.existsSync(iconFile) ? readFile(iconFile, 'image/svg+xml') : undefined;
  return { page: readFile(pageFile, 'text/html; charset=utf-8'), assets, icon };
}

function readFile(file: string, contentType: string): File {
  const body = fs.readFileSync(file);
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
