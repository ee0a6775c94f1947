import type { AddressInfo } from 'node:net';
import { ConfigError, readConfig } from './config';
import { listBundleFiles, loadBundles } from './ingest/load-bundles';
import { formatProblem } from './ingest/problem';
import { createGateway, GRAPHQL_PATH } from './server';
import { createStore } from './store/create-store';
import { DataDirectoryInUseError } from './store/data-directory-lock';
import type { Store } from './store/store';

/** An empty embedded store gets the seed bundles, so a first run has data to explore. */
async function seedIfEmpty(store: Store, seedDirectory: string): Promise<void> {
  if (store.engine !== 'embedded' || (await store.count('articles', {})) > 0) return;
  const result = await loadBundles(store, await listBundleFiles([seedDirectory]));
  if (!result.ok) throw new Error(`The seed in ${seedDirectory} is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  const written = Object.values(result.summary).reduce((sum, counts) => sum + counts.inserted, 0);
  console.log(`Loaded ${written} documents from ${result.files} seed file(s) in ${seedDirectory}`);
}

async function main(): Promise<void> {
  const config = readConfig();
  const store = await createStore(config);
  await seedIfEmpty(store, config.seedDirectory);
  const gateway = await createGateway({ store, config });
  await new Promise<void>((resolve, reject) => {
    gateway.httpServer.once('error', reject);
    gateway.httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = gateway.httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`attribution-gateway on the ${store.engine} store: http://${host}:${port}${GRAPHQL_PATH} (open it in a browser for GraphiQL)`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining in-flight requests, then closing the store`);
    gateway
      .stop()
      .then(() => store.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
