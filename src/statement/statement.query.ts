import type { StatementFilter, StatementOrder } from '../__generated__/resolvers-types';
import { allOf, anyOf, containsText, equalsId, inRange, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import type { Filter } from '../store/store';

const ORDER_FIELDS = { APPEARANCE: ['articleId', 'position'], MADE_AT: ['madeAt'], ID: ['_id'] } as const;

/** The ordering a client asked for (by article and appearance when unspecified). */
export function statementOrdering(order: StatementOrder | null | undefined): Ordering {
  const field = order?.field ?? 'APPEARANCE';
  return orderingBy('statements', field, ORDER_FIELDS[field], order?.direction);
}

/**
 * The MongoDB filter of a StatementFilter. `viaPublisherId` needs the ids of that publisher's
 * reports, which the caller looks up and passes as `viaIdsOfPublisher`.
 */
export function statementFilter(filter: StatementFilter | null | undefined, viaIdsOfPublisher?: readonly string[]): Filter {
  if (!filter) return {};
  return allOf([
    filter.articleId == null ? undefined : equalsId('articleId', 'article', filter.articleId, 'filter.articleId'),
    filter.speakerId == null ? undefined : equalsId('speakerIds', 'actor', filter.speakerId, 'filter.speakerId'),
    filter.stance == null ? undefined : anyOf('stance', filter.stance),
    filter.quoteKind == null ? undefined : anyOf('quoteKind', filter.quoteKind),
    filter.viaId == null ? undefined : equalsId('viaId', 'report', filter.viaId, 'filter.viaId'),
    viaIdsOfPublisher === undefined ? undefined : anyOf('viaId', viaIdsOfPublisher),
    filter.madeAt == null ? undefined : inRange('madeAt', filter.madeAt, 'filter.madeAt'),
    filter.textContains == null ? undefined : containsText(['claim', 'quotes'], filter.textContains, 'filter.textContains'),
  ]);
}
