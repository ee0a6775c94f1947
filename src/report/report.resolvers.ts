import type { QueryResolvers, ReportConnectionResolvers, ReportResolvers } from '../__generated__/resolvers-types';
import { assertId } from '../errors';
import { loadExisting, loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import type { ReportDocument } from './report.model';

export const reportQueries: Pick<QueryResolvers, 'report' | 'reports'> = {
  report: (_root, { id }, { loaders }) => loaders.reportById.load(assertId('report', id)),
  reports: (_root, args, { repositories }) => repositories.reports.page(args),
};

export const Report: ReportResolvers = {
  id: (report) => report._id,
  publisher: (report, _args, { loaders }) => loadOptional(loaders.actorById, report.publisherId),
  sources: (report, _args, { loaders }) => loadExisting(loaders.actorById, report.sourceIds),
  relays: (report, _args, { loaders }) => loadExisting(loaders.reportById, report.relayIds),
  relayedBy: (report, _args, { loaders }) => loaders.reportsByRelayId.load(report._id),
  statements: (report, _args, { loaders }) => loaders.statementsByViaId.load(report._id),
};

export const ReportConnection: ReportConnectionResolvers = connectionResolvers<ReportDocument>();
