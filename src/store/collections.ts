/** The four collections of the attribution graph and the fields each is indexed on. */

export const COLLECTION_NAMES = ['articles', 'statements', 'actors', 'reports'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

/**
 * Reference fields of each collection. Both engines index every one of them (MongoDB with
 * ordinary, multikey where the field is an array, indexes; the embedded engine with hash
 * indexes), so reverse relations and `$in` batches never scan a collection.
 */
export const REFERENCE_FIELDS: Readonly<Record<CollectionName, readonly string[]>> = {
  articles: ['publisherId'],
  statements: ['articleId', 'speakerIds', 'viaId', 'respondsToId', 'respondsToReportId'],
  actors: ['affiliationId'],
  reports: ['publisherId', 'sourceIds', 'relayIds'],
};

/**
 * Closed-vocabulary fields that list filters select on (stance, kinds, country). Indexed like
 * references, so `statements(filter: { stance: [DENIES] })` reads the denials, not every statement.
 */
export const FILTER_FIELDS: Readonly<Record<CollectionName, readonly string[]>> = {
  articles: [],
  statements: ['stance', 'quoteKind'],
  actors: ['kind', 'country'],
  reports: ['kind'],
};

/** Every field a collection has an equality index on. */
export function indexedFields(collection: CollectionName): readonly string[] {
  return [...REFERENCE_FIELDS[collection], ...FILTER_FIELDS[collection]];
}

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
