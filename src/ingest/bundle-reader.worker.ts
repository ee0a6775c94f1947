/**
 * A thread that reads, parses and validates bundle files and turns their records into stored
 * documents, so a large load uses every core: the loader keeps only the run index and writes.
 */
import { parentPort } from 'node:worker_threads';
import { pack } from 'msgpackr';
import type { ReaderReply, ReaderRequest } from './bundle-reader.protocol';
import { readBundleDocuments } from './read-bundle-file';

const port = parentPort;
if (!port) throw new Error('bundle-reader.worker must run as a worker thread');

port.on('message', ({ seq, file }: ReaderRequest) => {
  readBundleDocuments(file).then(
    ({ documents, ...read }) => {
      // MessagePack, not structured clone: one transferable buffer, and Dates that are Dates in
      // whatever realm decodes them (structured clone makes them the main realm's).
      const packed = documents ? pack(documents) : undefined;
      port.postMessage({ seq, read: { ...read, packed } } satisfies ReaderReply, packed ? [packed.buffer as ArrayBuffer] : []);
    },
    (error: unknown) => port.postMessage({ seq, error: error instanceof Error ? error.message : String(error) } satisfies ReaderReply),
  );
});
