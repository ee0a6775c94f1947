import type { CollectionName } from '../store/collections';
import type { Filter, Pipeline, Sort, Store, StoredDocument } from '../store/store';
import { planPage, toPage, withCursor, type Ordering, type PageArgs } from '../pagination/keyset';
import type { Page } from '../pagination/page';

const PARENT = '__parent';

/**
 * The reads every repository needs, each one store call: documents by id, documents whose
 * reference field holds any of some ids, a page of a filtered list, a page per parent for
 * many parents at once, and counts.
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

  /** One page of the documents matching `filter`, in `ordering`. */
  async page(args: PageArgs, filter: Filter, ordering: Ordering): Promise<Page<T>> {
    const plan = planPage(args, ordering);
    const fetched = await this.store.find<T>(this.collection, withCursor(filter, plan), { sort: plan.sort, limit: plan.size + 1 });
    return toPage(plan, fetched, () => this.store.count(this.collection, filter));
  }

  /**
   * One page for each parent, all in one aggregation: the documents whose reference `field`
   * holds the parent's id, matching `filter`, in `ordering`, after or before the same cursor.
   */
  async pagesByReference(
    field: string,
    parentIds: readonly string[],
    query: { args: PageArgs; filter: Filter; ordering: Ordering },
    totalCount: (parentId: string) => Promise<number>,
  ): Promise<Map<string, Page<T>>> {
    const { args, filter, ordering } = query;
    const plan = planPage(args, ordering);
    const pipeline: Pipeline = [
      { $match: withCursor(this.referencing(field, parentIds, filter), plan) },
      ...this.onePerParent(field, parentIds),
      { $group: { _id: `$${PARENT}`, items: { $topN: { n: plan.size + 1, sortBy: plan.sort, output: '$$ROOT' } } } },
    ];
    const groups = await this.store.aggregate<{ _id: string; items: Array<T & { [PARENT]?: string }> }>(this.collection, pipeline);
    const pages = new Map<string, Page<T>>();
    const countsFor = (parentId: string) => () => totalCount(parentId);
    for (const group of groups) {
      const items = group.items.map(({ [PARENT]: _parent, ...document }) => document as unknown as T);
      pages.set(group._id, toPage(plan, items, countsFor(group._id)));
    }
    for (const parentId of parentIds) if (!pages.has(parentId)) pages.set(parentId, toPage<T>(plan, [], countsFor(parentId)));
    return pages;
  }

  /** How many documents matching `filter` reference each parent, in one aggregation. */
  async countsByReference(field: string, parentIds: readonly string[], filter: Filter): Promise<Map<string, number>> {
    const groups = await this.store.aggregate<{ _id: string; count: number }>(this.collection, [
      { $match: this.referencing(field, parentIds, filter) },
      ...this.onePerParent(field, parentIds),
      { $group: { _id: `$${PARENT}`, count: { $sum: 1 } } },
    ]);
    return new Map(groups.map((group) => [group._id, group.count]));
  }

  /**
   * Each root with the documents reachable from it by following `field` (ids of documents of
   * this collection) up to `maxDepth` links, with their depth (1 = linked from the root): one
   * `$graphLookup`, so one round trip whatever the depth; each document comes once, so cycles end.
   */
  async chainsFrom(rootIds: readonly string[], field: string, maxDepth: number): Promise<Map<string, { root: T; chain: Array<{ depth: number; document: T }> }>> {
    const rows = await this.store.aggregate<T & { __chain: Array<T & { __depth: number }> }>(this.collection, [
      { $match: { _id: { $in: rootIds } } },
      maxDepth > 0
        ? { $graphLookup: { from: this.collection, startWith: `$${field}`, connectFromField: field, connectToField: '_id', as: '__chain', maxDepth: maxDepth - 1, depthField: '__depth' } }
        : { $addFields: { __chain: [] } },
    ]);
    const chains = new Map<string, { root: T; chain: Array<{ depth: number; document: T }> }>();
    for (const { __chain, ...root } of rows) {
      // A loop back to the root reaches the root itself; it is the start, not a hop.
      const chain = __chain
        .filter((document) => document._id !== root._id)
        .map(({ __depth, ...document }) => ({ depth: Number(__depth) + 1, document: document as unknown as T }))
        .sort((a, b) => a.depth - b.depth || (a.document._id < b.document._id ? -1 : 1));
      chains.set(root._id, { root: root as unknown as T, chain });
    }
    return chains;
  }

  /**
   * Documents matching a full-text search, most relevant first (ties by id), with their score,
   * at most `limit`, only those `after` a cursor condition on `score` and `_id` when given.
   */
  async textSearch(search: string, limit: number, after?: Filter): Promise<Array<{ score: number; document: T }>> {
    const rows = await this.store.aggregate<T & { __score: number }>(this.collection, [
      { $match: { $text: { $search: search } } },
      { $addFields: { __score: { $meta: 'textScore' } } },
      ...(after ? [{ $match: after }] : []),
      { $sort: { __score: -1, _id: 1 } },
      { $limit: limit },
    ]);
    return rows.map(({ __score, ...document }) => ({ score: __score, document: document as unknown as T }));
  }

  /** Number of documents matching a full-text search. */
  countText(search: string): Promise<number> {
    return this.store.count(this.collection, { $text: { $search: search } });
  }

  /** The result of an aggregation over this collection. */
  aggregate<R>(pipeline: Pipeline): Promise<R[]> {
    return this.store.aggregate<R>(this.collection, pipeline);
  }

  /** Number of documents matching `filter`. */
  count(filter: Filter): Promise<number> {
    return this.store.count(this.collection, filter);
  }

  private referencing(field: string, parentIds: readonly string[], filter: Filter): Filter {
    const byParent = { [field]: { $in: parentIds } };
    return Object.keys(filter).length === 0 ? byParent : { $and: [byParent, filter] };
  }

  /** One row per (document, requested parent): array references are unwound, others copied. */
  private onePerParent(field: string, parentIds: readonly string[]): Pipeline {
    return [{ $addFields: { [PARENT]: `$${field}` } }, { $unwind: `$${PARENT}` }, { $match: { [PARENT]: { $in: parentIds } } }];
  }
}
