/**
 * The thread that writes the embedded store's SQLite file, so serialising documents and parsing
 * input on the main thread overlap with SQLite's own work. Messages are handled in order; each
 * is answered with its sequence number once done (for a write outside a transaction: committed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeFields } from './document-codec';
import { rowsOfBatch, serializeBatch } from './serialized-batch';
import { SqliteDocumentFile } from './sqlite-document-file';
import type { WriterReply, WriterRequest } from './sqlite-writer.protocol';
import type { StoredDocument } from './store';

const port = parentPort;
if (!port) throw new Error('sqlite-writer.worker must run as a worker thread');
const { file: path } = workerData as { file: string };
let file = SqliteDocumentFile.open(path);
/** Reads answer from what is committed, so a load's own staged rows never count as stored. */
let committed = SqliteDocumentFile.openCommittedView(path);
/**
 * A transaction begun on a store that holds nothing (a first load), or that replaces everything
 * (a load with --drop), writes a new file aside and commits by moving it into place: see
 * SqliteDocumentFile.createAside.
 */
let aside: SqliteDocumentFile | undefined;

/** Where writes go: the file being built aside, if a load is building one, else the store's file. */
const target = (): SqliteDocumentFile => aside ?? file;

function begin(replace: boolean): void {
  if (!replace && !file.isEmpty()) return file.begin();
  aside = SqliteDocumentFile.createAside(path);
  aside.begin();
}

function commit(): void {
  if (!aside) return file.commit();
  const built = aside;
  aside = undefined;
  committed.close();
  file.close();
  try {
    built.moveInto(path);
  } catch (error) {
    built.discard();
    throw error;
  } finally {
    // The new file if it moved into place, else the old one, as it was.
    file = SqliteDocumentFile.open(path, { check: false });
    committed = SqliteDocumentFile.openCommittedView(path);
  }
}

function rollback(): void {
  if (!aside) return file.rollback();
  aside.discard();
  aside = undefined;
}

/**
 * The committed documents of a collection whose `field` is, or holds, one of `values`: a scan
 * that decodes only the fields asked for. The file keeps no index on document fields; a load
 * asks this once, for the statements of the articles it re-loads.
 */
function readWhere(collection: string, field: string, values: ReadonlySet<string>, fields: ReadonlySet<string>): StoredDocument[] {
  const found: StoredDocument[] = [];
  for (const [, body] of committed.scan(collection)) {
    const document = decodeFields<StoredDocument & Record<string, unknown>>(body, fields);
    const value = document[field];
    if (Array.isArray(value) ? value.some((item) => values.has(item as string)) : values.has(value as string)) found.push(document);
  }
  return found;
}

function handle(request: WriterRequest): Omit<WriterReply, 'seq'> {
  switch (request.op) {
    case 'write':
      target().write(request.collection, rowsOfBatch(request));
      return {};
    case 'upsert':
      return { summary: target().upsert(request.collection, rowsOfBatch(request)) };
    case 'read': {
      // Projected here, the loader's thread decodes a few small fields instead of whole documents.
      const fields = new Set(request.fields);
      const found = committed.read(request.collection, request.ids).map(([, body]) => decodeFields(body, fields));
      return { found: serializeBatch(found) };
    }
    case 'readWhere':
      return { found: serializeBatch(readWhere(request.collection, request.field, new Set(request.values), new Set([...request.fields, request.field]))) };
    case 'ids':
      return { ids: committed.ids(request.collection) };
    case 'delete':
      return { deleted: target().delete(request.collection, request.ids) };
    case 'clear':
      target().clear(request.collection);
      return {};
    case 'begin':
      begin(request.replace === true);
      return {};
    case 'commit':
      commit();
      return {};
    case 'rollback':
      rollback();
      return {};
    case 'close':
      if (aside) rollback();
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
