import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { listBundleFiles, loadBundles } from '../../src/ingest/load-bundles';
import { formatProblem } from '../../src/ingest/problem';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server';
import type { Store } from '../../src/store/store';

export const SEED_DIRECTORY = path.join(__dirname, '..', '..', 'seed', 'data');
export const SEED_ARTICLE_ID = 'article/afp-2024-10-22-north-korea-troops';

export interface GraphqlResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: { storeRoundTrips?: number };
}

/** A gateway listening on a free loopback port, with round-trip stats exposed. */
export interface RunningGateway {
  url: string;
  gateway: Gateway;
  query<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<TData>>;
  close(): Promise<void>;
}

/** Loads the seed bundles into the store, failing loudly on any problem. */
export async function loadSeed(store: Store): Promise<void> {
  const result = await loadBundles(store, await listBundleFiles([SEED_DIRECTORY]));
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
}

/** Starts the real HTTP gateway over `store`; `options` replace the defaults (stats exposed, nothing logged). */
export async function startGateway(store: Store, options: Partial<Omit<GatewayOptions, 'store'>> = {}): Promise<RunningGateway> {
  const gateway = await createGateway({ store, config: { exposeStoreStats: true, development: false }, log: () => undefined, ...options });
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    gateway,
    async query<TData>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as GraphqlResponse<TData>;
      return { ...body, status: response.status };
    },
    close: () => gateway.stop(),
  };
}
