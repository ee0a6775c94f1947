import type { QueryResolvers, ReportConnectionResolvers, ReportResolvers } from '../__generated__/resolvers-types';
import { assertId } from '../errors';
import { loadExisting, loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import { pageArgs } from '../statement/statement.resolvers';
import { statementOrdering } from '../statement/statement.query';
import type { ReportDocument } from './report.model';
import { reportFilter, reportOrdering } from './report.query';

export const reportQueries: Pick<QueryResolvers, 'report' | 'reports'> = {
  report: (_root, { id }, { loaders }) => loaders.reportById.load(assertId('report', id)),
  reports: (_root, args, { repositories }) => repositories.reports.page(pageArgs(args), reportFilter(args.filter), reportOrdering(args.orderBy)),
};

export const Report: ReportResolvers = {
  id: (report) => report._id,
  publisher: (report, _args, { loaders }) => loadOptional(loaders.actorById, report.publisherId),
  sources: (report, _args, { loaders }) => loadExisting(loaders.actorById, report.sourceIds),
  relays: (report, _args, { loaders }) => loadExisting(loaders.reportById, report.relayIds),
  seenBy: (report, _args, { loaders }) => loadOptional(loaders.actorById, report.seenById),
  responses: (report, args, { loaders }) => loaders.statementPagesByRespondsToReportId.load(report._id, { args: pageArgs(args), filter: {}, ordering: statementOrdering(args.orderBy) }),
  relayedBy: (report, args, { loaders }) => loaders.reportPagesByRelayId.load(report._id, { args: pageArgs(args), filter: {}, ordering: reportOrdering(args.orderBy) }),
  statements: (report, args, { loaders }) => loaders.statementPagesByViaId.load(report._id, { args: pageArgs(args), filter: {}, ordering: statementOrdering(args.orderBy) }),
};

export const ReportConnection: ReportConnectionResolvers = connectionResolvers<ReportDocument>();
