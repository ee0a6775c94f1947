import type { ArticleFilter, ArticleOrder } from '../__generated__/resolvers-types';
import { allOf, containsText, equalsId, inRange, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import { equality, range, residual, type FilterFields } from '../store/filter-fields';
import type { Filter } from '../store/store';

/** The stored fields each ordering sorts by (the id ends every ordering). */
export const ARTICLE_ORDER_FIELDS = { PUBLISHED_AT: ['publishedAt'], TITLE: ['title'], ID: ['_id'] } as const;

/** The stored field each ArticleFilter field matches, and how. */
export const ARTICLE_FILTER_FIELDS = {
  publisherId: equality('publisherId'),
  publishedAt: range('publishedAt'),
  titleContains: residual('title'),
} as const satisfies FilterFields<ArticleFilter>;
const FIELDS = ARTICLE_FILTER_FIELDS;

/** The ordering a client asked for (newest first when unspecified). */
export function articleOrdering(order: ArticleOrder | null | undefined): Ordering {
  const field = order?.field ?? 'PUBLISHED_AT';
  return orderingBy('articles', field, ARTICLE_ORDER_FIELDS[field], order?.direction ?? 'DESC');
}

/** The MongoDB filter of an ArticleFilter. */
export function articleFilter(filter: ArticleFilter | null | undefined): Filter {
  if (!filter) return {};
  return allOf([
    filter.publisherId == null ? undefined : equalsId(FIELDS.publisherId.field, 'actor', filter.publisherId, 'filter.publisherId'),
    filter.publishedAt == null ? undefined : inRange(FIELDS.publishedAt.field, filter.publishedAt, 'filter.publishedAt'),
    filter.titleContains == null ? undefined : containsText(FIELDS.titleContains.fields, filter.titleContains, 'filter.titleContains'),
  ]);
}
