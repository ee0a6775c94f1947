import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { REQUEST_LIMIT_DEFAULTS, type GatewayConfig } from './config';
import { createContext, type GatewayContext } from './context';
import { createErrorFormatter } from './errors';
import { operationLimitsRule } from './graphql/operation-limits.rule';
import { operationTypesRule } from './graphql/operation-types.rule';
import { queryCostPlugin } from './graphql/query-cost.plugin';
import { responseLimitsPlugin } from './graphql/response-limits.plugin';
import { resolvers } from './graphql/resolvers';
import { storeStatsPlugin } from './graphql/store-stats.plugin';
import { readTypeDefs } from './graphql/type-defs';
import { trackConnections } from './http/connection-drainer';
import { applyCors, type CorsPolicy } from './http/cors';
import { readExampleOperations } from './http/example-operations';
import { createExplorerHandler } from './http/explorer-route';
import { createGraphiqlHandler } from './http/graphiql';
import { createExportHandler } from './http/export-route';
import { createGraphqlHandler } from './http/graphql-handler';
import { loadPersistedDocuments } from './http/persisted-documents';
import { createRouter } from './http/router';
import { graphqlOutcomePlugin } from './logging/graphql-outcome.plugin';
import { silentLogger, type Logger } from './logging/logger';
import { observeRequests, reportFailure } from './logging/observe-requests';
import { currentRequest } from './logging/request-scope';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/gateway-metrics';
import { observeStoreCalls } from './metrics/observed-store';
import { projectRoot } from './project-root';
import type { Store } from './store/store';

export const GRAPHQL_PATH = '/graphql';
/** Deeper than any real attribution query, shallow enough to refuse abusive nesting. */
export const MAX_QUERY_DEPTH = 16;
/** Well above any real query (the article tree selects 40 fields), well below an abusive one. */
export const MAX_QUERY_FIELDS = 1000;
const BODY_LIMIT_BYTES = 1024 * 1024;

/** The validation rules the gateway adds to graphql-js's own (benchmarks reuse them for their bare arms). */
export const GATEWAY_VALIDATION_RULES = [operationTypesRule, operationLimitsRule({ maxDepth: MAX_QUERY_DEPTH, maxFields: MAX_QUERY_FIELDS })];
const READINESS_TIMEOUT_MS = 2000;
/** How long `stop` waits for in-flight requests by default (SHUTDOWN_GRACE_MS in production). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** The explorer's sources: its operations and the persisted-documents manifest codegen writes beside them. */
const EXPLORER_SOURCES = path.join('web', 'src');
const SAME_ORIGIN_ONLY: CorsPolicy = { origins: [], allowLocalhost: false, credentials: false };

export interface GatewayOptions {
  store: Store;
  /** Request limits and schema exposure default to REQUEST_LIMIT_DEFAULTS; the deadline to DEFAULT_REQUEST_TIMEOUT_MS; without `cors`, only same-origin browser requests are served. */
  config: Pick<GatewayConfig, 'exposeStoreStats' | 'development'> & Partial<Pick<GatewayConfig, keyof typeof REQUEST_LIMIT_DEFAULTS | 'requestTimeoutMs' | 'storeQueryTimeoutMs' | 'cors'>>;
  /** Where unexpected errors go; by default onto the request's log line (or a line of their own). */
  log?: (message: string, error: unknown) => void;
  /** Request lines, slow requests and Apollo's own messages; silent when absent. */
  logger?: Logger;
  /** Requests at least this slow are logged at warn level. */
  slowRequestMs?: number;
}

export interface Gateway {
  /** Not yet listening: the caller chooses host and port (tests use port 0). */
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<GatewayContext>;
  /** The Prometheus series served on `/metrics`. */
  readonly metrics: GatewayMetrics;
  /**
   * Stops accepting connections, lets every request already sent finish (up to `graceMs`, then
   * cuts the rest), closes idle connections, then stops Apollo. Leaves the store open.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Builds the ready gateway over a store: Apollo Server, GraphiQL and health routes on node:http. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const config = { ...REQUEST_LIMIT_DEFAULTS, ...options.config };
  const logger = options.logger ?? silentLogger();
  const log = options.log ?? ((message, error) => reportFailure(logger, message, error, currentRequest()));
  const metrics = createGatewayMetrics();
  const store = observeStoreCalls(options.store, metrics);
  const httpServer = http.createServer();
  const connections = trackConnections(httpServer);
  const apollo = new ApolloServer<GatewayContext>({
    typeDefs: readTypeDefs(),
    resolvers,
    logger,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    validationRules: GATEWAY_VALIDATION_RULES,
    formatError: createErrorFormatter({ development: config.development, log }),
    includeStacktraceInErrorResponses: config.development,
    // main.ts handles SIGTERM/SIGINT: drain, stop Apollo, then close the store. Apollo's own
    // handler would re-raise the signal and kill the process before the store is closed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // The schema has no @cacheControl hints and no federation traces: these default plugins
      // would only wrap every field resolver (about a third of Apollo's cost over bare graphql-js).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      graphqlOutcomePlugin(),
      queryCostPlugin(config.maxQueryCost),
      responseLimitsPlugin(config.maxResponseBytes),
      ...(config.exposeStoreStats ? [storeStatsPlugin()] : []),
    ],
  });
  await apollo.start();

  const root = projectRoot();
  const seedArticleVariables = JSON.stringify({ id: 'article/afp-2024-10-22-north-korea-troops' }, null, 2);
  const articleTreeFile = path.join(root, 'src', 'graphql', 'operations', 'article-tree.graphql');
  const cors: CorsPolicy = config.cors ?? SAME_ORIGIN_ONLY;
  const router = createRouter({
    endpoint: GRAPHQL_PATH,
    graphql: createGraphqlHandler(
      apollo,
      async () => createContext(store, { requestTimeoutMs: config.requestTimeoutMs, storeQueryTimeoutMs: config.storeQueryTimeoutMs }),
      BODY_LIMIT_BYTES,
      loadPersistedDocuments(path.join(root, EXPLORER_SOURCES, '__generated__', 'persisted-documents.json')),
    ),
    graphiql: createGraphiqlHandler({
      endpoint: GRAPHQL_PATH,
      defaultQuery: fs.readFileSync(articleTreeFile, 'utf8'),
      defaultVariables: seedArticleVariables,
      tabs: readExampleOperations([articleTreeFile, path.join(root, EXPLORER_SOURCES, 'operations')], seedArticleVariables),
    }),
    cors: (request, response) => applyCors(cors, request, response),
    explorer: createExplorerHandler(path.join(root, 'web', 'dist')),
    exports: createExportHandler(store),
    // A stopping gateway is not ready, so a load balancer sends it nothing new.
    checkReady: () => (connections.draining ? Promise.reject(new Error('The gateway is stopping')) : withTimeout(store.ping(), READINESS_TIMEOUT_MS)),
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    log,
  });
  httpServer.on('request', observeRequests(router, { logger, metrics, endpoint: GRAPHQL_PATH, slowRequestMs: options.slowRequestMs ?? Infinity }));
  const stop = async (graceMs = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> => {
    const { forced } = await connections.drain(graceMs);
    if (forced > 0) logger.warn({ forced, graceMs }, 'grace period over: connections still open were cut');
    await apollo.stop();
  };
  return { httpServer, apollo, metrics, stop };
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
