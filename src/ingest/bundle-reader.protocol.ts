import type { BundleRead } from './read-bundle-file';

/** Messages between the loader and its bundle-reading threads. */
export interface ReaderRequest {
  seq: number;
  file: string;
}

/** A file read on a reader thread: its documents per collection, MessagePack-encoded, when it is usable. */
export interface PackedBundleRead extends BundleRead {
  packed: Uint8Array | undefined;
}

export type ReaderReply = { seq: number; read: PackedBundleRead; error?: undefined } | { seq: number; error: string };
