import type { Repositories } from '../repository/repositories';
import { loaderById, loaderByReference } from './batch';
import type { BatchScheduler } from './batch-scheduler';

/**
 * Every loader a request can use, named `<thing>By<key>`, all dispatched by the request's one
 * scheduler. Created per request in the context factory and never shared: a shared loader would leak one caller's data to another and serve
 * stale documents.
 */
export function createLoaders(repositories: Repositories, scheduler: BatchScheduler) {
  const { articles, statements, actors, reports } = repositories;
  return {
    articleById: loaderById(scheduler, (ids) => articles.byIds(ids)),
    statementById: loaderById(scheduler, (ids) => statements.byIds(ids)),
    actorById: loaderById(scheduler, (ids) => actors.byIds(ids)),
    reportById: loaderById(scheduler, (ids) => reports.byIds(ids)),

    articlesByPublisherId: loaderByReference(scheduler, (ids) => articles.byPublisherIds(ids), (article) => article.publisherId),
    statementsByArticleId: loaderByReference(scheduler, (ids) => statements.byArticleIds(ids), (statement) => statement.articleId),
    statementsBySpeakerId: loaderByReference(scheduler, (ids) => statements.bySpeakerIds(ids), (statement) => statement.speakerIds),
    statementsByViaId: loaderByReference(scheduler, (ids) => statements.byViaIds(ids), (statement) => statement.viaId),
    statementsByRespondsToId: loaderByReference(scheduler, (ids) => statements.byRespondsToIds(ids), (statement) => statement.respondsToId),
    actorsByAffiliationId: loaderByReference(scheduler, (ids) => actors.byAffiliationIds(ids), (actor) => actor.affiliationId),
    reportsByPublisherId: loaderByReference(scheduler, (ids) => reports.byPublisherIds(ids), (report) => report.publisherId),
    reportsBySourceId: loaderByReference(scheduler, (ids) => reports.bySourceIds(ids), (report) => report.sourceIds),
    reportsByRelayId: loaderByReference(scheduler, (ids) => reports.byRelayIds(ids), (report) => report.relayIds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
