/**
 * The thread that writes the embedded store's SQLite file, so serialising documents and parsing
 * input on the main thread overlap with SQLite's own work. Messages are handled in order; each
 * is answered with its sequence number once done (for a write outside a transaction: committed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { batchOfRows, rowsOfBatch } from './serialized-batch';
import { SqliteDocumentFile } from './sqlite-document-file';
import type { WriterReply, WriterRequest } from './sqlite-writer.protocol';

const port = parentPort;
if (!port) throw new Error('sqlite-writer.worker must run as a worker thread');
const { file: path } = workerData as { file: string };
const file = SqliteDocumentFile.open(path);
/** Reads answer from what is committed, so a load's own staged rows never count as stored. */
const committed = SqliteDocumentFile.openCommittedView(path);

function handle(request: WriterRequest): Omit<WriterReply, 'seq'> {
  switch (request.op) {
    case 'write':
      file.write(request.collection, rowsOfBatch(request));
      return {};
    case 'upsert':
      return { summary: file.upsert(request.collection, rowsOfBatch(request)) };
    case 'read':
      return { found: batchOfRows(committed.read(request.collection, request.ids)) };
    case 'clear':
      file.clear(request.collection);
      return {};
    case 'begin':
      file.begin();
      return {};
    case 'commit':
      file.commit();
      return {};
    case 'rollback':
      file.rollback();
      return {};
    case 'close':
      committed.close();
      file.close();
      return {};
  }
}

port.on('message', (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    reply = { seq: request.seq, ...handle(request) };
  } catch (error) {
    reply = { seq: request.seq, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, reply.found ? [reply.found.bytes] : []);
});
