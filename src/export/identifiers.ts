/**
 * How our ids appear in the exports. Ids are already stable and readable (`actor/robert-wood`),
 * so both exports name a record by its id under one URN namespace: no http(s) IRI that would
 * suggest a live host answers for it, and the same record has the same IRI in both documents.
 */

/** Base IRI of every exported record: `urn:attribution-gateway:<id>`. */
export const RECORD_BASE_IRI = 'urn:attribution-gateway:';

/** Base IRI of the attribute and type names we coin (our kinds, stances, quote kinds). */
export const VOCABULARY_BASE_IRI = 'urn:attribution-gateway:vocabulary:';

/** The full IRI of a record, as JSON-LD `@id` wants it. */
export function recordIri(id: string): string {
  return `${RECORD_BASE_IRI}${id}`;
}
