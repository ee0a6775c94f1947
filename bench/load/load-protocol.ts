/** Messages between the bench runner and its load-generator child process. */

/** Drive one URL with one request for a while. */
export interface LoadCommand {
  id: number;
  url: string;
  /** The JSON request body sent on every request. */
  body: string;
  connections: number;
  seconds: number;
  /** Seconds before a request counts as timed out. */
  timeoutSeconds: number;
}

/** What the load generator measured, on the client side. */
export interface LoadMeasurement {
  /** Completed responses, any status. */
  requests: number;
  /** Wall-clock seconds of the run. */
  seconds: number;
  requestsPerSecond: number;
  /** Latency of 2xx responses, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export type LoadReply = { id: number; measurement: LoadMeasurement } | { id: number; error: string };
