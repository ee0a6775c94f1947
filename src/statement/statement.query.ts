import type { StatementFilter, StatementOrder } from '../__generated__/resolvers-types';
import { allOf, anyOf, containsText, equalsId, inRange, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import { equality, range, residual, type FilterFields } from '../store/filter-fields';
import type { Filter } from '../store/store';

/** The stored fields each ordering sorts by (the id ends every ordering). */
export const STATEMENT_ORDER_FIELDS = { APPEARANCE: ['articleId', 'position'], MADE_AT: ['madeAt'], ID: ['_id'] } as const;

/** The stored field each StatementFilter field matches, and how. */
export const STATEMENT_FILTER_FIELDS = {
  articleId: equality('articleId'),
  speakerId: equality('speakerIds'),
  stance: equality('stance'),
  quoteKind: equality('quoteKind'),
  viaId: equality('viaId'),
  viaPublisherId: equality('viaId'),
  madeAt: range('madeAt'),
  textContains: residual('claim', 'quotes'),
} as const satisfies FilterFields<StatementFilter>;
const FIELDS = STATEMENT_FILTER_FIELDS;

/** The ordering a client asked for (by article and appearance when unspecified). */
export function statementOrdering(order: StatementOrder | null | undefined): Ordering {
  const field = order?.field ?? 'APPEARANCE';
  return orderingBy('statements', field, STATEMENT_ORDER_FIELDS[field], order?.direction);
}

/**
 * The MongoDB filter of a StatementFilter. `viaPublisherId` needs the ids of that publisher's
 * reports, which the caller looks up and passes as `viaIdsOfPublisher`.
 */
export function statementFilter(filter: StatementFilter | null | undefined, viaIdsOfPublisher?: readonly string[]): Filter {
  if (!filter) return {};
  return allOf([
    filter.articleId == null ? undefined : equalsId(FIELDS.articleId.field, 'article', filter.articleId, 'filter.articleId'),
    filter.speakerId == null ? undefined : equalsId(FIELDS.speakerId.field, 'actor', filter.speakerId, 'filter.speakerId'),
    filter.stance == null ? undefined : anyOf(FIELDS.stance.field, filter.stance),
    filter.quoteKind == null ? undefined : anyOf(FIELDS.quoteKind.field, filter.quoteKind),
    filter.viaId == null ? undefined : equalsId(FIELDS.viaId.field, 'report', filter.viaId, 'filter.viaId'),
    viaIdsOfPublisher === undefined ? undefined : anyOf(FIELDS.viaPublisherId.field, viaIdsOfPublisher),
    filter.madeAt == null ? undefined : inRange(FIELDS.madeAt.field, filter.madeAt, 'filter.madeAt'),
    filter.textContains == null ? undefined : containsText(FIELDS.textContains.fields, filter.textContains, 'filter.textContains'),
  ]);
}
