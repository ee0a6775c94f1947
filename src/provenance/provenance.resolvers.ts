import type { ActorResolvers, AttributionPathResolvers, ReportResolvers, SpeakerAffiliationResolvers, StatementResolvers } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { loadExisting } from '../loaders/load';
import type { ReportDocument } from '../report/report.model';
import { chainDepth } from './chain-depth';
import type { AttributionPathSource, ReportHopSource } from './provenance.model';

/** The reports from the statement's via report back to the originals, nearest first (via = depth 1). */
async function hopsOf(path: AttributionPathSource, { loaders }: GatewayContext): Promise<ReportHopSource[]> {
  if (path.statement.viaId === null) return [];
  // The via report is the root of its relay chain: one $graphLookup gives both.
  const chain = await loaders.relayChainByReportId.load(path.statement.viaId, path.maxDepth > 1 ? path.maxDepth - 1 : 0);
  return [{ depth: 1, report: chain.root }, ...chain.relayed.map((hop) => ({ depth: hop.depth + 1, report: hop.report }))];
}

/** Reports whose relays were not all followed: they relay something outside the hops. */
function cutShort(hops: readonly ReportHopSource[]): boolean {
  const seen = new Set(hops.map((hop) => hop.report._id));
  return hops.some((hop) => hop.report.relayIds.some((id) => !seen.has(id)));
}

function uniqueIds(ids: Iterable<string | null>): string[] {
  return [...new Set([...ids].filter((id): id is string => id !== null))];
}

const originsOf = (hops: readonly ReportHopSource[]): ReportDocument[] => hops.filter((hop) => hop.report.relayIds.length === 0).map((hop) => hop.report);

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
  origins: async (path, _args, context) => originsOf(await hopsOf(path, context)),
  originalPublishers: async (path, _args, context) => loadExisting(context.loaders.actorById, uniqueIds(originsOf(await hopsOf(path, context)).map((report) => report.publisherId))),
  sources: async (path, _args, context) => loadExisting(context.loaders.actorById, uniqueIds((await hopsOf(path, context)).flatMap((hop) => hop.report.sourceIds))),
  speakers: (path) => path.statement.speakerIds.map((actorId) => ({ actorId, maxDepth: path.maxDepth })),
  truncated: async (path, _args, context) => {
    if (path.statement.viaId !== null && cutShort(await hopsOf(path, context))) return true;
    for (const actorId of path.statement.speakerIds) {
      const chain = await context.loaders.affiliationChainByActorId.load(actorId, path.maxDepth);
      const last = chain[chain.length - 1];
      if (chain.length === path.maxDepth && last?.affiliationId && !chain.some((actor) => actor._id === last.affiliationId)) return true;
    }
    return false;
  },
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
  relayChain: async (report, { maxDepth }, { loaders }) => (await loaders.relayChainByReportId.load(report._id, chainDepth(maxDepth))).relayed,
};

export const Actor: Pick<ActorResolvers, 'affiliationChain'> = {
  affiliationChain: (actor, { maxDepth }, { loaders }) => loaders.affiliationChainByActorId.load(actor._id, chainDepth(maxDepth)),
};
