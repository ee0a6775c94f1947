import type { Repositories } from '../repository/repositories';
import { loaderById, loaderByReference } from './batch';

/**
 * Every loader a request can use, named `<thing>By<key>`. Created per request in the context
 * factory and never shared: a shared loader would leak one caller's data to another and serve
 * stale documents.
 */
export function createLoaders(repositories: Repositories) {
  const { articles, statements, actors, reports } = repositories;
  return {
    articleById: loaderById((ids) => articles.byIds(ids)),
    statementById: loaderById((ids) => statements.byIds(ids)),
    actorById: loaderById((ids) => actors.byIds(ids)),
    reportById: loaderById((ids) => reports.byIds(ids)),

    articlesByPublisherId: loaderByReference((ids) => articles.byPublisherIds(ids), (article) => article.publisherId),
    statementsByArticleId: loaderByReference((ids) => statements.byArticleIds(ids), (statement) => statement.articleId),
    statementsBySpeakerId: loaderByReference((ids) => statements.bySpeakerIds(ids), (statement) => statement.speakerIds),
    statementsByViaId: loaderByReference((ids) => statements.byViaIds(ids), (statement) => statement.viaId),
    statementsByRespondsToId: loaderByReference((ids) => statements.byRespondsToIds(ids), (statement) => statement.respondsToId),
    actorsByAffiliationId: loaderByReference((ids) => actors.byAffiliationIds(ids), (actor) => actor.affiliationId),
    reportsByPublisherId: loaderByReference((ids) => reports.byPublisherIds(ids), (report) => report.publisherId),
    reportsBySourceId: loaderByReference((ids) => reports.bySourceIds(ids), (report) => report.sourceIds),
    reportsByRelayId: loaderByReference((ids) => reports.byRelayIds(ids), (report) => report.relayIds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
