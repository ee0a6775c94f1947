import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { CollectionName } from '../store/collections';
import type { Store } from '../store/store';
import { BatchWriter, type LoadSummary } from './batch-writer';
import type { Bundle } from './bundle.schema';
import { parseBundleFile, readRecordsAt, readValidatedBundle, type ParsedBundle } from './parse-bundle-file';
import type { Problem } from './problem';
import { RunIndex } from './run-index';
import { NO_STORED_FACTS, storedFacts } from './stored-facts';
import { actorDocument, articleDocument, reportDocument, statementDocument } from './to-documents';

export { listBundleFiles } from './bundle-files';

export interface LoadProgress {
  phase: 'validating' | 'writing';
  filesDone: number;
  filesTotal: number;
  documents: number;
}

export interface LoadOptions {
  /** Validate and report what would change; write nothing. */
  dryRun?: boolean;
  /** Empty the collections before writing, so they hold exactly this input. */
  drop?: boolean;
  /** Called after each file of each phase. */
  onProgress?: (progress: LoadProgress) => void;
  /** Inputs up to this many bytes are parsed once and kept for writing; larger ones are read twice. */
  keepInMemoryBytes?: number;
}

export type LoadResult =
  | { ok: true; files: number; documents: number; summary: LoadSummary; dryRun: boolean; seconds: number }
  | { ok: false; files: number; problems: Problem[] };

const DEFAULT_KEEP_IN_MEMORY_BYTES = 64 * 1024 * 1024;
const COLLECTIONS: readonly CollectionName[] = ['actors', 'reports', 'articles', 'statements'];

/** A digest of a file's bytes, to be sure the second pass writes exactly what the first validated. */
function digestOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}

async function readBundle(file: string): Promise<ParsedBundle & { bytes: number; digest: string }> {
  const bytes = await fs.readFile(file);
  return { ...parseBundleFile(file, bytes.toString('utf8')), bytes: bytes.length, digest: digestOf(bytes) };
}

/** Reads a file again for the second pass, refusing it if it changed since it was validated. */
async function rereadBundle(file: string, digest: string | undefined): Promise<Bundle> {
  const bytes = await fs.readFile(file);
  if (digestOf(bytes) !== digest) throw new Error(`${file} changed while it was being loaded; the files before it were written, it and those after it were not. Run the load again.`);
  return readValidatedBundle(bytes.toString('utf8'));
}

async function readRecords(file: string, paths: readonly string[]): Promise<Map<string, unknown>> {
  return readRecordsAt(await fs.readFile(file, 'utf8'), paths);
}

/** Converts a bundle's records to stored documents, in write order; a record repeated across files only once. */
function* documentsOf(bundle: Bundle, file: string, index: RunIndex) {
  const first = (collection: CollectionName, id: string, position: number) => index.isDefinition(collection, id, file, `$.${collection}[${position}]`);
  for (const [position, actor] of bundle.actors.entries()) if (first('actors', actor.id, position)) yield ['actors', actorDocument(actor)] as const;
  for (const [position, report] of bundle.reports.entries()) if (first('reports', report.id, position)) yield ['reports', reportDocument(report)] as const;
  for (const [position, article] of bundle.articles.entries()) if (first('articles', article.id, position)) yield ['articles', articleDocument(article)] as const;
  for (const [position, statement] of bundle.statements.entries()) if (first('statements', statement.id, position)) yield ['statements', statementDocument(statement)] as const;
}

/**
 * Loads annotated bundles in two passes. The first validates every file completely (shape,
 * references, spans, cycles, duplicates) keeping only an index of ids; if anything is wrong it
 * returns every problem and writes nothing. The second upserts the documents by id in batches.
 * Small inputs are parsed once; large ones are streamed again file by file, so memory is bound
 * by the number of ids, not by the size of the input.
 */
export async function loadBundles(store: Store, files: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  const index = new RunIndex();
  const problems: Problem[] = [];
  const kept: Bundle[] = [];
  const digests: string[] = [];
  const keepLimit = options.keepInMemoryBytes ?? DEFAULT_KEEP_IN_MEMORY_BYTES;
  let keptBytes = 0;
  let keeping = true;
  let validated = 0;

  for (const [position, file] of files.entries()) {
    const { bundle, problems: fileProblems, invalidRecords, bytes, digest } = await readBundle(file);
    digests.push(digest);
    problems.push(...fileProblems);
    for (const record of invalidRecords) index.reserve(record, file);
    if (bundle) {
      index.add(file, bundle);
      validated += bundle.actors.length + bundle.reports.length + bundle.articles.length + bundle.statements.length;
      keptBytes += bytes;
      keeping = keeping && keptBytes <= keepLimit;
      if (keeping) kept.push(bundle);
      else kept.length = 0;
    }
    options.onProgress?.({ phase: 'validating', filesDone: position + 1, filesTotal: files.length, documents: validated });
  }
  // With --drop the stored documents are about to go, so references must resolve within the run.
  problems.push(...(await index.finish(options.drop ? NO_STORED_FACTS : storedFacts(store), readRecords)));
  if (problems.length > 0) return { ok: false, files: files.length, problems };

  const dryRun = Boolean(options.dryRun);
  if (options.drop && !dryRun) for (const collection of COLLECTIONS) await store.clear(collection);
  const writer = new BatchWriter(store, dryRun && !options.drop);
  let written = 0;
  for (const [position, file] of files.entries()) {
    const bundle = keeping ? (kept[position] as Bundle) : await rereadBundle(file, digests[position]);
    if (!(dryRun && options.drop)) {
      for (const [collection, document] of documentsOf(bundle, file, index)) {
        await writer.add(collection, document);
        written += 1;
      }
    }
    options.onProgress?.({ phase: 'writing', filesDone: position + 1, filesTotal: files.length, documents: written });
  }
  await writer.flushAll();
  if (dryRun && options.drop) for (const collection of COLLECTIONS) writer.summary[collection].inserted = index.count(collection);
  const documents = COLLECTIONS.reduce((sum, collection) => sum + index.count(collection), 0);
  return { ok: true, files: files.length, documents, summary: writer.summary, dryRun, seconds: (performance.now() - started) / 1000 };
}
