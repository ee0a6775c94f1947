/** The four collections of the attribution graph, their reference fields and their text-indexed fields. */

export const COLLECTION_NAMES = ['articles', 'statements', 'actors', 'reports'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

/**
 * Reference fields of each collection: the fields nested connections hang from. The index plan
 * (`index-plan.ts`) puts each first in an index, so reverse relations and `$in` batches never
 * scan a collection.
 */
export const REFERENCE_FIELDS: Readonly<Record<CollectionName, readonly string[]>> = {
  articles: ['publisherId'],
  statements: ['articleId', 'speakerIds', 'viaId', 'respondsToId', 'respondsToReportId'],
  actors: ['affiliationId'],
  reports: ['publisherId', 'sourceIds', 'relayIds'],
};

/**
 * The text-indexed fields of each collection, with their weights: what `$text` searches and how
 * much a match in each field counts towards `{ $meta: 'textScore' }`. MongoDB gets one text
 * index per collection with these weights; the embedded engine an inverted index per collection.
 */
export const TEXT_INDEX_FIELDS: Readonly<Record<CollectionName, Readonly<Record<string, number>>>> = {
  articles: { title: 10, body: 1 },
  statements: { claim: 5, quotes: 5 },
  actors: { name: 10, aliases: 10 },
  reports: { title: 5, summary: 1 },
};
