import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { GraphqlOutcome } from '../logging/request-scope';

/** How a GraphQL request ended, as a metric label. */
export type Outcome = 'ok' | 'client_error' | 'server_error';

/** At most this many distinct operation names get their own series; later ones count as `other`. */
export const MAX_OPERATION_LABELS = 100;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,47}$/;

export interface GatewayMetrics {
  readonly registry: Registry;
  /** Counts one HTTP request on a named route (a fixed set, never the raw path). */
  recordHttpRequest(route: string, method: string, status: number, seconds: number): void;
  /** Counts one GraphQL request by operation and outcome, and its error codes. */
  recordGraphqlRequest(outcome: GraphqlOutcome, status: number, seconds: number): void;
  /** Counts one store call on a collection (`none` for calls that name none, such as ping). */
  recordStoreCall(collection: string, operation: string): void;
}

/** `ok`, or which side is at fault: any masked failure or 5xx is the server's, other errors the client's. */
export function outcomeOf(graphql: GraphqlOutcome | undefined, status: number): Outcome {
  if (status >= 500 || graphql?.errorCodes.includes('INTERNAL_SERVER_ERROR')) return 'server_error';
  if (status >= 400 || (graphql && graphql.errorCodes.length > 0)) return 'client_error';
  return 'ok';
}

/**
 * The gateway's Prometheus series, in a registry of its own (so several gateways in one process,
 * as in tests, do not share counts), with Node's process metrics. Label values are bounded: routes
 * are a fixed set, operation names collapse to `anonymous` or `other`, codes not of our form to `OTHER`.
 */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route, method and status code', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const graphqlRequests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests by operation name and outcome', labelNames: ['operation', 'outcome'], registers: [registry] });
  const graphqlDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const graphqlErrors = new Counter({ name: 'graphql_errors_total', help: 'Errors in GraphQL responses by code', labelNames: ['code'], registers: [registry] });
  const roundTrips = new Histogram({
    name: 'graphql_store_round_trips',
    help: 'Store calls made for one GraphQL request',
    labelNames: ['operation'],
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [registry],
  });
  const storeCalls = new Counter({ name: 'store_calls_total', help: 'Store calls by collection and operation', labelNames: ['collection', 'operation'], registers: [registry] });

  const operationLabels = new Set<string>();
  const operationLabel = (name: string | null): string => {
    if (name === null) return 'anonymous';
    if (!GRAPHQL_NAME.test(name)) return 'other';
    if (operationLabels.has(name)) return name;
    if (operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
    operationLabels.add(name);
    return name;
  };

  return {
    registry,
    recordHttpRequest(route, method, status, seconds) {
      httpRequests.inc({ route, method, status: String(status) });
      httpDuration.observe({ route }, seconds);
    },
    recordGraphqlRequest(graphql, status, seconds) {
      const labels = { operation: operationLabel(graphql.operationName), outcome: outcomeOf(graphql, status) };
      graphqlRequests.inc(labels);
      graphqlDuration.observe(labels, seconds);
      roundTrips.observe({ operation: labels.operation }, graphql.storeRoundTrips);
      for (const code of graphql.errorCodes) graphqlErrors.inc({ code: ERROR_CODE.test(code) ? code : 'OTHER' });
    },
    recordStoreCall(collection, operation) {
      storeCalls.inc({ collection, operation });
    },
  };
}
