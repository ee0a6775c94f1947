import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { requestIdFrom, runInRequestScope, type RequestRecord } from './request-scope';

export const REQUEST_ID_HEADER = 'x-request-id';

export interface RequestObservation {
  logger: Logger;
  metrics?: GatewayMetrics;
  /** The GraphQL endpoint's path. */
  endpoint: string;
  /** Requests slower than this are logged at warn level. */
  slowRequestMs: number;
}

/** Probes a load balancer or Prometheus sends every few seconds: logged at debug level unless they fail. */
const PROBE_ROUTES = new Set(['healthz', 'readyz', 'metrics']);

/** A fixed name for the route a path belongs to, for metric labels (never the raw path). */
export function routeName(pathname: string, endpoint: string): string {
  if (pathname === endpoint) return 'graphql';
  if (pathname === '/healthz') return 'healthz';
  if (pathname === '/readyz') return 'readyz';
  if (pathname === '/metrics') return 'metrics';
  if (pathname.startsWith('/export/')) return 'export';
  if (pathname.startsWith('/graphiql/')) return 'graphiql';
  return 'other';
}

/**
 * Wraps the gateway's request listener: gives each request an id (the client's `x-request-id`
 * when well-formed, else a new one; returned in the same header), serves it in a request scope
 * the layers below record into, and when the response is done writes exactly one log line and
 * the request's metrics. The line holds no query text, variables or headers.
 */
export function observeRequests(listener: RequestListener, options: RequestObservation): RequestListener {
  const { logger, metrics } = options;
  return (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const record: RequestRecord = { id: requestIdFrom(request.headers[REQUEST_ID_HEADER]), failures: [] };
    // The GraphQL layer reads headers from the request: let it see the id the response carries.
    request.headers[REQUEST_ID_HEADER] = record.id;
    response.setHeader(REQUEST_ID_HEADER, record.id);
    const pathname = new URL(request.url ?? '/', 'http://gateway.invalid').pathname;
    response.once('close', () => {
      const milliseconds = performance.now() - started;
      const route = routeName(pathname, options.endpoint);
      const status = response.statusCode;
      metrics?.recordHttpRequest(route, request.method ?? 'GET', status, milliseconds / 1000);
      if (record.graphql) metrics?.recordGraphqlRequest(record.graphql, status, milliseconds / 1000);
      runInRequestScope(record, () => logRequest(logger, request, response, { route, pathname, milliseconds, record, slowRequestMs: options.slowRequestMs }));
    });
    runInRequestScope(record, () => listener(request, response));
  };
}

interface Served {
  route: string;
  pathname: string;
  milliseconds: number;
  record: RequestRecord;
  slowRequestMs: number;
}

function logRequest(logger: Logger, request: IncomingMessage, response: ServerResponse, served: Served): void {
  const { record } = served;
  const line = {
    method: request.method,
    path: served.pathname,
    status: response.statusCode,
    durationMs: Math.round(served.milliseconds * 10) / 10,
    ...(record.graphql
      ? { operation: record.graphql.operationName, storeRoundTrips: record.graphql.storeRoundTrips, ...(record.graphql.errorCodes.length > 0 ? { errorCodes: record.graphql.errorCodes } : {}) }
      : {}),
    ...(response.writableFinished ? {} : { aborted: true }),
    ...(record.failures[0] ? { failure: record.failures[0].message, err: record.failures[0].error, failures: record.failures.length } : {}),
  };
  if (record.failures.length > 0 || response.statusCode >= 500) logger.error(line, 'request failed');
  else if (served.milliseconds >= served.slowRequestMs) logger.warn({ ...line, slow: true }, 'slow request');
  else if (PROBE_ROUTES.has(served.route)) logger.debug(line, 'request');
  else logger.info(line, 'request');
}

/**
 * Reports an unexpected failure: attached to the request being served (logged with its one line),
 * or logged on its own when it happened outside any request.
 */
export function reportFailure(logger: Logger, message: string, error: unknown, record: RequestRecord | undefined): void {
  if (record) record.failures.push({ message, error });
  else logger.error({ err: error }, message);
}
