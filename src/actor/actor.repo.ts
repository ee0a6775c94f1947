import type { Store } from '../store/store';
import { CollectionReader, type PageRequest } from '../repository/collection-reader';
import type { Page } from '../pagination/page';
import type { ActorDocument } from './actor.model';

/** The only code that queries the `actors` collection. */
export class ActorRepository {
  private readonly reader: CollectionReader<ActorDocument>;

  constructor(store: Store) {
    this.reader = new CollectionReader(store, 'actors');
  }

  byIds(ids: readonly string[]): Promise<ActorDocument[]> {
    return this.reader.byIds(ids);
  }

  byAffiliationIds(affiliationIds: readonly string[]): Promise<ActorDocument[]> {
    return this.reader.byReference('affiliationId', affiliationIds, { name: 1, _id: 1 });
  }

  page(request: PageRequest): Promise<Page<ActorDocument>> {
    return this.reader.page(request);
  }
}
