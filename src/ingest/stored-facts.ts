import type { CollectionName } from '../store/collections';
import { findByIdsIn } from '../store/find-by-ids';
import type { BulkLoadTarget, Store, StoredDocument } from '../store/store';
import type { StoredFacts } from './run-index';

/** Ids per lookup, so one never sends an unbounded `$in` or message. */
const LOOKUP_BATCH = 1000;

/** Where stored facts are read from: a bulk-load target, or any store through `idLookupOf`. */
export type IdLookup = Pick<BulkLoadTarget, 'findByIds'>;

/** Looks up by id on any store: `_id: { $in }` queries with a projection. */
export function idLookupOf(store: Store): IdLookup {
  return {
    findByIds: (collection, ids, fields) => findByIdsIn(store, collection, ids, fields),
  };
}

async function findByIds<T extends StoredDocument>(lookup: IdLookup, collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
  const found: T[] = [];
  for (let offset = 0; offset < ids.length; offset += LOOKUP_BATCH) {
    found.push(...(await lookup.findByIds<T>(collection, ids.slice(offset, offset + LOOKUP_BATCH), fields)));
  }
  return found;
}

/** What validation needs to know of stored documents, read in batches of ids. */
export function storedFacts(lookup: IdLookup): StoredFacts {
  return {
    existing: async (collection, ids) => new Set((await findByIds(lookup, collection, ids, [])).map((document) => document._id)),
    affiliations: async (ids) => new Map((await findByIds<{ _id: string; affiliationId: string | null }>(lookup, 'actors', ids, ['affiliationId'])).map((actor) => [actor._id, actor.affiliationId])),
    relays: async (ids) => new Map((await findByIds<{ _id: string; relayIds: string[] }>(lookup, 'reports', ids, ['relayIds'])).map((report) => [report._id, report.relayIds])),
    sources: async (ids) => new Map((await findByIds<{ _id: string; sourceIds: string[] }>(lookup, 'reports', ids, ['sourceIds'])).map((report) => [report._id, report.sourceIds])),
    bodies: async (ids) => new Map((await findByIds<{ _id: string; body: string }>(lookup, 'articles', ids, ['body'])).map((article) => [article._id, article.body])),
    statementArticles: async (ids) => new Map((await findByIds<{ _id: string; articleId: string }>(lookup, 'statements', ids, ['articleId'])).map((statement) => [statement._id, statement.articleId])),
  };
}

/** Facts of an empty store: with --drop, the stored documents are about to go. */
export const NO_STORED_FACTS: StoredFacts = {
  existing: async () => new Set(),
  affiliations: async () => new Map(),
  relays: async () => new Map(),
  sources: async () => new Map(),
  bodies: async () => new Map(),
  statementArticles: async () => new Map(),
};
