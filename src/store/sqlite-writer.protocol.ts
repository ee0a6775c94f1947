/** Messages between the embedded store and its SQLite writer thread. */
export type WriterRequest =
  | { op: 'write'; seq: number; collection: string; ids: string[]; bytes: ArrayBuffer; ends: number[] }
  | { op: 'clear'; seq: number; collection: string }
  | { op: 'begin' | 'commit' | 'rollback' | 'close'; seq: number };

/** The answer to a request, by sequence number; `error` when it failed. */
export interface WriterReply {
  seq: number;
  error?: string;
}
