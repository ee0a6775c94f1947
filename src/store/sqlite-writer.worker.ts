/**
 * The thread that writes the embedded store's SQLite file, so serialising documents and parsing
 * input on the main thread overlap with SQLite's own work. Messages are handled in order; each
 * is answered with its sequence number once done (for a write outside a transaction: committed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteDocumentFile, type SerializedRow } from './sqlite-document-file';
import type { WriterReply, WriterRequest } from './sqlite-writer.protocol';

const port = parentPort;
if (!port) throw new Error('sqlite-writer.worker must run as a worker thread');
const file = SqliteDocumentFile.open((workerData as { file: string }).file);

function rowsOf(request: Extract<WriterRequest, { op: 'write' }>): SerializedRow[] {
  const bytes = new Uint8Array(request.bytes);
  let start = 0;
  return request.ids.map((id, index) => {
    const end = request.ends[index] as number;
    const row: SerializedRow = [id, bytes.subarray(start, end)];
    start = end;
    return row;
  });
}

port.on('message', (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    if (request.op === 'write') file.write(request.collection, rowsOf(request));
    else if (request.op === 'clear') file.clear(request.collection);
    else if (request.op === 'begin') file.begin();
    else if (request.op === 'commit') file.commit();
    else if (request.op === 'rollback') file.rollback();
    else file.close();
    reply = { seq: request.seq };
  } catch (error) {
    reply = { seq: request.seq, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
