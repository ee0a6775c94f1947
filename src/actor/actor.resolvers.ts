import type { ActorConnectionResolvers, ActorResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { assertId } from '../errors';
import { loadOptional } from '../loaders/load';
import { connectionResolvers } from '../pagination/connection.resolvers';
import type { ActorDocument } from './actor.model';

export const actorQueries: Pick<QueryResolvers, 'actor' | 'actors'> = {
  actor: (_root, { id }, { loaders }) => loaders.actorById.load(assertId('actor', id)),
  actors: (_root, args, { repositories }) => repositories.actors.page(args),
};

export const Actor: ActorResolvers = {
  id: (actor) => actor._id,
  affiliation: (actor, _args, { loaders }) => loadOptional(loaders.actorById, actor.affiliationId),
  members: (actor, _args, { loaders }) => loaders.actorsByAffiliationId.load(actor._id),
  statements: (actor, _args, { loaders }) => loaders.statementsBySpeakerId.load(actor._id),
  reportsPublished: (actor, _args, { loaders }) => loaders.reportsByPublisherId.load(actor._id),
  citedBy: (actor, _args, { loaders }) => loaders.reportsBySourceId.load(actor._id),
};

export const ActorConnection: ActorConnectionResolvers = connectionResolvers<ActorDocument>();
