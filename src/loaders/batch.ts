import DataLoader from 'dataloader';
import type { StoredDocument } from '../store/store';
import type { BatchScheduler } from './batch-scheduler';

/** Results in key order, same length, `null` for a key with no document. */
export function inKeyOrder<T extends StoredDocument>(keys: readonly string[], documents: readonly T[]): Array<T | null> {
  const byId = new Map<string, T>();
  for (const document of documents) byId.set(document._id, document);
  return keys.map((key) => byId.get(key) ?? null);
}

/**
 * Documents grouped under each key they reference, in key order, keeping the documents' order.
 * A document referencing several keys (a statement with two speakers) is in each group.
 */
export function groupedInKeyOrder<T>(keys: readonly string[], documents: readonly T[], referencesOf: (document: T) => string | null | readonly string[]): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const document of documents) {
    const references = referencesOf(document);
    for (const reference of typeof references === 'string' ? [references] : (references ?? [])) groups.get(reference)?.push(document);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * How a request's loaders run: batched by the request's scheduler, or (no scheduler) one store
 * call per key with no cache, as naive per-parent resolvers would; benchmarks compare the two.
 */
export type LoaderMode = { scheduler: BatchScheduler } | { scheduler: null };

function dataLoaderOptions<V>(mode: LoaderMode): DataLoader.Options<string, V> {
  return mode.scheduler ? { batchScheduleFn: mode.scheduler.schedule } : { batch: false, cache: false };
}

/** A per-request loader of documents by id. */
export function loaderById<T extends StoredDocument>(mode: LoaderMode, fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => inKeyOrder(ids, await fetch(ids)), dataLoaderOptions(mode));
}

/** A per-request loader of the documents referencing each key through a (possibly array) field. */
export function loaderByReference<T>(
  mode: LoaderMode,
  fetch: (keys: readonly string[]) => Promise<T[]>,
  referencesOf: (document: T) => string | null | readonly string[],
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => groupedInKeyOrder(keys, await fetch(keys), referencesOf), dataLoaderOptions(mode));
}

/** A per-request loader of one value per key from a fetch returning a map; `fallback` for absent keys. */
export function loaderOfMap<V>(mode: LoaderMode, fetch: (keys: readonly string[]) => Promise<Map<string, V>>, fallback: (key: string) => V): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => found.get(key) ?? fallback(key));
  }, dataLoaderOptions(mode));
}
