import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What the GraphQL layer learns about a request, for its one log line and its metrics. */
export interface GraphqlOutcome {
  /** The executed operation's name; null for an anonymous one or when none could be chosen. */
  operationName: string | null;
  storeRoundTrips: number;
  /** The `extensions.code` of every error in the response, in order. */
  errorCodes: string[];
}

/** One HTTP request being served: its id, and what the layers below record about it. */
export interface RequestRecord {
  readonly id: string;
  graphql?: GraphqlOutcome;
  /** Unexpected failures (masked in the response), logged with the request's line. */
  readonly failures: Array<{ message: string; error: unknown }>;
}

const scope = new AsyncLocalStorage<RequestRecord>();

/** Runs `serve` with `record` as the current request of everything it calls. */
export function runInRequestScope<T>(record: RequestRecord, serve: () => T): T {
  return scope.run(record, serve);
}

/** The request being served by the caller, if any. */
export function currentRequest(): RequestRecord | undefined {
  return scope.getStore();
}

/** Request ids a client may send: short, and safe to put in a log line or a header. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The client's `x-request-id` when it is well-formed, else a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}
