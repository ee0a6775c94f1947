import type { ReportFilter, ReportOrder } from '../__generated__/resolvers-types';
import { allOf, anyOf, equalsId, inRange, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import { equality, range, type FilterFields } from '../store/filter-fields';
import type { Filter } from '../store/store';

/** The stored fields each ordering sorts by (the id ends every ordering). */
export const REPORT_ORDER_FIELDS = { PUBLISHED_AT: ['publishedAt'], ID: ['_id'] } as const;

/** The stored field each ReportFilter field matches, and how. */
export const REPORT_FILTER_FIELDS = {
  kind: equality('kind'),
  publisherId: equality('publisherId'),
  publishedAt: range('publishedAt'),
} as const satisfies FilterFields<ReportFilter>;
const FIELDS = REPORT_FILTER_FIELDS;

/** The ordering a client asked for (newest first when unspecified). */
export function reportOrdering(order: ReportOrder | null | undefined): Ordering {
  const field = order?.field ?? 'PUBLISHED_AT';
  return orderingBy('reports', field, REPORT_ORDER_FIELDS[field], order?.direction ?? 'DESC');
}

/** The MongoDB filter of a ReportFilter. */
export function reportFilter(filter: ReportFilter | null | undefined): Filter {
  if (!filter) return {};
  return allOf([
    filter.kind == null ? undefined : anyOf(FIELDS.kind.field, filter.kind),
    filter.publisherId == null ? undefined : equalsId(FIELDS.publisherId.field, 'actor', filter.publisherId, 'filter.publisherId'),
    filter.publishedAt == null ? undefined : inRange(FIELDS.publishedAt.field, filter.publishedAt, 'filter.publishedAt'),
  ]);
}
