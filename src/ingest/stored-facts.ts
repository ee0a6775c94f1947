import type { CollectionName } from '../store/collections';
import type { Store, StoredDocument } from '../store/store';
import type { StoredFacts } from './run-index';

/** Ids per `$in` query, so one lookup never sends an unbounded filter. */
const LOOKUP_BATCH = 1000;

async function findByIds<T extends StoredDocument>(store: Store, collection: CollectionName, ids: readonly string[], fields: readonly string[]): Promise<T[]> {
  const projection = Object.fromEntries(fields.map((field) => [field, 1 as const]));
  const found: T[] = [];
  for (let offset = 0; offset < ids.length; offset += LOOKUP_BATCH) {
    found.push(...(await store.find<T>(collection, { _id: { $in: ids.slice(offset, offset + LOOKUP_BATCH) } }, { projection })));
  }
  return found;
}

/** What validation needs to know of stored documents, read in batches with projections. */
export function storedFacts(store: Store): StoredFacts {
  return {
    existing: async (collection, ids) => new Set((await findByIds(store, collection, ids, ['_id'])).map((document) => document._id)),
    affiliations: async (ids) => new Map((await findByIds<{ _id: string; affiliationId: string | null }>(store, 'actors', ids, ['affiliationId'])).map((actor) => [actor._id, actor.affiliationId])),
    relays: async (ids) => new Map((await findByIds<{ _id: string; relayIds: string[] }>(store, 'reports', ids, ['relayIds'])).map((report) => [report._id, report.relayIds])),
    bodies: async (ids) => new Map((await findByIds<{ _id: string; body: string }>(store, 'articles', ids, ['body'])).map((article) => [article._id, article.body])),
    statementArticles: async (ids) => new Map((await findByIds<{ _id: string; articleId: string }>(store, 'statements', ids, ['articleId'])).map((statement) => [statement._id, statement.articleId])),
  };
}

/** Facts of an empty store: with --drop, the stored documents are about to go. */
export const NO_STORED_FACTS: StoredFacts = {
  existing: async () => new Set(),
  affiliations: async () => new Map(),
  relays: async () => new Map(),
  bodies: async () => new Map(),
  statementArticles: async () => new Map(),
};
