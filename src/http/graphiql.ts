import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { matchesEtag } from './etag';

export interface GraphiqlOptions {
  /** Path the page posts GraphQL requests to, e.g. "/graphql". */
  endpoint: string;
  /** Query text shown in the editor on first open. */
  defaultQuery: string;
  /** JSON text of the variables shown on first open. */
  defaultVariables?: string;
  /** Tabs GraphiQL opens with on a first visit (the first one should be `defaultQuery`). */
  tabs?: ReadonlyArray<{ query: string; variables: string | null }>;
}

type GraphiqlHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;

interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

interface AssetSource {
  /** Package whose files the asset comes from. */
  readonly packageName: string;
  /** Path of the file inside that package. */
  readonly file: string;
  readonly contentType: string;
}

const ASSET_PREFIX = '/graphiql/assets/';
const PAGE_TITLE = 'attribution-gateway';
const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The only files the asset route can ever serve, keyed by the name in the URL. GraphiQL 4's UMD
 * build expects the `React` and `ReactDOM` globals from the React 18 UMD builds; its CSS inlines
 * its fonts and images as data: URLs, so nothing else is fetched at run time. The source map the
 * bundle names (`index.umd.js.map`) is only fetched by open dev tools, so it is left out.
 */
const ASSET_SOURCES: ReadonlyMap<string, AssetSource> = new Map([
  ['react.production.min.js', { packageName: 'react', file: 'umd/react.production.min.js', contentType: JAVASCRIPT }],
  ['react-dom.production.min.js', { packageName: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: JAVASCRIPT }],
  ['graphiql.min.js', { packageName: 'graphiql', file: 'graphiql.min.js', contentType: JAVASCRIPT }],
  ['graphiql.min.css', { packageName: 'graphiql', file: 'graphiql.min.css', contentType: CSS }],
]);

/**
 * Renders GraphiQL from the config data block. It is a constant, so the page's variable parts
 * (endpoint, default query) travel as inert JSON rather than as script text.
 */
const BOOTSTRAP_SCRIPT = `
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  // GraphiQL's dialogs inject <style> tags through react-style-singleton, which stamps them with
  // this global; giving it the page nonce lets them pass the CSP without 'unsafe-inline'.
  window.__webpack_nonce__ = document.currentScript.nonce;
  function postJson(params, options) {
    var headers = Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, options && options.headers);
    return fetch(config.endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (response) {
      return response.json();
    });
  }
  // Incremental delivery would ask for multipart responses the gateway never sends; plain JSON is enough.
  var fetcher = typeof GraphiQL.createFetcher === 'function'
    ? GraphiQL.createFetcher({ url: config.endpoint, enableIncrementalDelivery: false })
    : postJson;
  var props = {
    fetcher: fetcher,
    defaultQuery: config.defaultQuery,
    // Used on a first visit only: afterwards GraphiQL restores the tabs the user left.
    defaultTabs: config.tabs && config.tabs.length > 0 ? config.tabs : undefined,
    defaultEditorToolsVisibility: config.defaultVariables ? 'variables' : undefined
  };
  if (config.defaultVariables) seedVariablesOnFirstOpen(config.defaultVariables);
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
  // GraphiQL 4 fills the variables editor from its saved variables or the \`variables\` prop, never
  // from defaultTabs. The prop would override the user's edits on every open and is not saved, so a
  // reopen finds a tab it cannot match and adds another; saving the defaults before GraphiQL has
  // saved anything (no tabs yet) shows them on first open and lets GraphiQL own them afterwards.
  function seedVariablesOnFirstOpen(variables) {
    try {
      if (localStorage.getItem('graphiql:tabState') === null) localStorage.setItem('graphiql:variables', variables);
    } catch (storageBlocked) {
      // Without storage GraphiQL cannot keep state either; the editor simply opens empty.
    }
  }
})();
`;

/** Fills the viewport: GraphiQL sizes itself to its container. */
const PAGE_STYLE = 'html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; height: 100dvh; }';

