import type { Page } from '../pagination/page';
import type { NestedQuery } from '../repository/nested-query';
import type { Repositories } from '../repository/repositories';
import type { Filter } from '../store/store';
import { loaderById, loaderByReference, loaderOfMap, type LoaderMode } from './batch';
import { loaderPerParent } from './paged-loader';

/**
 * A loader of one connection page per parent, with its own batched counts for `totalCount`:
 * every parent of a field selection is one page call, and one count call if asked for.
 */
function pagedRelation<T>(
  mode: LoaderMode,
  pages: (parentIds: readonly string[], query: NestedQuery, totalCount: (parentId: string) => Promise<number>) => Promise<Map<string, Page<T>>>,
  counts: (parentIds: readonly string[], filter: Filter) => Promise<Map<string, number>>,
) {
  const countLoader = loaderPerParent<Filter, number>(mode, counts, () => 0);
  return loaderPerParent<NestedQuery, Page<T>>(
    mode,
    (parentIds, query) => pages(parentIds, query, (parentId) => countLoader.load(parentId, query.filter)),
    (parentId) => {
      throw new Error(`No page was fetched for ${parentId}`);
    },
  );
}

/**
 * Every loader a request can use, named `<thing>By<key>`, all dispatched by the request's one
 * scheduler (or unbatched, in `{ scheduler: null }` mode, for comparison). Created per request
 * in the context factory and never shared: a shared loader would leak one caller's data to
 * another and serve stale documents.
 */
export function createLoaders(repositories: Repositories, mode: LoaderMode) {
  const { articles, statements, actors, reports } = repositories;
  return {
    articleById: loaderById(mode, (ids) => articles.byIds(ids)),
    statementById: loaderById(mode, (ids) => statements.byIds(ids)),
    actorById: loaderById(mode, (ids) => actors.byIds(ids)),
    reportById: loaderById(mode, (ids) => reports.byIds(ids)),

    statementsByArticleId: loaderByReference(mode, (ids) => statements.byArticleIds(ids), (statement) => statement.articleId),

    statementPagesBySpeakerId: pagedRelation(mode, (ids, query, total) => statements.pagesBy('speakerIds', ids, query, total), (ids, filter) => statements.countsBy('speakerIds', ids, filter)),
    statementPagesByViaId: pagedRelation(mode, (ids, query, total) => statements.pagesBy('viaId', ids, query, total), (ids, filter) => statements.countsBy('viaId', ids, filter)),
    statementPagesByRespondsToId: pagedRelation(mode, (ids, query, total) => statements.pagesBy('respondsToId', ids, query, total), (ids, filter) => statements.countsBy('respondsToId', ids, filter)),
    statementPagesByRespondsToReportId: pagedRelation(mode, (ids, query, total) => statements.pagesBy('respondsToReportId', ids, query, total), (ids, filter) => statements.countsBy('respondsToReportId', ids, filter)),
    actorPagesByAffiliationId: pagedRelation(mode, (ids, query, total) => actors.pagesByAffiliation(ids, query, total), (ids, filter) => actors.countsByAffiliation(ids, filter)),
    reportPagesByPublisherId: pagedRelation(mode, (ids, query, total) => reports.pagesBy('publisherId', ids, query, total), (ids, filter) => reports.countsBy('publisherId', ids, filter)),
    reportPagesBySourceId: pagedRelation(mode, (ids, query, total) => reports.pagesBy('sourceIds', ids, query, total), (ids, filter) => reports.countsBy('sourceIds', ids, filter)),
    reportPagesByRelayId: pagedRelation(mode, (ids, query, total) => reports.pagesBy('relayIds', ids, query, total), (ids, filter) => reports.countsBy('relayIds', ids, filter)),

    relayChainByReportId: loaderPerParent(mode, (ids, maxDepth: number) => reports.relayChains(ids, maxDepth), (reportId) => {
      throw new Error(`No relay chain was fetched for ${reportId}`);
    }),
    affiliationChainByActorId: loaderPerParent(mode, (ids, maxDepth: number) => actors.affiliationChains(ids, maxDepth), () => []),

    speakerSummaryByActorId: loaderOfMap(mode, (ids) => statements.speakerSummaries(ids), (actorId) => ({ _id: actorId, statementCount: 0, byStance: [], articles: [] })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
