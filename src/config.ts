import path from 'node:path';
import { projectRoot } from './project-root';

/** Everything the gateway reads from its environment, validated once at start. */
export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  /** MongoDB connection string; when absent the embedded engine is used. */
  readonly mongodbUri: string | undefined;
  readonly mongodbDatabase: string | undefined;
  /** Time limit of each store query, in milliseconds. */
  readonly storeQueryTimeoutMs: number;
  /** When true, each GraphQL response carries `extensions.storeRoundTrips`. */
  readonly exposeStoreStats: boolean;
  /** Include error details and stack traces in responses (development only). */
  readonly development: boolean;
  /** Folder of seed bundles loaded into an empty embedded store at start. */
  readonly seedDirectory: string;
  /** Where the embedded store keeps its SQLite file. */
  readonly dataDirectory: string;
  /** Highest worst-case cost an operation may have (`src/graphql/query-cost.ts`). */
  readonly maxQueryCost: number;
  /** Largest response body, in bytes; a larger result is refused. */
  readonly maxResponseBytes: number;
  /** Whether clients may introspect the schema (GraphiQL needs it). */
  readonly introspection: boolean;
  /** Whether validation errors suggest field names ("Did you mean ...?"). */
  readonly fieldSuggestions: boolean;
}

/** Defaults of the request limits, also used by gateways built without a full configuration. */
export const REQUEST_LIMIT_DEFAULTS = Object.freeze({
  maxQueryCost: 250_000,
  maxResponseBytes: 8 * 1024 * 1024,
  // The schema of this read-only API is public (in the repository and the README) and GraphiQL needs it.
  introspection: true,
  fieldSuggestions: true,
});

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

function mongodbUri(env: Environment): string | undefined {
  const raw = env.MONGODB_URI;
  if (raw === undefined || raw === '') return undefined;
  if (!/^mongodb(\+srv)?:\/\//.test(raw)) throw new ConfigError('MONGODB_URI', 'a URI starting with mongodb:// or mongodb+srv://', raw);
  return raw;
}

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function readConfig(env: Environment = process.env): GatewayConfig {
  const introspection = flag(env, 'GRAPHQL_INTROSPECTION', REQUEST_LIMIT_DEFAULTS.introspection);
  return Object.freeze({
    host: env.HOST || '127.0.0.1',
    port: integerIn(env, 'PORT', 4000, 0, 65535),
    mongodbUri: mongodbUri(env),
    mongodbDatabase: env.MONGODB_DB || undefined,
    storeQueryTimeoutMs: integerIn(env, 'STORE_QUERY_TIMEOUT_MS', 5000, 1, 600_000),
    exposeStoreStats: flag(env, 'EXPOSE_STORE_STATS'),
    development: env.NODE_ENV === 'development',
    seedDirectory: path.resolve(projectRoot(), env.SEED_DIR || path.join('seed', 'data')),
    dataDirectory: path.resolve(projectRoot(), env.DATA_DIR || 'data'),
    maxQueryCost: integerIn(env, 'MAX_QUERY_COST', REQUEST_LIMIT_DEFAULTS.maxQueryCost, 1, Number.MAX_SAFE_INTEGER),
    maxResponseBytes: integerIn(env, 'MAX_RESPONSE_BYTES', REQUEST_LIMIT_DEFAULTS.maxResponseBytes, 1024, 1024 * 1024 * 1024),
    introspection,
    // Suggestions name schema fields; without introspection they would leak the schema piece by piece.
    fieldSuggestions: flag(env, 'GRAPHQL_FIELD_SUGGESTIONS', introspection && REQUEST_LIMIT_DEFAULTS.fieldSuggestions),
  });
}
