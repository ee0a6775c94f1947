import type { Ordering, PageArgs } from '../pagination/keyset';
import type { Filter } from '../store/store';

/** What a nested connection asks for, the same for every parent of one field selection. */
export interface NestedQuery {
  args: PageArgs;
  filter: Filter;
  ordering: Ordering;
}
