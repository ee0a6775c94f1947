import type { CollectionName } from '../store/collections';
import { findByFieldIn, findByIdsIn } from '../store/find-by-ids';
import type { BulkLoadTarget, Store, StoredDocument } from '../store/store';
import type { StoredFacts } from './run-index';

/** Ids per lookup, so one never sends an unbounded `$in` or message. */
const LOOKUP_BATCH = 1000;

/** Where stored facts are read from: a bulk-load target, or any store through `idLookupOf`. */
export type IdLookup = Pick<BulkLoadTarget, 'findByIds' | 'findByField' | 'listIds'>;

/** Looks up by id on any store: `_id: { $in }` queries with a projection. */
export function idLookupOf(store: Store): IdLookup {
  return {
    findByIds: (collection, ids, fields) => findByIdsIn(store, collection, ids, fields),
    findByField: async <T extends StoredDocument>(collection: CollectionName, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]> => {
      const found: T[] = [];
      for (let offset = 0; offset < values.length; offset += LOOKUP_BATCH) found.push(...(await findByFieldIn<T>(store, collection, field, values.slice(offset, offset + LOOKUP_BATCH), fields)));
      return found;
    },
    listIds: async (collection) => (await store.find(collection, {}, { projection: { _id: 1 } })).map((document) => document._id),
  };
}

async function findByIds<T extends StoredDocument>(lookup: IdLookup, collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
  const found: T[] = [];
  for (let offset = 0; offset < ids.length; offset += LOOKUP_BATCH) {
    found.push(...(await lookup.findByIds<T>(collection, ids.slice(offset, offset + LOOKUP_BATCH), fields)));
  }
  return found;
}

/**
 * As findByIds, by the values of another field, in one call: the bulk writer answers it with one
 * scan of the collection whatever the number of values (a scan per batch of values made re-loads
 * slower by the number of batches); a store's lookup (`idLookupOf`) batches its own `$in`s.
 */
async function findByField<T extends StoredDocument>(lookup: IdLookup, collection: CollectionName, field: string, values: readonly string[], fields: readonly string[]): Promise<T[]> {
  const found = new Map<string, T>();
  for (const document of await lookup.findByField<T>(collection, field, values, fields)) found.set(document._id, document);
  return [...found.values()];
}

/** The values of a reference field among `ids` (a single id, or the items of a list). */
function referencesAmong(value: unknown, ids: ReadonlySet<string>): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.filter((item): item is string => typeof item === 'string' && ids.has(item));
}

/** What validation needs to know of stored documents, read in batches of ids. */
export function storedFacts(lookup: IdLookup): StoredFacts {
  return {
    allIds: (collection) => lookup.listIds(collection),
    existing: async (collection, ids) => new Set((await findByIds(lookup, collection, ids, [])).map((document) => document._id)),
    affiliations: async (ids) => new Map((await findByIds<{ _id: string; affiliationId: string | null }>(lookup, 'actors', ids, ['affiliationId'])).map((actor) => [actor._id, actor.affiliationId])),
    relays: async (ids) => new Map((await findByIds<{ _id: string; relayIds: string[] }>(lookup, 'reports', ids, ['relayIds'])).map((report) => [report._id, report.relayIds])),
    sources: async (ids) => new Map((await findByIds<{ _id: string; sourceIds: string[] }>(lookup, 'reports', ids, ['sourceIds'])).map((report) => [report._id, report.sourceIds])),
    bodies: async (ids) => new Map((await findByIds<{ _id: string; body: string }>(lookup, 'articles', ids, ['body'])).map((article) => [article._id, article.body])),
    statementArticles: async (ids) => new Map((await findByIds<{ _id: string; articleId: string }>(lookup, 'statements', ids, ['articleId'])).map((statement) => [statement._id, statement.articleId])),
    statementsOfArticles: async (articleIds) =>
      new Map((await findByField<{ _id: string; articleId: string }>(lookup, 'statements', 'articleId', articleIds, ['articleId'])).map((statement) => [statement._id, statement.articleId])),
    referrers: async (collection, field, ids) => {
      const wanted = new Set(ids);
      const found = await findByField<StoredDocument & Record<string, unknown>>(lookup, collection, field, ids, [field]);
      return new Map(found.map((document) => [document._id, referencesAmong(document[field], wanted)]));
    },
  };
}

/** Facts of an empty store: with --drop, the stored documents are about to go. */
export const NO_STORED_FACTS: StoredFacts = {
  existing: async () => new Set(),
  allIds: async () => [],
  affiliations: async () => new Map(),
  relays: async () => new Map(),
  sources: async () => new Map(),
  bodies: async () => new Map(),
  statementArticles: async () => new Map(),
  statementsOfArticles: async () => new Map(),
  referrers: async () => new Map(),
};
