import type { CollectionName } from '../store/collections';
import { MAX_LINKS, type Bundle, type StatementRecord } from './bundle.schema';

/** The record collections, in the order a bundle's records are indexed and written. */
export const RECORD_COLLECTIONS: readonly CollectionName[] = ['actors', 'reports', 'articles', 'statements'];

/** Where each valid record of a bundle sat in its file's array (records that failed validation leave gaps). */
export type RecordPositions = Record<CollectionName, number[]>;

/** A problem inside one record, as a path relative to it (`evidence[0].text`). */
export interface RecordProblem {
  field: string;
  message: string;
}

/** The fields that hold references, each with the collection it points into. */
export const REFERENCE_FIELDS = [
  ['affiliationId', 'actors'],
  ['publisherId', 'actors'],
  ['sourceIds', 'actors'],
  ['relayIds', 'reports'],
  ['articleId', 'articles'],
  ['speakerIds', 'actors'],
  ['viaId', 'reports'],
  ['respondsToId', 'statements'],
  ['respondsToReportId', 'reports'],
  ['seenById', 'actors'],
  // A statement's own path: `derivations[i].reportId` and the links of that step. Step reports
  // come first, so the run index knows each step's report before its links.
  ['derivations.reportId', 'reports'],
  ['derivations.sourceIds', 'actors'],
  ['derivations.relayIds', 'reports'],
] as const satisfies ReadonlyArray<readonly [string, CollectionName]>;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number][0];

/** The reference fields each collection's records may have (its schema refuses any other). */
export const REFERENCE_FIELDS_OF: Record<CollectionName, readonly ReferenceField[]> = {
  actors: ['affiliationId'],
  reports: ['publisherId', 'seenById', 'sourceIds', 'relayIds'],
  articles: ['publisherId'],
  statements: ['articleId', 'speakerIds', 'viaId', 'respondsToId', 'respondsToReportId', 'derivations.reportId', 'derivations.sourceIds', 'derivations.relayIds'],
};

/** Item numbers of a link inside a derivation step: step × LINK_SLOTS + position in its list. */
const LINK_SLOTS = 1024;
if (LINK_SLOTS <= MAX_LINKS) throw new Error('LINK_SLOTS must exceed MAX_LINKS');

/** Whether a field lives inside `derivations` steps rather than on the record itself. */
const isStepField = (name: ReferenceField): boolean => name.startsWith('derivations.');

/** Visits the references of a statement's derivation steps for one `derivations.*` field, with their item numbers. */
function forEachStepReference(steps: NonNullable<StatementRecord['derivations']>, name: ReferenceField, visit: (id: string, item: number) => void): void {
  for (let index = 0; index < steps.length; index += 1) {
    const step = steps[index] as (typeof steps)[number];
    if (name === 'derivations.reportId') {
      visit(step.reportId, index);
      continue;
    }
    const links = name === 'derivations.sourceIds' ? step.sourceIds : step.relayIds;
    for (let position = 0; position < links.length; position += 1) visit(links[position] as string, index * LINK_SLOTS + position);
  }
}

/** Per field number of REFERENCE_FIELDS, whether it is a step field. */
const STEP_FIELD: readonly boolean[] = REFERENCE_FIELDS.map(([name]) => isStepField(name));

/** The derivation step a reference of a `derivations.*` field belongs to. */
export function derivationStepOf(item: number, field: ReferenceField): number {
  return field === 'derivations.reportId' ? item : Math.floor(item / LINK_SLOTS);
}

/** The same, as numbers into REFERENCE_FIELDS, in that table's order (the order facts list references in). */
const fieldNumbers = (names: readonly ReferenceField[]): number[] => REFERENCE_FIELDS.flatMap(([name], number) => (names.includes(name) ? [number] : []));
const REFERENCE_FIELD_NUMBERS_OF: Record<CollectionName, readonly number[]> = {
  actors: fieldNumbers(REFERENCE_FIELDS_OF.actors),
  reports: fieldNumbers(REFERENCE_FIELDS_OF.reports),
  articles: fieldNumbers(REFERENCE_FIELDS_OF.articles),
  statements: fieldNumbers(REFERENCE_FIELDS_OF.statements),
};

/** The collection a reference field points into. */
export function targetOf(field: ReferenceField): CollectionName {
  return (REFERENCE_FIELDS.find(([name]) => name === field) as (typeof REFERENCE_FIELDS)[number])[1];
}

/** Numbers in `FileFacts.references` per reference: record, field, item (-1 for a single-valued field). */
export const REFERENCE_STRIDE = 3;

/**
 * What the run index needs of one file's valid records, in write order, computed where the
 * file is parsed (a worker thread, for large loads). Flat arrays of strings and numbers, not
 * records or objects per record: they cross between threads cheaply.
 */
