import type { Resolvers } from '../__generated__/resolvers-types';
import { Actor, ActorConnection, ActorStats, ArticleAppearance, SourceCitation, actorQueries } from '../actor/actor.resolvers';
import { Article, ArticleConnection, SpeakerCount, articleQueries } from '../article/article.resolvers';
import { Report, ReportConnection, reportQueries } from '../report/report.resolvers';
import { Derivation, Statement, StatementConnection, statementQueries } from '../statement/statement.resolvers';
import * as provenance from '../provenance/provenance.resolvers';
import { SearchConnection, SearchResult, searchQueries } from '../search/search.resolvers';
import { DateTime } from './date-time.scalar';
import { PACKAGE_VERSION } from './package-version';

const TYPE_BY_ID_PREFIX = { article: 'Article', statement: 'Statement', actor: 'Actor', report: 'Report' } as const;

/** The resolver map of the whole schema, assembled explicitly from each domain. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    about: (_root, _args, { storeEngine }) => ({ name: 'attribution-gateway', version: PACKAGE_VERSION, storeEngine }),
    ...articleQueries,
    ...statementQueries,
    ...actorQueries,
    ...reportQueries,
    ...searchQueries,
  },
  Node: {
    // Every id starts with its collection's prefix, which names the GraphQL type.
    __resolveType: (node) => {
      const prefix = node._id.slice(0, node._id.indexOf('/')) as keyof typeof TYPE_BY_ID_PREFIX;
      return TYPE_BY_ID_PREFIX[prefix] ?? null;
    },
  },
  Article,
  ArticleConnection,
  Statement: { ...Statement, ...provenance.Statement },
  StatementConnection,
  Derivation,
  Actor: { ...Actor, ...provenance.Actor },
  ActorConnection,
  ActorStats,
  ArticleAppearance,
  SourceCitation,
  SpeakerCount,
  Report: { ...Report, ...provenance.Report },
  ReportConnection,
  AttributionPath: provenance.AttributionPath,
  ReportHop: provenance.ReportHop,
  SpeakerAffiliation: provenance.SpeakerAffiliation,
  SearchConnection,
  SearchResult,
};
