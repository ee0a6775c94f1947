import type { ArticleConnectionResolvers, ArticleResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { assertId } from '../errors';
import { loadExisting, loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import type { ArticleDocument } from './article.model';

export const articleQueries: Pick<QueryResolvers, 'article' | 'articles'> = {
  article: (_root, { id }, { loaders }) => loaders.articleById.load(assertId('article', id)),
  articles: (_root, args, { repositories }) => repositories.articles.page(args),
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
};

export const ArticleConnection: ArticleConnectionResolvers = connectionResolvers<ArticleDocument>();
