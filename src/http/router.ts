import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { StoreUnavailableError } from '../store/store-errors';
import type { CorsOutcome } from './cors';
import { RequestBodyError } from './read-body';
import { sendJson, sendRequestError } from './send';
import { wantsGraphiqlPage } from './graphiql';

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export interface Routes {
  /** Path of the GraphQL endpoint, e.g. `/graphql`. */
  endpoint: string;
  graphql: Handler;
  /** Serves the GraphiQL page and assets; false when the request is not for them. */
  graphiql: (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;
  /** Applies the CORS policy first: answers preflights and refuses origins it does not allow. */
  cors?: (request: IncomingMessage, response: ServerResponse) => CorsOutcome;
  /** Serves the explorer page and assets (`/explore...`); false when the request is not for them. */
  explorer?: (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;
  /** Serves the article exports (`/export/articles/...`); false when the request is not for them. */
  exports?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
  /** Resolves when the store answers; rejects otherwise (a StoreUnavailableError's message is shown as the reason). */
  checkReady: () => Promise<void>;
  /** The Prometheus exposition served on `GET /metrics`; no such route when absent. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  log: (message: string, error: unknown) => void;
}

function sendMetrics(response: ServerResponse, exposition: { contentType: string; body: string }): void {
  response.writeHead(200, { 'content-type': exposition.contentType });
  response.end(exposition.body);
}

/** The gateway's HTTP surface: `/graphql` (API and GraphiQL), `/healthz`, `/readyz`, `/metrics`, GraphiQL assets, `/explore`. */
export function createRouter(routes: Routes): RequestListener {
  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    if (routes.cors && routes.cors(request, response) === 'answered') return;
    if (url.pathname === routes.endpoint) {
      if (request.method === 'GET' && wantsGraphiqlPage(request) && routes.graphiql(request, response, url)) return;
      if (request.method === 'GET' || request.method === 'POST') return routes.graphql(request, response, url);
      response.setHeader('allow', 'GET, POST');
      return sendRequestError(response, 405, `Method ${request.method} is not allowed on ${routes.endpoint}; use GET or POST`, 'METHOD_NOT_ALLOWED');
    }
    if (request.method === 'GET' && url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (request.method === 'GET' && url.pathname === '/readyz') return ready(response);
    if (request.method === 'GET' && url.pathname === '/metrics' && routes.metrics) return sendMetrics(response, await routes.metrics());
    if (request.method === 'GET' && routes.graphiql(request, response, url)) return;
    if (routes.explorer && routes.explorer(request, response, url)) return;
    if (routes.exports && (await routes.exports(request, response, url))) return;
    sendRequestError(response, 404, `No route for ${request.method} ${url.pathname}; the GraphQL endpoint is ${routes.endpoint}`, 'NOT_FOUND');
  };

  const ready = async (response: ServerResponse): Promise<void> => {
    try {
      await routes.checkReady();
      sendJson(response, 200, { status: 'ready' });
    } catch (error) {
      // An outage the store has named (and logged, at start) is the reason; anything else is logged here.
      if (error instanceof StoreUnavailableError) return sendJson(response, 503, { status: 'unavailable', reason: error.message });
      routes.log('Readiness check failed', error);
      sendJson(response, 503, { status: 'unavailable', reason: 'the store does not answer' });
    }
  };

  return (request, response) => {
    route(request, response).catch((error: unknown) => {
      if (error instanceof RequestBodyError) return sendRequestError(response, error.status, error.message, error.code);
      routes.log('Unexpected error while serving an HTTP request', error);
      if (!response.headersSent) sendRequestError(response, 500, 'Unexpected error', 'INTERNAL_SERVER_ERROR');
      else response.destroy();
    });
  };
}
