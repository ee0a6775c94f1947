import type { Store } from '../../src/store/store';
import { createGateway, GRAPHQL_PATH } from '../../src/server';
import { listenOnLoopback, type ListeningServer } from './bare-http-server';

/** How many unexpected gateway errors are printed in full; the rest are only counted. */
const PRINTED_ERRORS = 5;

/**
 * The real HTTP gateway (`createGateway`: Apollo Server on node:http, as `npm start` serves it)
 * over the store, listening on loopback. Store stats stay off, as in production. Unexpected
 * errors are printed, never swallowed.
 */
export async function startGatewayServer(store: Store): Promise<ListeningServer & { unexpectedErrors: () => number }> {
  let errors = 0;
  const gateway = await createGateway({
    store,
    config: { exposeStoreStats: false, development: false },
    log: (message, error) => {
      errors += 1;
      if (errors <= PRINTED_ERRORS) console.error(`gateway: ${message}`, error);
    },
  });
  const listening = await listenOnLoopback(gateway.httpServer, GRAPHQL_PATH);
  return {
    ...listening,
    unexpectedErrors: () => errors,
    close: async () => {
      await gateway.stop();
      await listening.close();
    },
  };
}
