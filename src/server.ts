import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
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
import { createGraphiqlHandler } from './http/graphiql';
import { createExportHandler } from './http/export-route';
import { createGraphqlHandler } from './http/graphql-handler';
import { createRouter } from './http/router';
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

export interface GatewayOptions {
  store: Store;
  /** Request limits and schema exposure default to REQUEST_LIMIT_DEFAULTS. */
  config: Pick<GatewayConfig, 'exposeStoreStats' | 'development'> & Partial<Pick<GatewayConfig, keyof typeof REQUEST_LIMIT_DEFAULTS>>;
  log?: (message: string, error: unknown) => void;
}

export interface Gateway {
  /** Not yet listening: the caller chooses host and port (tests use port 0). */
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<GatewayContext>;
  /** Stops accepting requests, lets in-flight ones finish, then stops Apollo. Leaves the store open. */
  stop(): Promise<void>;
}

/** Builds the ready gateway over a store: Apollo Server, GraphiQL and health routes on node:http. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { store } = options;
  const config = { ...REQUEST_LIMIT_DEFAULTS, ...options.config };
  const log = options.log ?? ((message, error) => console.error(message, error));
  const httpServer = http.createServer();
  const apollo = new ApolloServer<GatewayContext>({
    typeDefs: readTypeDefs(),
    resolvers,
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
      ApolloServerPluginDrainHttpServer({ httpServer }),
      queryCostPlugin(config.maxQueryCost),
      responseLimitsPlugin(config.maxResponseBytes),
      ...(config.exposeStoreStats ? [storeStatsPlugin()] : []),
    ],
  });
  await apollo.start();

  httpServer.on(
    'request',
    createRouter({
      endpoint: GRAPHQL_PATH,
      graphql: createGraphqlHandler(apollo, async () => createContext(store), BODY_LIMIT_BYTES),
      graphiql: createGraphiqlHandler({
        endpoint: GRAPHQL_PATH,
        defaultQuery: fs.readFileSync(path.join(projectRoot(), 'src', 'graphql', 'operations', 'article-tree.graphql'), 'utf8'),
        defaultVariables: JSON.stringify({ id: 'article/afp-2024-10-22-north-korea-troops' }, null, 2),
      }),
      exports: createExportHandler(store),
      checkReady: () => withTimeout(store.ping(), READINESS_TIMEOUT_MS),
      log,
    }),
  );
  return { httpServer, apollo, stop: () => apollo.stop() };
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
