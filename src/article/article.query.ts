import type { ArticleFilter, ArticleOrder } from '../__generated__/resolvers-types';
import { allOf, containsText, equalsId, inRange, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import type { Filter } from '../store/store';

const ORDER_FIELDS = { PUBLISHED_AT: ['publishedAt'], TITLE: ['title'], ID: ['_id'] } as const;

/** The ordering a client asked for (newest first when unspecified). */
export function articleOrdering(order: ArticleOrder | null | undefined): Ordering {
  const field = order?.field ?? 'PUBLISHED_AT';
  return orderingBy('articles', field, ORDER_FIELDS[field], order?.direction ?? 'DESC');
}

/** The MongoDB filter of an ArticleFilter. */
export function articleFilter(filter: ArticleFilter | null | undefined): Filter {
  if (!filter) return {};
  return allOf([
    filter.publisherId == null ? undefined : equalsId('publisherId', 'actor', filter.publisherId, 'filter.publisherId'),
    filter.publishedAt == null ? undefined : inRange('publishedAt', filter.publishedAt, 'filter.publishedAt'),
    filter.titleContains == null ? undefined : containsText(['title'], filter.titleContains, 'filter.titleContains'),
  ]);
}
