import type { ActorFilter, ActorOrder } from '../__generated__/resolvers-types';
import { badUserInput } from '../errors';
import { allOf, anyOf, containsText, equalsId, orderingBy } from '../repository/filter-parts';
import type { Ordering } from '../pagination/keyset';
import { equality, residual, type FilterFields } from '../store/filter-fields';
import type { Filter } from '../store/store';

/** The stored fields each ordering sorts by (the id ends every ordering). */
export const ACTOR_ORDER_FIELDS = { NAME: ['name'], ID: ['_id'] } as const;

/** The stored field each ActorFilter field matches, and how. */
export const ACTOR_FILTER_FIELDS = {
  kind: equality('kind'),
  named: equality('named'),
  country: equality('country'),
  affiliationId: equality('affiliationId'),
  nameContains: residual('name', 'aliases'),
} as const satisfies FilterFields<ActorFilter>;
const FIELDS = ACTOR_FILTER_FIELDS;

/** The ordering a client asked for (by name when unspecified). */
export function actorOrdering(order: ActorOrder | null | undefined): Ordering {
  const field = order?.field ?? 'NAME';
  return orderingBy('actors', field, ACTOR_ORDER_FIELDS[field], order?.direction);
}

/** The MongoDB filter of an ActorFilter. */
export function actorFilter(filter: ActorFilter | null | undefined): Filter {
  if (!filter) return {};
  if (filter.country != null && !/^[A-Z]{2}$/.test(filter.country)) throw badUserInput('filter.country', 'an ISO 3166-1 alpha-2 code such as "KR"', filter.country);
  return allOf([
    filter.kind == null ? undefined : anyOf(FIELDS.kind.field, filter.kind),
    filter.named == null ? undefined : { [FIELDS.named.field]: filter.named },
    filter.country == null ? undefined : { [FIELDS.country.field]: filter.country },
    filter.affiliationId == null ? undefined : equalsId(FIELDS.affiliationId.field, 'actor', filter.affiliationId, 'filter.affiliationId'),
    filter.nameContains == null ? undefined : containsText(FIELDS.nameContains.fields, filter.nameContains, 'filter.nameContains'),
  ]);
}
