import type { CollectionName } from './collections';
import type { Filter, PageQuery, Pipeline } from './store';

/** The field a per-parent pipeline tags each row with: the parent it was read for. */
export const PARENT = '__parent';

/**
 * The most parents one aggregate reads for: each is a stage of its own, and MongoDB refuses
 * pipelines of more than 1,000 stages. A batch with more parents is split into several aggregates.
 */
export const PARENTS_PER_AGGREGATE = 200;

/** The documents of one parent: `field` (a scalar or an array of ids) equals or holds it, and they match `filter`. */
function ofParent(field: string, parentId: string, filter: Filter): Filter {
  const byParent = { [field]: parentId };
  return Object.keys(filter).length === 0 ? byParent : { $and: [byParent, filter] };
}

/**
 * One read per parent, in one aggregate: the collection contributes nothing (an `_id` in an
 * empty list), and each parent's `$unionWith` reads its own documents through the index that
 * begins with the reference field, tagged with the parent in `__parent`.
 */
function perParent(collection: CollectionName, parentIds: readonly string[], read: (parentId: string) => Pipeline): Pipeline {
  return [
    { $match: { _id: { $in: [] } } },
    // `$literal`: an id is data, never an expression, even one that begins with `$`.
    ...[...new Set(parentIds)].map((parentId) => ({ $unionWith: { coll: collection, pipeline: [...read(parentId), { $addFields: { [PARENT]: { $literal: parentId } } }] } })),
  ];
}

/**
 * A page per parent: each parent's read walks the index of the reference field and the ordering
 * from its start and stops after `page.limit` documents, so a parent with many documents costs what
 * its page costs. One `{ items, __parent }` row per parent with documents, `items` in page order
 * (MongoDB leaves the order of a union's rows unspecified, not that of an array pushed in order).
 */
export function pagesByReferencePipeline(collection: CollectionName, field: string, parentIds: readonly string[], page: PageQuery): Pipeline {
  return perParent(collection, parentIds, (parentId) => [
    { $match: ofParent(field, parentId, page.filter) },
    { $sort: page.sort },
    { $limit: page.limit },
    { $group: { _id: null, items: { $push: '$$ROOT' } } },
  ]);
}

/**
 * `{ __parent, count }` rows, for parents with at least one document. Each parent is counted
 * apart, so a document that lists a parent twice counts once, and a count that needs no field
 * beyond the index's reads index keys alone.
 */
export function countsByReferencePipeline(collection: CollectionName, field: string, parentIds: readonly string[], filter: Filter): Pipeline {
  return perParent(collection, parentIds, (parentId) => [{ $match: ofParent(field, parentId, filter) }, { $count: 'count' }]);
}

/** Each root with `__chain`: the documents `$graphLookup` reaches through `field`, with `__depth` (0 = linked from the root). */
export function chainsPipeline(collection: CollectionName, rootIds: readonly string[], field: string, maxDepth: number): Pipeline {
  return [
    { $match: { _id: { $in: rootIds } } },
    maxDepth > 0
      ? { $graphLookup: { from: collection, startWith: `$${field}`, connectFromField: field, connectToField: '_id', as: '__chain', maxDepth: maxDepth - 1, depthField: '__depth' } }
      : { $addFields: { __chain: [] } },
  ];
}

/** Text matches with their score as `__score`, best first, after the cursor condition when given. */
export function textSearchPipeline(search: string, limit: number, after?: Filter): Pipeline {
  return [
    { $match: { $text: { $search: search } } },
    { $addFields: { __score: { $meta: 'textScore' } } },
    ...(after ? [{ $match: after }] : []),
    { $sort: { __score: -1, _id: 1 } },
    { $limit: limit },
  ];
}

/** `{ _id: { speaker, stance, articleId }, count }` rows for the speakers. */
export function speakerTalliesPipeline(speakerIds: readonly string[]): Pipeline {
  return [
    { $match: { speakerIds: { $in: speakerIds } } },
    { $unwind: '$speakerIds' },
    { $match: { speakerIds: { $in: speakerIds } } },
    { $group: { _id: { speaker: '$speakerIds', stance: '$stance', articleId: '$articleId' }, count: { $sum: 1 } } },
  ];
}

/**
 * Statements made plus reports citing each actor (the reports collection joins in through
 * $unionWith, so it is still one round trip), with the claims whose own path cites them (their
 * derivation steps) counted beside, optionally only actors of some kinds, highest total first.
 * Run on `statements`.
 */
export function sourceCitationsPipeline(limit: number, kinds: readonly string[] | null): Pipeline {
  return [
    // Each statement and each report counts once per actor, even if it lists the actor twice.
    { $unwind: '$speakerIds' },
    { $group: { _id: { actor: '$speakerIds', statement: '$_id' } } },
    { $group: { _id: '$_id.actor', statementCount: { $sum: 1 }, reportCount: { $sum: 0 }, claimCount: { $sum: 0 } } },
    {
      $unionWith: {
        coll: 'reports',
        pipeline: [
          { $unwind: '$sourceIds' },
          { $group: { _id: { actor: '$sourceIds', report: '$_id' } } },
          { $group: { _id: '$_id.actor', statementCount: { $sum: 0 }, reportCount: { $sum: 1 }, claimCount: { $sum: 0 } } },
        ],
      },
    },
    // Claims whose own path cites the actor: each statement once, however many of its reports cite it.
    {
      $unionWith: {
        coll: 'statements',
        pipeline: [
          { $unwind: '$derivations' },
          { $unwind: '$derivations.sourceIds' },
          { $group: { _id: { actor: '$derivations.sourceIds', statement: '$_id' } } },
          { $group: { _id: '$_id.actor', statementCount: { $sum: 0 }, reportCount: { $sum: 0 }, claimCount: { $sum: 1 } } },
        ],
      },
    },
    { $group: { _id: '$_id', statementCount: { $sum: '$statementCount' }, reportCount: { $sum: '$reportCount' }, claimCount: { $sum: '$claimCount' } } },
    { $addFields: { total: { $add: ['$statementCount', '$reportCount'] } } },
    ...(kinds ? [{ $lookup: { from: 'actors', localField: '_id', foreignField: '_id', as: 'actor' } }, { $match: { 'actor.kind': { $in: kinds } } }, { $project: { actor: 0 } }] : []),
    { $sort: { total: -1, _id: 1 } },
    { $limit: limit },
  ];
}
