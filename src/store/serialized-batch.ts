import { decodeDocument, encodeDocuments } from './document-codec';
import type { StoredDocument } from './store';
import type { SerializedBatch } from './sqlite-writer.protocol';

/** A document ready to store: its id and its bytes (see document-codec). */
export type SerializedRow = readonly [id: string, body: Uint8Array];

/** Serialises documents into one buffer, so a batch crosses to the writer thread in one move. */
export function serializeBatch(documents: readonly StoredDocument[]): SerializedBatch {
  return { ids: documents.map((document) => document._id), ...encodeDocuments(documents) };
}

/** Packs rows (serialised documents) into one batch. */
export function batchOfRows(rows: readonly SerializedRow[]): SerializedBatch {
  const bytes = new Uint8Array(rows.reduce((sum, [, body]) => sum + body.length, 0));
  const ends: number[] = [];
  let offset = 0;
  for (const [, body] of rows) {
    bytes.set(body, offset);
    offset += body.length;
    ends.push(offset);
  }
  return { ids: rows.map(([id]) => id), bytes: bytes.buffer, ends };
}

/** The rows of a batch, as views into its buffer (no copies). */
export function rowsOfBatch(batch: SerializedBatch): SerializedRow[] {
  const bytes = new Uint8Array(batch.bytes);
  let start = 0;
  return batch.ids.map((id, index) => {
    const end = batch.ends[index] as number;
    const row: SerializedRow = [id, bytes.subarray(start, end)];
    start = end;
    return row;
  });
}

/** The documents of a batch. */
export function deserializeBatch<T extends StoredDocument>(batch: SerializedBatch): T[] {
  return rowsOfBatch(batch).map(([, body]) => decodeDocument<T>(body));
}
