import type { Store } from '../store/store';
import { CollectionReader } from '../repository/collection-reader';
import type { NestedQuery } from '../repository/nested-query';
import type { Ordering, PageArgs } from '../pagination/keyset';
import type { Page } from '../pagination/page';
import type { Filter } from '../store/store';
import type { ActorDocument } from './actor.model';

/** The only code that queries the `actors` collection. */
export class ActorRepository {
  private readonly reader: CollectionReader<'actors'>;

  constructor(store: Store) {
    this.reader = new CollectionReader(store, 'actors');
  }

  byIds(ids: readonly string[]): Promise<ActorDocument[]> {
    return this.reader.byIds(ids);
  }

  /** Each actor's affiliation chain, nearest first, up to `maxDepth` links. */
  async affiliationChains(actorIds: readonly string[], maxDepth: number): Promise<Map<string, ActorDocument[]>> {
    const chains = await this.reader.chainsFrom(actorIds, 'affiliationId', maxDepth);
    return new Map([...chains].map(([id, { chain }]) => [id, chain.map(({ document }) => document)]));
  }

  /** Actors matching a full-text search of names and aliases, most relevant first. */
  search(text: string, limit: number, after?: Filter): Promise<Array<{ score: number; document: ActorDocument }>> {
    return this.reader.textSearch(text, limit, after);
  }

  countSearch(text: string): Promise<number> {
    return this.reader.countText(text);
  }

  page(args: PageArgs, filter: Filter, ordering: Ordering): Promise<Page<ActorDocument>> {
    return this.reader.page(args, filter, ordering);
  }

  /** A page of members for each body. */
  pagesByAffiliation(affiliationIds: readonly string[], query: NestedQuery, totalCount: (parentId: string) => Promise<number>): Promise<Map<string, Page<ActorDocument>>> {
    return this.reader.pagesByReference('affiliationId', affiliationIds, query, totalCount);
  }

  countsByAffiliation(affiliationIds: readonly string[], filter: Filter): Promise<Map<string, number>> {
    return this.reader.countsByReference('affiliationId', affiliationIds, filter);
  }
}