/** Serves the GraphiQL page and its assets; returns a request handler that answers true when it handled the request. */
export function createGraphiqlHandler(options: GraphiqlOptions): GraphiqlHandler {
  const assets = loadAssets();
  const configJson = scriptSafeJson({ endpoint: options.endpoint, defaultQuery: options.defaultQuery, defaultVariables: options.defaultVariables ?? null, ...(options.tabs ? { tabs: options.tabs } : {}) });
  return (request, response, url) => {
    if (request.method !== 'GET') return false;
    if (url.pathname === options.endpoint) return servePage(request, response, url, configJson);
    if (url.pathname.startsWith(ASSET_PREFIX)) return serveAsset(request, response, assets.get(url.pathname.slice(ASSET_PREFIX.length)));
    return false;
  };
}

/** True when a GET request comes from a browser asking for a page (Accept includes text/html) rather than a GraphQL client. */
export function wantsGraphiqlPage(request: IncomingMessage): boolean {
  if (request.method !== 'GET') return false;
  return acceptedMediaRanges(request.headers.accept ?? '').some((range) => range.type === 'text/html' && range.quality > 0);
}

/** Splits an Accept header into media types with their q weights (q=0 means "not this"). */
function acceptedMediaRanges(accept: string): Array<{ type: string; quality: number }> {
  return accept.split(',').map((part) => {
    const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    return { type, quality: q === undefined ? 1 : Number(q.slice(2)) || 0 };
  });
}

/** Answers the page, unless the GET carries a query: then it is a GraphQL request for Apollo. */
function servePage(request: IncomingMessage, response: ServerResponse, url: URL, configJson: string): boolean {
  if (url.searchParams.has('query') || !wantsGraphiqlPage(request)) return false;
  // A fresh nonce per response, so an injected script cannot reuse one seen earlier.
  const nonce = randomBytes(18).toString('base64');
  const html = renderPage(configJson, nonce);
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': contentSecurityPolicy(nonce),
    // The nonce changes on every response, so a cached copy would carry a stale one.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(html);
  return true;
}

/** The page's policy: everything from this origin only, which is what keeps the browser off the network. */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    // graphiql.min.css embeds its fonts and icons as data: URLs.
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The HTML shell: local assets, the config as an inert JSON block, and the one nonce-bearing bootstrap script. */
function renderPage(configJson: string, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TITLE}</title>
<link rel="stylesheet" href="${ASSET_PREFIX}graphiql.min.css">
<style nonce="${nonce}">${PAGE_STYLE}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript. GraphQL requests can still be POSTed to this URL.</noscript>
<script type="application/json" id="graphiql-config">${configJson}</script>
<script src="${ASSET_PREFIX}react.production.min.js"></script>
<script src="${ASSET_PREFIX}react-dom.production.min.js"></script>
<script src="${ASSET_PREFIX}graphiql.min.js"></script>
<script nonce="${nonce}">${BOOTSTRAP_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * JSON that can sit inside a <script> element: escaping `<`, `>` and `&` means no `</script` or
 * `<!--` can appear, whatever the query text holds; JSON.parse reads the escapes back unchanged.
 */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Answers one allow-listed asset, or 304 when the browser already holds this version. */
function serveAsset(request: IncomingMessage, response: ServerResponse, asset: Asset | undefined): boolean {
  if (asset === undefined) return false;
  const headers = {
    'content-type': asset.contentType,
    'cache-control': 'public, max-age=86400',
    etag: asset.etag,
    'x-content-type-options': 'nosniff',
  };
  if (matchesEtag(request.headers['if-none-match'], asset.etag)) {
    response.writeHead(304, headers);
    response.end();
    return true;
  }
  response.writeHead(200, { ...headers, 'content-length': asset.body.length });
  response.end(asset.body);
  return true;
}

/** Reads every allow-listed file once, at handler creation, so requests never touch the filesystem. */
function loadAssets(): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [name, source] of ASSET_SOURCES) {
    const body = fs.readFileSync(resolvePackageFile(source));
    assets.set(name, { body, contentType: source.contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return assets;
}

/**
 * Locates a file inside an installed package. These packages' `exports` maps hide their UMD
 * files from require.resolve, so we resolve the package's package.json and go from there.
 */
function resolvePackageFile(source: AssetSource): string {
  return path.join(path.dirname(require.resolve(`${source.packageName}/package.json`)), source.file);
}
