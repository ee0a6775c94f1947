import type DataLoader from 'dataloader';

/**
 * Loads each id and keeps the documents that exist, in the ids' order. Unlike
 * `DataLoader#loadMany`, a failed batch rejects instead of yielding Error values, so a store
 * outage is never mistaken for missing documents.
 */
export async function loadExisting<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
  const found = await Promise.all(ids.map((id) => loader.load(id)));
  return found.filter((document): document is Awaited<T> => document !== null) as T[];
}

/** Loads an optional reference: null when there is no id or no document with it. */
export function loadOptional<T>(loader: DataLoader<string, T | null>, id: string | null): Promise<T | null> | null {
  return id === null ? null : loader.load(id);
}
