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
  statements: ['articleId', 'speakerIds', 'viaId', 'respondsToId'],
  actors: ['affiliationId'],
  reports: ['publisherId', 'sourceIds', 'relayIds'],
};
