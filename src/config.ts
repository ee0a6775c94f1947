import path from 'node:path';
import type { CorsPolicy } from './http/cors';
import { projectRoot } from './project-root';

/** Everything the gateway reads from its environment, validated once at start. */
export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  /**
   * MongoDB connection string; when absent the embedded engine is used. MONGODB_READ_PREFERENCE,
   * MONGODB_WRITE_CONCERN and MONGODB_MAX_POOL_SIZE are set in it as URI options, which the driver reads.
   */
  readonly mongodbUri: string | undefined;
  readonly mongodbDatabase: string | undefined;
  /** Time one GraphQL request may take, in milliseconds: its store calls stop at it. */
  readonly requestTimeoutMs: number;
  /** Time limit of each store query, in milliseconds (within a request, also capped by what is left of its time). */
  readonly storeQueryTimeoutMs: number;
  /** When true, each GraphQL response carries `extensions.storeRoundTrips`. */
  readonly exposeStoreStats: boolean;
  /** Include error details and stack traces in responses (development only). */
  readonly development: boolean;
  /** Folder of seed bundles loaded into an empty embedded store at start. */
  readonly seedDirectory: string;
  /** Where the embedded store keeps its SQLite file. */
  readonly dataDirectory: string;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  readonly logLevel: LogLevel;
  /** `json` (one object per line) or `pretty` (readable); pretty on a terminal or in development. */
  readonly logFormat: 'json' | 'pretty';
  /** Requests at least this slow are logged at warn level. */
  readonly slowRequestMs: number;
  /** How long a stop waits for in-flight requests before cutting them. */
  readonly shutdownGraceMs: number;
  /** Other origins allowed to call from a browser (CORS_ORIGINS, CORS_CREDENTIALS). */
  readonly cors: CorsPolicy;
  /** Highest worst-case cost an operation may have (`src/graphql/query-cost.ts`). */
  readonly maxQueryCost: number;
  /** Largest response body, in bytes; a larger result is refused. */
  readonly maxResponseBytes: number;
  /** Whether clients may introspect the schema (GraphiQL needs it). */
  readonly introspection: boolean;
  /** Whether validation errors suggest field names ("Did you mean ...?"). */
  readonly fieldSuggestions: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Defaults of the request limits, also used by gateways built without a full configuration. */
export const REQUEST_LIMIT_DEFAULTS = Object.freeze({
  maxQueryCost: 250_000,
  maxResponseBytes: 8 * 1024 * 1024,
  // The schema of this read-only API is public (in the repository and the README) and GraphiQL needs it.
  introspection: true,
  fieldSuggestions: true,
});

