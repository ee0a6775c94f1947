import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors';
import { sendRequestError } from './send';

/** Which other origins may call the gateway from a browser. Same-origin requests are always allowed. */
export interface CorsPolicy {
  /** Exact origins (`https://newsroom.example`) allowed to call; `*` allows any origin. */
  readonly origins: readonly string[];
  /** Also allow any `http://localhost:<port>`, `http://127.0.0.1:<port>` and `http://[::1]:<port>` origin. */
  readonly allowLocalhost: boolean;
  /** Send `Access-Control-Allow-Credentials: true` (cookies, HTTP auth) to allowed origins. */
  readonly credentials: boolean;
}

/** Headers a browser may send cross-origin: JSON bodies and the headers Apollo's CSRF prevention accepts. */
const ALLOWED_HEADERS = ['content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'if-none-match'];
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;
const LOCALHOST_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

/** What the router does after CORS: go on to the route, or stop because the request was answered. */
export type CorsOutcome = 'continue' | 'answered';

/**
 * Applies the policy to one request: adds the CORS headers for an allowed origin, answers a
 * preflight (204), and refuses a cross-origin request from any other origin with a 403, so a
 * page the policy does not name gets nothing, whether or not its browser enforces CORS.
 */
export function applyCors(policy: CorsPolicy, request: IncomingMessage, response: ServerResponse): CorsOutcome {
  const origin = request.headers.origin;
  if (origin === undefined || isSameOrigin(origin, request)) return 'continue';
  response.appendHeader('vary', 'Origin');
  if (!isAllowed(policy, origin)) {
    sendRequestError(response, 403, `Origin ${origin} may not call this gateway; allow it with CORS_ORIGINS`, ErrorCode.OriginNotAllowed);
    return 'answered';
  }
  response.setHeader('access-control-allow-origin', policy.origins.includes('*') ? '*' : origin);
  if (policy.credentials) response.setHeader('access-control-allow-credentials', 'true');
  if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
    response.writeHead(204, {
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
      'content-length': '0',
    });
    response.end();
    return 'answered';
  }
  response.setHeader('access-control-expose-headers', 'etag');
  return 'continue';
}

function isAllowed(policy: CorsPolicy, origin: string): boolean {
  if (policy.origins.includes('*') || policy.origins.includes(origin)) return true;
  return policy.allowLocalhost && LOCALHOST_ORIGIN.test(origin);
}

/** Browsers send Origin on same-origin POSTs and module scripts too: those are the page's own requests. */
function isSameOrigin(origin: string, request: IncomingMessage): boolean {
  const host = request.headers.host;
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
