import type { AddressInfo } from 'node:net';
import { ConfigError, readConfig, type GatewayConfig } from './config';
import { listBundleFiles, loadBundles } from './ingest/load-bundles';
import { formatProblem } from './ingest/problem';
import { createLogger, type Logger } from './logging/logger';
import { createGateway, GRAPHQL_PATH } from './server';
import { createStore } from './store/create-store';
import { DataDirectoryInUseError } from './store/data-directory-lock';
import type { Store } from './store/store';

/** An empty embedded store gets the seed bundles, so a first run has data to explore. */
async function seedIfEmpty(store: Store, seedDirectory: string, logger: Logger): Promise<void> {
  if (store.engine !== 'embedded' || (await store.count('articles', {})) > 0) return;
  logger.info({ seedDirectory }, 'the store is empty: loading the seed bundles');
  const result = await loadBundles(store, await listBundleFiles([seedDirectory]));
  if (!result.ok) throw new Error(`The seed in ${seedDirectory} is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  const written = Object.values(result.summary).reduce((sum, counts) => sum + counts.inserted, 0);
  logger.info({ documents: written, files: result.files, seedDirectory }, `Loaded ${written} documents from ${result.files} seed file(s) in ${seedDirectory}`);
}

/** How often `npm run dev` looks again at a data directory another process holds. */
const HELD_DIRECTORY_RETRY_MS = 2000;

/**
 * The store, once it can be opened. In development (`npm run dev`, whose watcher would otherwise
 * sit silent after a failed start) a data directory held by another process is waited for,
 * saying so; elsewhere that is an error, and the process exits.
 */
async function openStore(config: GatewayConfig, logger: Logger): Promise<Store> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      // MongoDB start-up attempts (an unreachable server is retried with backoff) go to the log.
      return await createStore(config, (line) => logger.warn(line));
    } catch (error) {
      if (!(error instanceof DataDirectoryInUseError) || !config.development) throw error;
      if (attempt === 0) logger.warn(`${error.message} Waiting for it to be released (Ctrl-C to give up)…`);
      await new Promise((resolve) => setTimeout(resolve, HELD_DIRECTORY_RETRY_MS));
    }
  }
}

async function main(logger: Logger): Promise<void> {
  const config = readConfig();
  const started = performance.now();
  const elapsedMs = () => Math.round(performance.now() - started);
  if (config.mongodbUri) logger.info('connecting to MongoDB');
  else logger.info({ dataDirectory: config.dataDirectory }, 'opening the embedded store');
  const store = await openStore(config, logger);
  logger.info({ engine: store.engine, elapsedMs: elapsedMs() }, 'store open');
  await seedIfEmpty(store, config.seedDirectory, logger);
  const gateway = await createGateway({ store, config, logger, slowRequestMs: config.slowRequestMs });
  await new Promise<void>((resolve, reject) => {
    gateway.httpServer.once('error', reject);
    gateway.httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = gateway.httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}${GRAPHQL_PATH}`;
  logger.info({ url, engine: store.engine, elapsedMs: elapsedMs() }, `attribution-gateway on the ${store.engine} store: ${url} (open it in a browser for GraphiQL)`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping: finishing in-flight requests, then closing the store');
    gateway
      .stop(config.shutdownGraceMs)
      .then(() => store.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** The logger exists before the configuration is read, so a bad variable is reported as a log line too. */
function startupLogger(): Logger {
  try {
    const config = readConfig();
    return createLogger({ level: config.logLevel, format: config.logFormat });
  } catch {
    return createLogger({ level: 'info', format: process.stdout.isTTY ? 'pretty' : 'json' });
  }
}

const logger = startupLogger();
main(logger).catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError;
  if (known) logger.fatal((error as Error).message);
  else logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
