import DataLoader from 'dataloader';
import type { Page } from '../pagination/page';
import type { LoaderMode } from './batch';

/**
 * Loads one value per (parent, query) pair, batching all parents that share a query into one
 * fetch: a nested connection asked for 50 actors with the same arguments is one store call.
 * `Q` is the query (page arguments, filter, ordering); equal queries have equal JSON.
 */
export function loaderPerParent<Q, V>(
  mode: LoaderMode,
  fetch: (parentIds: readonly string[], query: Q) => Promise<Map<string, V>>,
  missing: (parentId: string, query: Q) => V,
): { load: (parentId: string, query: Q) => Promise<V> } {
  const queries = new Map<string, Q>();
  const separator = '\u0000';
  const loader = new DataLoader<string, V>(
    async (keys) => {
      const parentsByQuery = new Map<string, string[]>();
      for (const key of keys) {
        const at = key.indexOf(separator);
        const queryKey = key.slice(at + 1);
        const parents = parentsByQuery.get(queryKey) ?? [];
        parents.push(key.slice(0, at));
        parentsByQuery.set(queryKey, parents);
      }
      const results = new Map<string, V>();
      await Promise.all(
        [...parentsByQuery].map(async ([queryKey, parentIds]) => {
          const found = await fetch(parentIds, queries.get(queryKey) as Q);
          for (const parentId of parentIds) results.set(`${parentId}${separator}${queryKey}`, found.get(parentId) ?? missing(parentId, queries.get(queryKey) as Q));
        }),
      );
      return keys.map((key) => results.get(key) as V);
    },
    mode.scheduler ? { batchScheduleFn: mode.scheduler.schedule } : { batch: false, cache: false },
  );
  return {
    load(parentId, query) {
      const queryKey = JSON.stringify(query);
      queries.set(queryKey, query);
      return loader.load(`${parentId}${separator}${queryKey}`);
    },
  };
}

/** The page type a paged loader yields. */
export type PageLoader<T, Q> = ReturnType<typeof loaderPerParent<Q, Page<T>>>;
