import type { CollectionName } from './collections';
import type { Filter, PageQuery, Pipeline } from './store';

/** The field a pipeline copies the requested parent id into, one row per (document, parent). */
export const PARENT = '__parent';

function referencing(field: string, parentIds: readonly string[], filter: Filter): Filter {
  const byParent = { [field]: { $in: parentIds } };
  return Object.keys(filter).length === 0 ? byParent : { $and: [byParent, filter] };
}

/** One row per (document, requested parent): array references are unwound, others copied. */
function onePerParent(field: string, parentIds: readonly string[]): Pipeline {
  return [{ $addFields: { [PARENT]: `$${field}` } }, { $unwind: `$${PARENT}` }, { $match: { [PARENT]: { $in: parentIds } } }];
}

/** A page per parent in one aggregation: `{ _id: parentId, items }` rows. */
export function pagesByReferencePipeline(field: string, parentIds: readonly string[], page: PageQuery): Pipeline {
  return [
    { $match: referencing(field, parentIds, page.filter) },
    ...onePerParent(field, parentIds),
    { $group: { _id: `$${PARENT}`, items: { $topN: { n: page.limit, sortBy: page.sort, output: '$$ROOT' } } } },
  ];
}

/** `{ _id: parentId, count }` rows. */
export function countsByReferencePipeline(field: string, parentIds: readonly string[], filter: Filter): Pipeline {
  return [{ $match: referencing(field, parentIds, filter) }, ...onePerParent(field, parentIds), { $group: { _id: `$${PARENT}`, count: { $sum: 1 } } }];
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
