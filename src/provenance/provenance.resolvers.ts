import type { ActorResolvers, AttributionPathResolvers, ReportHopResolvers, ReportResolvers, SpeakerAffiliationResolvers, StatementResolvers } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { loadExisting } from '../loaders/load';
import { chainDepth } from './chain-depth';
import { claimPath, pathCutShort, pathOrigins, type ClaimHop } from './claim-path';
import type { AttributionPathSource } from './provenance.model';

/**
 * The statement's own path, from its via report (depth 1) to where the claim started. The
 * report-level relay chain of the via report (one $graphLookup, batched) holds every report the
 * claim's path can reach; the path is then walked in memory by the claim's own links.
 */
async function hopsOf(path: AttributionPathSource, { loaders }: GatewayContext): Promise<ClaimHop[]> {
  if (path.statement.viaId === null) return [];
  const chain = await loaders.relayChainByReportId.load(path.statement.viaId, path.maxDepth > 1 ? path.maxDepth - 1 : 0);
  const reports = new Map([chain.root, ...chain.relayed.map((hop) => hop.report)].map((report) => [report._id, report]));
  // A hop's `relays` are mostly reports of this chain: known now, so they cost no further call.
  for (const report of reports.values()) loaders.reportById.prime(report._id, report);
  return claimPath(path.statement, reports, path.maxDepth);
}

function uniqueIds(ids: Iterable<string | null>): string[] {
  return [...new Set([...ids].filter((id): id is string => id !== null))];
}

export const Statement: Pick<StatementResolvers, 'attributionPath'> = {
  attributionPath: (statement, { maxDepth }) => ({ statement, maxDepth: chainDepth(maxDepth) }),
};

export const AttributionPath: AttributionPathResolvers = {
  statement: (path) => path.statement,
  article: async (path, _args, { loaders }) => {
    const article = await loaders.articleById.load(path.statement.articleId);
    if (!article) throw new Error(`Statement ${path.statement._id} refers to missing article ${path.statement.articleId}`);
    return article;
  },
  hops: (path, _args, context) => hopsOf(path, context),
  origins: async (path, _args, context) => pathOrigins(await hopsOf(path, context)),
  originalPublishers: async (path, _args, context) => loadExisting(context.loaders.actorById, uniqueIds(pathOrigins(await hopsOf(path, context)).map((report) => report.publisherId))),
  sources: async (path, _args, context) => loadExisting(context.loaders.actorById, uniqueIds((await hopsOf(path, context)).flatMap((hop) => hop.sourceIds))),
  speakers: (path) => path.statement.speakerIds.map((actorId) => ({ actorId, maxDepth: path.maxDepth })),
  truncated: async (path, _args, context) => {
    if (path.statement.viaId !== null && pathCutShort(await hopsOf(path, context))) return true;
    for (const actorId of path.statement.speakerIds) {
      const chain = await context.loaders.affiliationChainByActorId.load(actorId, path.maxDepth);
      const last = chain[chain.length - 1];
      if (chain.length === path.maxDepth && last?.affiliationId && !chain.some((actor) => actor._id === last.affiliationId)) return true;
    }
    return false;
  },
};

export const ReportHop: ReportHopResolvers = {
  sources: (hop, _args, { loaders }) => loadExisting(loaders.actorById, hop.sourceIds),
  relays: (hop, _args, { loaders }) => loadExisting(loaders.reportById, hop.relayIds),
};

export const SpeakerAffiliation: SpeakerAffiliationResolvers = {
  actor: async (speaker, _args, { loaders }) => {
    const actor = await loaders.actorById.load(speaker.actorId);
    if (!actor) throw new Error(`A statement refers to missing actor ${speaker.actorId}`);
    return actor;
  },
  affiliationChain: (speaker, _args, { loaders }) => loaders.affiliationChainByActorId.load(speaker.actorId, speaker.maxDepth),
};

export const Report: Pick<ReportResolvers, 'relayChain'> = {
  relayChain: async (report, { maxDepth }, { loaders }) =>
    (await loaders.relayChainByReportId.load(report._id, chainDepth(maxDepth))).relayed.map((hop) => ({ ...hop, sourceIds: hop.report.sourceIds, relayIds: hop.report.relayIds })),
};

export const Actor: Pick<ActorResolvers, 'affiliationChain'> = {
  affiliationChain: (actor, { maxDepth }, { loaders }) => loaders.affiliationChainByActorId.load(actor._id, chainDepth(maxDepth)),
};
