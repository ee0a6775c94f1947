import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** Trusted documents by the hex sha256 of their text: the operations the project ships (the explorer's). */
export type PersistedDocuments = ReadonlyMap<string, string>;

/** A manifest that cannot be used: names the file and the entry. */
export class PersistedDocumentsError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'PersistedDocumentsError';
  }
}

/**
 * Reads a manifest written by graphql-codegen's client preset (`{ "sha256:<hex>": "<query text>" }`)
 * and checks each hash against its text, so a client sending the text with the hash gets the same
 * document the hash names.
 */
export function loadPersistedDocuments(file: string): PersistedDocuments {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PersistedDocumentsError(file, 'expected an object of hash -> query text');
  const documents = new Map<string, string>();
  for (const [key, text] of Object.entries(parsed)) {
    const hash = key.replace(/^sha256:/, '');
    if (typeof text !== 'string') throw new PersistedDocumentsError(file, `the entry ${key} is not query text`);
    if (sha256Hex(text) !== hash) throw new PersistedDocumentsError(file, `the entry ${key} does not hash to its key; run npm run codegen`);
    documents.set(hash, text);
  }
  return documents;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface PersistedQueryExtension {
  persistedQuery?: { sha256Hash?: unknown };
}

/**
 * Fills in the query text of a request that names a trusted document by hash only (Apollo's
 * automatic persisted queries protocol), so the document runs on the first request rather than
 * after a PERSISTED_QUERY_NOT_FOUND round trip. Anything else passes through unchanged: unknown
 * hashes still go through Apollo's own persisted-query cache.
 */
export function resolvePersistedGet(documents: PersistedDocuments, search: string): string {
  const parameters = new URLSearchParams(search);
  if (parameters.has('query')) return search;
  const text = documentFor(documents, parseJson(parameters.get('extensions')));
  if (text === undefined) return search;
  parameters.set('query', text);
  return `?${parameters.toString()}`;
}

/** The POST counterpart of resolvePersistedGet, on a parsed JSON body. */
export function resolvePersistedPost(documents: PersistedDocuments, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const request = body as { query?: unknown; extensions?: unknown };
  if (request.query !== undefined) return body;
  const text = documentFor(documents, request.extensions);
  return text === undefined ? body : { ...request, query: text };
}

function documentFor(documents: PersistedDocuments, extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const hash = (extensions as PersistedQueryExtension).persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? documents.get(hash) : undefined;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Apollo reports malformed extensions itself, with its own code.
    return undefined;
  }
}
