import type { ActorConnectionResolvers, ActorResolvers, ActorStatsResolvers, ArticleAppearanceResolvers, QueryResolvers, SourceCitationResolvers } from '../__generated__/resolvers-types';
import { assertId, badUserInput } from '../errors';
import { loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import { MAX_PAGE_SIZE } from '../pagination/page-size';
import { reportOrdering } from '../report/report.query';
import { pageArgs, resolveStatementFilter } from '../statement/statement.resolvers';
import { statementOrdering } from '../statement/statement.query';
import type { ActorDocument } from './actor.model';
import { actorFilter, actorOrdering } from './actor.query';

/** A `first` argument of a plain list, checked against the page-size limit. */
function listSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput('first', `an integer from 1 to ${MAX_PAGE_SIZE}`, first);
  return size;
}

export const actorQueries: Pick<QueryResolvers, 'actor' | 'actors' | 'mostCitedSources'> = {
  actor: (_root, { id }, { loaders }) => loaders.actorById.load(assertId('actor', id)),
  actors: (_root, args, { repositories }) => repositories.actors.page(pageArgs(args), actorFilter(args.filter), actorOrdering(args.orderBy)),
  mostCitedSources: (_root, args, { repositories }) => repositories.statements.sourceCitations(listSize(args.first, 10), args.kind ?? null),
};

export const Actor: ActorResolvers = {
  id: (actor) => actor._id,
  affiliation: (actor, _args, { loaders }) => loadOptional(loaders.actorById, actor.affiliationId),
  members: (actor, args, { loaders }) => loaders.actorPagesByAffiliationId.load(actor._id, { args: pageArgs(args), filter: {}, ordering: actorOrdering(args.orderBy) }),
  statements: async (actor, args, { loaders, repositories }) =>
    loaders.statementPagesBySpeakerId.load(actor._id, { args: pageArgs(args), filter: await resolveStatementFilter(args.filter, repositories), ordering: statementOrdering(args.orderBy) }),
  reportsPublished: (actor, args, { loaders }) => loaders.reportPagesByPublisherId.load(actor._id, { args: pageArgs(args), filter: {}, ordering: reportOrdering(args.orderBy) }),
  citedBy: (actor, args, { loaders }) => loaders.reportPagesBySourceId.load(actor._id, { args: pageArgs(args), filter: {}, ordering: reportOrdering(args.orderBy) }),
  stats: (actor, _args, { loaders }) => loaders.speakerSummaryByActorId.load(actor._id),
};

export const ActorStats: ActorStatsResolvers = {
  articleCount: (summary) => summary.articles.length,
  articles: (summary, { first }) => summary.articles.slice(0, listSize(first, 10)),
};

export const ArticleAppearance: ArticleAppearanceResolvers = {
  article: async (appearance, _args, { loaders }) => {
    const article = await loaders.articleById.load(appearance.articleId);
    if (!article) throw new Error(`A statement refers to missing article ${appearance.articleId}`);
    return article;
  },
  statementCount: (appearance) => appearance.count,
};

export const SourceCitation: SourceCitationResolvers = {
  actor: async (citation, _args, { loaders }) => {
    const actor = await loaders.actorById.load(citation._id);
    if (!actor) throw new Error(`A statement or report refers to missing actor ${citation._id}`);
    return actor;
  },
};

export const ActorConnection: ActorConnectionResolvers = connectionResolvers<ActorDocument>();
