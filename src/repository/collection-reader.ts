import type { CollectionName } from '../store/collections';
import type { DocumentOf, Filter, Sort, Store } from '../store/store';
import { pageReads, planPage, toPage, type Ordering, type PageArgs } from '../pagination/keyset';
import type { Page } from '../pagination/page';

/**
 * The reads every repository needs, each one store call: documents by id, documents whose
 * reference field holds any of some ids, a page of a filtered list, a page per parent for
 * many parents at once, and counts.
 */
export class CollectionReader<C extends CollectionName> {
  constructor(
    private readonly store: Store,
    private readonly collection: C,
  ) {}

  /** Documents with these ids, in no particular order; missing ids are simply absent. */
  byIds(ids: readonly string[]): Promise<Array<DocumentOf<C>>> {
    return this.store.find(this.collection, { _id: { $in: ids } });
  }

  /** Documents whose `field` (a reference or an array of references) holds any of `ids`. */
  byReference(field: string, ids: readonly string[], sort?: Sort): Promise<Array<DocumentOf<C>>> {
    return this.store.find(this.collection, { [field]: { $in: ids } }, sort ? { sort } : {});
  }

  /** One page of the documents matching `filter`, in `ordering`. */
  async page(args: PageArgs, filter: Filter, ordering: Ordering): Promise<Page<DocumentOf<C>>> {
    const plan = planPage(args, ordering);
    // One read, or, past a descending cursor, a second for the key's nulls if the first falls short.
    const fetched: Array<DocumentOf<C>> = [];
    for (const read of pageReads(filter, plan)) {
      fetched.push(...(await this.store.find(this.collection, read, { sort: plan.sort, limit: plan.size + 1 - fetched.length })));
      if (fetched.length > plan.size) break;
    }
    return toPage(plan, fetched, () => this.store.count(this.collection, filter));
  }

  /**
   * One page for each parent: the documents whose reference `field` holds the parent's id,
   * matching `filter`, in `ordering`, after or before the same cursor. One store call, or,
   * past a descending cursor, a second for the key's nulls, only for the parents the first
   * left short: at most two, however many parents.
   */
  async pagesByReference(
    field: string,
    parentIds: readonly string[],
    query: { args: PageArgs; filter: Filter; ordering: Ordering },
    totalCount: (parentId: string) => Promise<number>,
  ): Promise<Map<string, Page<DocumentOf<C>>>> {
    const { args, filter, ordering } = query;
    const plan = planPage(args, ordering);
    const fetched = new Map<string, Array<DocumentOf<C>>>(parentIds.map((parentId) => [parentId, []]));
    let short = [...fetched.keys()];
    for (const read of pageReads(filter, plan)) {
      if (short.length === 0) break;
      const found = await this.store.pagesByReference(this.collection, field, short, { filter: read, sort: plan.sort, limit: plan.size + 1 });
      for (const [parentId, documents] of found) fetched.get(parentId)?.push(...documents);
      short = short.filter((parentId) => (fetched.get(parentId)?.length ?? 0) <= plan.size);
    }
    return new Map(parentIds.map((parentId) => [parentId, toPage(plan, fetched.get(parentId) ?? [], () => totalCount(parentId))]));
  }

  /** How many documents matching `filter` reference each parent, in one store call. */
  countsByReference(field: string, parentIds: readonly string[], filter: Filter): Promise<Map<string, number>> {
    return this.store.countsByReference(this.collection, field, parentIds, filter);
  }

  /**
   * Each root with the documents reachable from it by following `field` (ids of documents of
   * this collection) up to `maxDepth` links, with their depth (1 = linked from the root): one
   * store call whatever the depth; each document comes once, so cycles end.
   */
  async chainsFrom(rootIds: readonly string[], field: string, maxDepth: number): Promise<Map<string, { root: DocumentOf<C>; chain: Array<{ depth: number; document: DocumentOf<C> }> }>> {
    const chains = await this.store.chains(this.collection, rootIds, field, maxDepth);
    return new Map(chains.map((entry) => [entry.root._id, entry]));
  }

  /**
   * Documents matching a full-text search, most relevant first (ties by id), with their score,
   * at most `limit`, only those `after` a cursor condition on `__score` and `_id` when given.
   */
  textSearch(search: string, limit: number, after?: Filter): Promise<Array<{ score: number; document: DocumentOf<C> }>> {
    return this.store.textSearch(this.collection, search, limit, after);
  }

  /** Number of documents matching a full-text search. */
  countText(search: string): Promise<number> {
    return this.store.count(this.collection, { $text: { $search: search } });
  }

  /** Number of documents matching `filter`. */
  count(filter: Filter): Promise<number> {
    return this.store.count(this.collection, filter);
  }
}
