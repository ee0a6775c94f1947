import { createHash } from 'node:crypto';
import type { QueryResolvers, SearchConnectionResolvers, SearchResultResolvers, SearchType } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { badUserInput } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination/cursor';
import { checkPageSize, DEFAULT_PAGE_SIZE } from '../pagination/page-size';
import type { Filter } from '../store/store';
import type { SearchHit, SearchPage, SearchResultSource } from './search.model';

const MAX_QUERY_LENGTH = 200;
/** Ties on score are broken by type (this order), then by id. */
const TYPE_ORDER: readonly SearchType[] = ['ARTICLE', 'STATEMENT', 'ACTOR'];
const TYPE_NAMES = { article: 'Article', statement: 'Statement', actor: 'Actor' } as const;

type Searcher = (text: string, limit: number, after?: Filter) => Promise<Array<{ score: number; document: SearchResultSource }>>;

function searchers({ repositories }: GatewayContext): Record<SearchType, { search: Searcher; count: (text: string) => Promise<number> }> {
  return {
    ARTICLE: { search: (...args) => repositories.articles.search(...args), count: (text) => repositories.articles.countSearch(text) },
    STATEMENT: { search: (...args) => repositories.statements.search(...args), count: (text) => repositories.statements.countSearch(text) },
    ACTOR: { search: (...args) => repositories.actors.search(...args), count: (text) => repositories.actors.countSearch(text) },
  };
}

/** Names one search (text and types), so its cursors are refused by any other. */
function orderingOf(text: string, types: readonly SearchType[]): string {
  return `search:${createHash('sha1').update(JSON.stringify([text, types])).digest('base64url').slice(0, 12)}`;
}

/** Results of `type` that come after the cursor (score, type rank, id) in relevance order. */
function afterCursor(type: SearchType, cursor: [number, number, string] | undefined): Filter | undefined {
  if (!cursor) return undefined;
  const [score, rank, id] = cursor;
  const ours = TYPE_ORDER.indexOf(type);
  if (ours > rank) return { __score: { $lte: score } };
  if (ours < rank) return { __score: { $lt: score } };
  return { $or: [{ __score: { $lt: score } }, { __score: score, _id: { $gt: id } }] };
}

/** One page of full-text results across the asked types: one query per type, merged by relevance. */
async function search(text: string, types: readonly SearchType[] | null | undefined, first: number | null | undefined, after: string | null | undefined, context: GatewayContext): Promise<SearchPage> {
  if (text.trim().length === 0 || text.length > MAX_QUERY_LENGTH) throw badUserInput('query', `text of 1 to ${MAX_QUERY_LENGTH} characters`, text);
  const size = checkPageSize(first ?? DEFAULT_PAGE_SIZE, 'first');
  const wanted = TYPE_ORDER.filter((type) => !types || types.length === 0 || types.includes(type));
  const ordering = orderingOf(text, wanted);
  const cursor = after == null ? undefined : (decodeCursor(after, ordering, 3, 'after') as [number, number, string]);
  const engines = searchers(context);
  const found = await Promise.all(
    wanted.map(async (type) => (await engines[type].search(text, size + 1, afterCursor(type, cursor))).map((hit) => ({ ...hit, rank: TYPE_ORDER.indexOf(type) }))),
  );
  const merged = found.flat().sort((a, b) => b.score - a.score || a.rank - b.rank || (a.document._id < b.document._id ? -1 : 1));
  const edges: SearchHit[] = merged.slice(0, size).map(({ score, rank, document }) => ({ cursor: encodeCursor(ordering, [score, rank, document._id]), score, node: document }));
  return {
    edges,
    hasNextPage: merged.length > size,
    hasPreviousPage: cursor !== undefined,
    totalCount: async () => (await Promise.all(wanted.map((type) => engines[type].count(text)))).reduce((sum, count) => sum + count, 0),
  };
}

export const searchQueries: Pick<QueryResolvers, 'search'> = {
  search: (_root, { query, types, first, after }, context) => search(query, types, first, after, context),
};

export const SearchConnection: SearchConnectionResolvers = {
  nodes: (page) => page.edges.map((edge) => edge.node),
  pageInfo: (page) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.edges[0]?.cursor ?? null,
    endCursor: page.edges[page.edges.length - 1]?.cursor ?? null,
  }),
  totalCount: (page) => page.totalCount(),
};

export const SearchResult: SearchResultResolvers = {
  __resolveType: (node) => TYPE_NAMES[node._id.slice(0, node._id.indexOf('/')) as keyof typeof TYPE_NAMES],
};
