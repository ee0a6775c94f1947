import { GraphQLError } from 'graphql';
import type { DerivationResolvers, QueryResolvers, StatementConnectionResolvers, StatementFilter, StatementResolvers } from '../__generated__/resolvers-types';
import { assertId } from '../errors';
import { loadExisting, loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import type { PageArgs } from '../pagination/keyset';
import type { Repositories } from '../repository/repositories';
import type { Filter } from '../store/store';
import type { StatementDocument } from './statement.model';
import { statementFilter, statementOrdering } from './statement.query';

/** The store filter of a StatementFilter; `viaPublisherId` costs one lookup of that publisher's reports. */
export async function resolveStatementFilter(filter: StatementFilter | null | undefined, repositories: Repositories): Promise<Filter> {
  if (filter?.viaPublisherId == null) return statementFilter(filter);
  const reportIds = await repositories.reports.idsByPublisher(assertId('actor', filter.viaPublisherId, 'filter.viaPublisherId'));
  return statementFilter(filter, reportIds);
}

/** Separates quoted fragments in `Statement.quote`: the ellipsis an article puts between cut words. */
export const QUOTE_FRAGMENT_SEPARATOR = ' … ';

/** The fragments as one string, for clients that show one quote; null when nothing is quoted. */
export function joinedQuote(quotes: readonly string[]): string | null {
  return quotes.length === 0 ? null : quotes.join(QUOTE_FRAGMENT_SEPARATOR);
}

/** The Relay arguments of a connection field. */
export function pageArgs(args: PageArgs): PageArgs {
  return { first: args.first, after: args.after, last: args.last, before: args.before };
}

export const statementQueries: Pick<QueryResolvers, 'statement' | 'statements'> = {
  statement: (_root, { id }, { loaders }) => loaders.statementById.load(assertId('statement', id)),
  statements: async (_root, args, { repositories }) => repositories.statements.page(pageArgs(args), await resolveStatementFilter(args.filter, repositories), statementOrdering(args.orderBy)),
};

export const Statement: StatementResolvers = {
  id: (statement) => statement._id,
  article: async (statement, _args, { loaders }) => {
    const article = await loaders.articleById.load(statement.articleId);
    // The loader refuses dangling references, so a missing article means damaged data: say so.
    if (!article) throw new GraphQLError(`Statement ${statement._id} refers to missing article ${statement.articleId}`);
    return article;
  },
  quote: (statement) => joinedQuote(statement.quotes),
  speakers: (statement, _args, { loaders }) => loadExisting(loaders.actorById, statement.speakerIds),
  via: (statement, _args, { loaders }) => loadOptional(loaders.reportById, statement.viaId),
  respondsTo: (statement, _args, { loaders }) => loadOptional(loaders.statementById, statement.respondsToId),
  respondsToReport: (statement, _args, { loaders }) => loadOptional(loaders.reportById, statement.respondsToReportId),
  responses: (statement, args, { loaders }) => loaders.statementPagesByRespondsToId.load(statement._id, { args: pageArgs(args), filter: {}, ordering: statementOrdering(args.orderBy) }),
};

export const Derivation: DerivationResolvers = {
  report: async (step, _args, { loaders }) => {
    const report = await loaders.reportById.load(step.reportId);
    if (!report) throw new GraphQLError(`A statement's derivation refers to missing report ${step.reportId}`);
    return report;
  },
  sources: (step, _args, { loaders }) => loadExisting(loaders.actorById, step.sourceIds),
  relays: (step, _args, { loaders }) => loadExisting(loaders.reportById, step.relayIds),
};

export const StatementConnection: StatementConnectionResolvers = connectionResolvers<StatementDocument>();
