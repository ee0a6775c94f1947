import { Packr } from 'msgpackr';
import type { StoredDocument } from '../store';
import { sqlValue } from './filter-sql';
import type { CollectionLayout } from './layout';

/**
 * Documents are stored as MessagePack: Dates, nulls and nested arrays round-trip exactly, and
 * decoding is about as fast as JSON.parse without a reviver. Plain maps, not msgpackr records,
 * so every row decodes alone.
 */
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

export function encodeDocument(document: StoredDocument): Buffer {
  return packr.pack(document);
}

export function decodeDocument<T>(bytes: Uint8Array): T {
  return packr.unpack(bytes) as T;
}

/** `a.b` of a document: arrays along the way are flattened (MongoDB's reading of a path through an array). */
export function valuesAt(document: unknown, path: string): unknown[] {
  let values: unknown[] = [document];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const value of values) {
      const field = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
      if (Array.isArray(field)) next.push(...field);
      else if (field !== undefined) next.push(field);
    }
    values = next;
  }
  return values;
}

/** Separates the elements of a text list kept in one column; no word search spans it. */
const TEXT_LIST_SEPARATOR = '\u0000';

/** What a document puts in the table's own columns, in the layout's order (scalars, then text lists). */
export function columnValues(layout: CollectionLayout, document: StoredDocument): unknown[] {
  const record = document as unknown as Record<string, unknown>;
  const values = layout.scalars.map((field) => sqlValue(record[field]));
  for (const field of layout.textArrays) {
    const list = record[field];
    values.push(Array.isArray(list) ? list.filter((item) => typeof item === 'string').join(TEXT_LIST_SEPARATOR) : typeof list === 'string' ? list : null);
  }
  return values;
}

/** The distinct ids a document's array field holds (one side-table row each). */
export function multikeyValues(document: StoredDocument, field: string): string[] {
  return [...new Set(valuesAt(document, field).filter((value): value is string => typeof value === 'string'))];
}

/** The text a document gives each full-text column (lists joined by newlines). */
export function textValues(layout: CollectionLayout, document: StoredDocument): string[] {
  return Object.keys(layout.textFields).map((field) =>
    valuesAt(document, field)
      .filter((value): value is string => typeof value === 'string')
      .join('\n'),
  );
}