export interface FileFacts {
  ids: string[];
  /** Per record, its collection (index into RECORD_COLLECTIONS) and its position in the file's array. */
  collections: Uint8Array;
  positions: Uint32Array;
  /** Referenced ids, one per reference, and REFERENCE_STRIDE numbers each in `referenceFacts`. */
  referenceIds: string[];
  referenceFacts: Int32Array;
  /** Evidence spans that do not match the article of the same bundle. */
  spanProblems: Array<RecordProblem & { record: number }>;
  /** Evidence of statements whose article is not in their bundle: checked later, against a stored one. */
  unplacedEvidence: Array<{ record: number; articleId: string; evidence: StatementRecord['evidence'] }>;
}

/** Facts of a file with no valid records. */
export function noFacts(): FileFacts {
  return { ids: [], collections: new Uint8Array(0), positions: new Uint32Array(0), referenceIds: [], referenceFacts: new Int32Array(0), spanProblems: [], unplacedEvidence: [] };
}

/** JSON path of a record in its file: `$.statements[3]`. */
export function recordPath(collection: CollectionName, position: number): string {
  return `$.${collection}[${position}]`;
}

/** JSON path of a reference field inside its record: `speakerIds[0]`. */
export function referencePath(field: number, item: number): string {
  const name = (REFERENCE_FIELDS[field] as (typeof REFERENCE_FIELDS)[number])[0];
  if (name === 'derivations.reportId') return `derivations[${item}].reportId`;
  if (name.startsWith('derivations.')) return `derivations[${Math.floor(item / LINK_SLOTS)}].${name.slice('derivations.'.length)}[${item % LINK_SLOTS}]`;
  return item < 0 ? name : `${name}[${item}]`;
}

/** Spans whose text is not the article body's at their offsets. */
export function checkSpans(evidence: StatementRecord['evidence'], body: string): RecordProblem[] {
  const problems: RecordProblem[] = [];
  evidence.forEach((span, index) => {
    if (span.end > body.length) {
      problems.push({ field: `evidence[${index}].end`, message: `span ends at ${span.end}, past the end of the article body (${body.length} characters)` });
      return;
    }
    // Compared in place: slicing every span of a large load makes as many strings to throw away.
    if (span.text.length === span.end - span.start && body.startsWith(span.text, span.start)) return;
    const actual = body.slice(span.start, span.end);
    problems.push({ field: `evidence[${index}].text`, message: `span text does not match the article body at ${span.start}-${span.end}: the body has ${JSON.stringify(actual)}, the span says ${JSON.stringify(span.text)}` });
  });
  return problems;
}

/** The facts of every valid record of a bundle, in index and write order. */
export function bundleFacts(bundle: Bundle, positions: RecordPositions): FileFacts {
  const bodies = new Map(bundle.articles.map((article) => [article.id, article.body]));
  const total = RECORD_COLLECTIONS.reduce((sum, collection) => sum + bundle[collection].length, 0);
  const facts: FileFacts = { ids: [], collections: new Uint8Array(total), positions: new Uint32Array(total), referenceIds: [], referenceFacts: new Int32Array(0), spanProblems: [], unplacedEvidence: [] };
  const references: number[] = [];
  RECORD_COLLECTIONS.forEach((collection, collectionNumber) => {
    const referenceFields = REFERENCE_FIELD_NUMBERS_OF[collection];
    bundle[collection].forEach((record, index) => {
      const number = facts.ids.length;
      facts.ids.push(record.id);
      facts.collections[number] = collectionNumber;
      facts.positions[number] = positions[collection][index] ?? index;
      const fields = record as Partial<Record<ReferenceField, string | string[]>>;
      for (const field of referenceFields) {
        const name = (REFERENCE_FIELDS[field] as (typeof REFERENCE_FIELDS)[number])[0];
        if (STEP_FIELD[field]) {
          // Most statements have no steps: nothing to visit, nothing allocated.
          const steps = (record as Pick<StatementRecord, 'derivations'>).derivations;
          if (steps !== undefined) {
            forEachStepReference(steps, name, (id, item) => {
              facts.referenceIds.push(id);
              references.push(number, field, item);
            });
          }
          continue;
        }
        const value = fields[name];
        if (typeof value === 'string') {
          facts.referenceIds.push(value);
          references.push(number, field, -1);
        } else if (Array.isArray(value)) {
          for (let item = 0; item < value.length; item += 1) {
            facts.referenceIds.push(value[item] as string);
            references.push(number, field, item);
          }
        }
      }
      if ('speakerIds' in record) {
        const body = bodies.get(record.articleId);
        if (body === undefined) facts.unplacedEvidence.push({ record: number, articleId: record.articleId, evidence: record.evidence });
        else for (const problem of checkSpans(record.evidence, body)) facts.spanProblems.push({ record: number, ...problem });
      }
    });
  });
  facts.referenceFacts = Int32Array.from(references);
  return facts;
}
