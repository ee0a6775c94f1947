import type { ActorFilter, ActorOrder } from '../__generated__/resolvers-types';
import { badUserInput } from '../errors';
import { allOf, anyOf, containsText, equalsId, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import type { Filter } from '../store/store';

const ORDER_FIELDS = { NAME: ['name'], ID: ['_id'] } as const;

/** The ordering a client asked for (by name when unspecified). */
export function actorOrdering(order: ActorOrder | null | undefined): Ordering {
  const field = order?.field ?? 'NAME';
  return orderingBy('actors', field, ORDER_FIELDS[field], order?.direction);
}

/** The MongoDB filter of an ActorFilter. */
export function actorFilter(filter: ActorFilter | null | undefined): Filter {
  if (!filter) return {};
  if (filter.country != null && !/^[A-Z]{2}$/.test(filter.country)) throw badUserInput('filter.country', 'an ISO 3166-1 alpha-2 code such as "KR"', filter.country);
  return allOf([
    filter.kind == null ? undefined : anyOf('kind', filter.kind),
    filter.named == null ? undefined : { named: filter.named },
    filter.country == null ? undefined : { country: filter.country },
    filter.affiliationId == null ? undefined : equalsId('affiliationId', 'actor', filter.affiliationId, 'filter.affiliationId'),
    filter.nameContains == null ? undefined : containsText(['name', 'aliases'], filter.nameContains, 'filter.nameContains'),
  ]);
}
