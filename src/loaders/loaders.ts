import type { Repositories } from '../repository/repositories';
import { loaderById, loaderByReference, type LoaderMode } from './batch';

/**
 * Every loader a request can use, named `<thing>By<key>`, all dispatched by the request's one
 * scheduler (or unbatched, in `{ scheduler: null }` mode, for comparison). Created per request in the context factory and never shared: a shared loader would leak one caller's data to another and serve
 * stale documents.
 */
export function createLoaders(repositories: Repositories, mode: LoaderMode) {
  const { articles, statements, actors, reports } = repositories;
  return {
    articleById: loaderById(mode, (ids) => articles.byIds(ids)),
    statementById: loaderById(mode, (ids) => statements.byIds(ids)),
    actorById: loaderById(mode, (ids) => actors.byIds(ids)),
    reportById: loaderById(mode, (ids) => reports.byIds(ids)),

    articlesByPublisherId: loaderByReference(mode, (ids) => articles.byPublisherIds(ids), (article) => article.publisherId),
    statementsByArticleId: loaderByReference(mode, (ids) => statements.byArticleIds(ids), (statement) => statement.articleId),
    statementsBySpeakerId: loaderByReference(mode, (ids) => statements.bySpeakerIds(ids), (statement) => statement.speakerIds),
    statementsByViaId: loaderByReference(mode, (ids) => statements.byViaIds(ids), (statement) => statement.viaId),
    statementsByRespondsToId: loaderByReference(mode, (ids) => statements.byRespondsToIds(ids), (statement) => statement.respondsToId),
    actorsByAffiliationId: loaderByReference(mode, (ids) => actors.byAffiliationIds(ids), (actor) => actor.affiliationId),
    reportsByPublisherId: loaderByReference(mode, (ids) => reports.byPublisherIds(ids), (report) => report.publisherId),
    reportsBySourceId: loaderByReference(mode, (ids) => reports.bySourceIds(ids), (report) => report.sourceIds),
    reportsByRelayId: loaderByReference(mode, (ids) => reports.byRelayIds(ids), (report) => report.relayIds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