/** Long enough for any query the limits admit on a healthy store; short enough that clients and load balancers see an answer. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** A configuration value that cannot be used, named so the operator can fix it. */
export class ConfigError extends Error {
  constructor(variable: string, expected: string, received: string) {
    super(`Invalid ${variable}: expected ${expected}, received ${JSON.stringify(received)}`);
    this.name = 'ConfigError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

function integerIn(env: Environment, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(variable, `an integer from ${min} to ${max}`, raw);
  return value;
}

function flag(env: Environment, variable: string, fallback = false): boolean {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(variable, '1, true, 0 or false', raw);
}

const READ_PREFERENCES = ['primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', 'nearest'] as const;

/** Sets URI options on a MongoDB connection string, replacing any it already gives (names compare case-insensitively). */
export function withUriOptions(uri: string, options: Readonly<Record<string, string | undefined>>): string {
  const given = Object.entries(options).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (given.length === 0) return uri;
  const [base = uri, query = ''] = uri.split('?', 2);
  const names = new Set(given.map(([name]) => name.toLowerCase()));
  const kept = query.split('&').filter((pair) => pair !== '' && !names.has((pair.split('=')[0] ?? '').toLowerCase()));
  const path = /^mongodb(\+srv)?:\/\/[^/]*$/.test(base) ? `${base}/` : base;
  return `${path}?${[...kept, ...given.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)].join('&')}`;
}

function mongodbUri(env: Environment): string | undefined {
  const raw = env.MONGODB_URI;
  if (raw === undefined || raw === '') return undefined;
  if (!/^mongodb(\+srv)?:\/\//.test(raw)) throw new ConfigError('MONGODB_URI', 'a URI starting with mongodb:// or mongodb+srv://', raw);
  const writeConcern = env.MONGODB_WRITE_CONCERN || undefined;
  if (writeConcern !== undefined && writeConcern !== 'majority' && !/^\d{1,2}$/.test(writeConcern)) throw new ConfigError('MONGODB_WRITE_CONCERN', 'majority or a number of members', writeConcern);
  return withUriOptions(raw, {
    readPreference: env.MONGODB_READ_PREFERENCE ? oneOf(env, 'MONGODB_READ_PREFERENCE', READ_PREFERENCES, 'primary') : undefined,
    w: writeConcern,
    maxPoolSize: env.MONGODB_MAX_POOL_SIZE ? String(integerIn(env, 'MONGODB_MAX_POOL_SIZE', 100, 1, 10_000)) : undefined,
  });
}

function oneOf<T extends string>(env: Environment, variable: string, allowed: readonly T[], fallback: T): T {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(variable, `one of ${allowed.join(', ')}`, raw);
  return raw as T;
}

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function readConfig(env: Environment = process.env, terminal: boolean = process.stdout.isTTY === true): GatewayConfig {
  const introspection = flag(env, 'GRAPHQL_INTROSPECTION', REQUEST_LIMIT_DEFAULTS.introspection);
  const requestTimeoutMs = integerIn(env, 'REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS, 1, 600_000);
  return Object.freeze({
    host: env.HOST || '127.0.0.1',
    port: integerIn(env, 'PORT', 4000, 0, 65535),
    mongodbUri: mongodbUri(env),
    mongodbDatabase: env.MONGODB_DB || undefined,
    requestTimeoutMs,
    storeQueryTimeoutMs: integerIn(env, 'STORE_QUERY_TIMEOUT_MS', requestTimeoutMs, 1, 600_000),
    exposeStoreStats: flag(env, 'EXPOSE_STORE_STATS'),
    development: env.NODE_ENV === 'development',
    seedDirectory: path.resolve(projectRoot(), env.SEED_DIR || path.join('seed', 'data')),
    dataDirectory: path.resolve(projectRoot(), env.DATA_DIR || 'data'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, terminal || env.NODE_ENV === 'development' ? 'pretty' : 'json'),
    slowRequestMs: integerIn(env, 'SLOW_REQUEST_MS', 1000, 1, 3_600_000),
    shutdownGraceMs: integerIn(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 3_600_000),
    cors: readCorsPolicy(env, env.NODE_ENV === 'development'),
    maxQueryCost: integerIn(env, 'MAX_QUERY_COST', REQUEST_LIMIT_DEFAULTS.maxQueryCost, 1, Number.MAX_SAFE_INTEGER),
    maxResponseBytes: integerIn(env, 'MAX_RESPONSE_BYTES', REQUEST_LIMIT_DEFAULTS.maxResponseBytes, 1024, 1024 * 1024 * 1024),
    introspection,
    // Suggestions name schema fields; without introspection they would leak the schema piece by piece.
    fieldSuggestions: flag(env, 'GRAPHQL_FIELD_SUGGESTIONS', introspection && REQUEST_LIMIT_DEFAULTS.fieldSuggestions),
  });
}

/**
 * Reads `CORS_ORIGINS` (comma-separated origins, or `*`) and `CORS_CREDENTIALS` (1/true/0/false).
 * Without `CORS_ORIGINS`, only the same origin may call, plus localhost origins in development.
 */
export function readCorsPolicy(env: Environment, development: boolean): CorsPolicy {
  const raw = env.CORS_ORIGINS?.trim() ?? '';
  const origins = raw === '' ? [] : raw.split(',').map((entry) => corsOrigin(entry.trim()));
  const credentials = flag(env, 'CORS_CREDENTIALS');
  if (credentials && origins.includes('*')) throw new ConfigError('CORS_CREDENTIALS', 'false when CORS_ORIGINS is * (browsers refuse credentials for any origin)', env.CORS_CREDENTIALS ?? '');
  return Object.freeze({ origins: Object.freeze(origins), allowLocalhost: raw === '' && development, credentials });
}

function corsOrigin(entry: string): string {
  if (entry === '*') return entry;
  const expected = 'a comma-separated list of origins (scheme, host and port, no path) such as https://newsroom.example, or *';
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new ConfigError('CORS_ORIGINS', expected, entry);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.replace(/\/$/, '')) throw new ConfigError('CORS_ORIGINS', expected, entry);
  return url.origin;
}
