import type { StagedUpsertSummary } from './store';

/** Documents of one collection as bytes: one buffer (moved, not copied) and where each ends. */
export interface SerializedBatch {
  ids: string[];
  bytes: ArrayBuffer;
  ends: number[];
}

/** Messages between the embedded store and its SQLite writer thread. */
export type WriterRequest =
  /** Stores documents the caller already knows changed. */
  | ({ op: 'write'; seq: number; collection: string } & SerializedBatch)
  /** Stores documents, comparing each with the stored one: the reply counts what changed. */
  | ({ op: 'upsert'; seq: number; collection: string } & SerializedBatch)
  /** Reads the committed documents among `ids` (not what an open transaction staged): `_id` and `fields` of each. */
  | { op: 'read'; seq: number; collection: string; ids: string[]; fields: string[] }
  /** As `read`, for the committed documents whose `field` is (or, as an array, holds) one of `values`. */
  | { op: 'readWhere'; seq: number; collection: string; field: string; values: string[]; fields: string[] }
  /** Every committed id of a collection. */
  | { op: 'ids'; seq: number; collection: string }
  /** Deletes the documents among `ids`: the reply counts how many there were. */
  | { op: 'delete'; seq: number; collection: string; ids: string[] }
  | { op: 'clear'; seq: number; collection: string }
  /** Opens a transaction; `replace`: what it stages replaces everything stored (the file is built aside). */
  | { op: 'begin'; seq: number; replace?: boolean }
  | { op: 'commit' | 'rollback' | 'close'; seq: number };

/** The answer to a request, by sequence number; `error` when it failed. */
export interface WriterReply {
  seq: number;
  error?: string;
  /** For `upsert`. */
  summary?: StagedUpsertSummary;
  /** For `ids`. */
  ids?: string[];
  /** For `delete`. */
  deleted?: number;
  /** For `read` and `readWhere`: the documents found. */
  found?: SerializedBatch;
}
