import type { ArticleConnectionResolvers, ArticleResolvers, QueryResolvers, SpeakerCountResolvers } from '../__generated__/resolvers-types';
import { assertId } from '../errors';
import { loadExisting, loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import { pageArgs } from '../statement/statement.resolvers';
import { articleStatementStats } from '../statement/statement-stats';
import type { ArticleDocument } from './article.model';
import { articleFilter, articleOrdering } from './article.query';

export const articleQueries: Pick<QueryResolvers, 'article' | 'articles'> = {
  article: (_root, { id }, { loaders }) => loaders.articleById.load(assertId('article', id)),
  articles: (_root, args, { repositories }) => repositories.articles.page(pageArgs(args), articleFilter(args.filter), articleOrdering(args.orderBy)),
};

export const Article: ArticleResolvers = {
  id: (article) => article._id,
  publisher: (article, _args, { loaders }) => loadOptional(loaders.actorById, article.publisherId),
  statements: (article, _args, { loaders }) => loaders.statementsByArticleId.load(article._id),
  reports: async (article, _args, { loaders }) => {
    const statements = await loaders.statementsByArticleId.load(article._id);
    const viaIds = new Set<string>();
    for (const statement of statements) if (statement.viaId !== null) viaIds.add(statement.viaId);
    return loadExisting(loaders.reportById, [...viaIds]);
  },
  // Counted from the statements the article already loads: no extra store call.
  stats: async (article, _args, { loaders }) => articleStatementStats(await loaders.statementsByArticleId.load(article._id)),
};

export const SpeakerCount: SpeakerCountResolvers = {
  actor: async (entry, _args, { loaders }) => {
    const actor = await loaders.actorById.load(entry.actorId);
    if (!actor) throw new Error(`A statement refers to missing actor ${entry.actorId}`);
    return actor;
  },
};

export const ArticleConnection: ArticleConnectionResolvers = connectionResolvers<ArticleDocument>();
