import type { EncodedBundleRead } from './read-bundle-file';

/** Messages between the loader and its bundle-reading threads. */
export interface ReaderRequest {
  seq: number;
  file: string;
}

export type ReaderReply = { seq: number; read: EncodedBundleRead; error?: undefined } | { seq: number; error: string };
