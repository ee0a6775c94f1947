import { GraphQLError } from 'graphql';
import type { QueryResolvers, StatementConnectionResolvers, StatementResolvers } from '../__generated__/resolvers-types';
import { assertId } from '../errors';
import { loadExisting, loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import type { StatementDocument } from './statement.model';

export const statementQueries: Pick<QueryResolvers, 'statement' | 'statements'> = {
  statement: (_root, { id }, { loaders }) => loaders.statementById.load(assertId('statement', id)),
  statements: (_root, args, { repositories }) => repositories.statements.page(args),
};

export const Statement: StatementResolvers = {
  id: (statement) => statement._id,
  article: async (statement, _args, { loaders }) => {
    const article = await loaders.articleById.load(statement.articleId);
    // The loader refuses dangling references, so a missing article means damaged data: say so.
    if (!article) throw new GraphQLError(`Statement ${statement._id} refers to missing article ${statement.articleId}`);
    return article;
  },
  speakers: (statement, _args, { loaders }) => loadExisting(loaders.actorById, statement.speakerIds),
  via: (statement, _args, { loaders }) => loadOptional(loaders.reportById, statement.viaId),
  respondsTo: (statement, _args, { loaders }) => loadOptional(loaders.statementById, statement.respondsToId),
  responses: (statement, _args, { loaders }) => loaders.statementsByRespondsToId.load(statement._id),
};

export const StatementConnection: StatementConnectionResolvers = connectionResolvers<StatementDocument>();
