import type { ReportFilter, ReportOrder } from '../__generated__/resolvers-types';
import { allOf, anyOf, equalsId, inRange, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import type { Filter } from '../store/store';

const ORDER_FIELDS = { PUBLISHED_AT: ['publishedAt'], ID: ['_id'] } as const;

/** The ordering a client asked for (newest first when unspecified). */
export function reportOrdering(order: ReportOrder | null | undefined): Ordering {
  const field = order?.field ?? 'PUBLISHED_AT';
  return orderingBy('reports', field, ORDER_FIELDS[field], order?.direction ?? 'DESC');
}

/** The MongoDB filter of a ReportFilter. */
export function reportFilter(filter: ReportFilter | null | undefined): Filter {
  if (!filter) return {};
  return allOf([
    filter.kind == null ? undefined : anyOf('kind', filter.kind),
    filter.publisherId == null ? undefined : equalsId('publisherId', 'actor', filter.publisherId, 'filter.publisherId'),
    filter.publishedAt == null ? undefined : inRange('publishedAt', filter.publishedAt, 'filter.publishedAt'),
  ]);
}
