import type { CollectionName } from '../store/collections';
import type { Filter, Sort, Store, StoredDocument } from '../store/store';
import { decodeCursor, encodeCursor } from '../pagination/cursor';
import type { Page } from '../pagination/page';
import { pageSize } from '../pagination/page-size';

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/**
 * The reads every repository needs, each one store call: documents by id, documents whose
 * reference field holds any of some ids, and a page ordered by id.
 */
export class CollectionReader<T extends StoredDocument> {
  constructor(
    private readonly store: Store,
    private readonly collection: CollectionName,
  ) {}

  /** Documents with these ids, in no particular order; missing ids are simply absent. */
  byIds(ids: readonly string[]): Promise<T[]> {
    return this.store.find<T>(this.collection, { _id: { $in: ids } });
  }

  /** Documents whose `field` (a reference or an array of references) holds any of `ids`. */
  byReference(field: string, ids: readonly string[], sort?: Sort): Promise<T[]> {
    return this.store.find<T>(this.collection, { [field]: { $in: ids } }, sort ? { sort } : {});
  }

  /** A page of the documents matching `filter`, ordered by id, starting after the cursor. */
  async page(request: PageRequest, filter: Filter = {}): Promise<Page<T>> {
    const size = pageSize(request.first);
    const afterId = request.after == null ? undefined : decodeCursor(request.after, 'after');
    const pageFilter = afterId === undefined ? filter : { $and: [filter, { _id: { $gt: afterId } }] };
    // One extra document tells whether another page follows, without a second query.
    const found = await this.store.find<T>(this.collection, pageFilter, { sort: { _id: 1 }, limit: size + 1 });
    return {
      items: found.slice(0, size),
      hasNextPage: found.length > size,
      hasPreviousPage: afterId !== undefined,
      cursorOf: (document) => encodeCursor(document._id),
      totalCount: () => this.store.count(this.collection, filter),
    };
  }
}
