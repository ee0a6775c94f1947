/**
 * A thread that reads, parses and validates bundle files and encodes their documents, so a large
 * load uses every core: the loader keeps only the run index, the SQLite thread only writes.
 */
import { parentPort } from 'node:worker_threads';
import type { ReaderReply, ReaderRequest } from './bundle-reader.protocol';
import { readAndEncodeBundleFile } from './read-bundle-file';

const port = parentPort;
if (!port) throw new Error('bundle-reader.worker must run as a worker thread');

port.on('message', ({ seq, file }: ReaderRequest) => {
  readAndEncodeBundleFile(file).then(
    (read) => {
      const reply: ReaderReply = { seq, read };
      // The encoded documents move to the loader (and on to the SQLite thread) without copies.
      port.postMessage(reply, Object.values(read.encoded).map((batch) => batch.bytes));
    },
    (error: unknown) => port.postMessage({ seq, error: error instanceof Error ? error.message : String(error) } satisfies ReaderReply),
  );
});
