import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { CollectionName } from '../store/collections';
import type { BulkLoadTarget, Store } from '../store/store';
import { BatchWriter, comparingSink, type LoadSummary } from './batch-writer';
import type { Bundle } from './bundle.schema';
import { parseBundleFile, readRecordsAt, readValidatedBundle, type ParsedBundle } from './parse-bundle-file';
import type { Problem } from './problem';
import { RunIndex } from './run-index';
import { idLookupOf, NO_STORED_FACTS, storedFacts } from './stored-facts';
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

/** Reads and parses a file; with `digest`, also fingerprints it for a second pass. */
async function readBundle(file: string, digest: boolean): Promise<ParsedBundle & { bytes: number; digest: string | undefined }> {
  const bytes = await fs.readFile(file);
  return { ...parseBundleFile(file, bytes.toString('utf8')), bytes: bytes.length, digest: digest ? digestOf(bytes) : undefined };
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

/** What the first pass leaves: the index, every problem, and per file its digest (and bundle, if kept). */
interface FirstPass {
  index: RunIndex;
  problems: Problem[];
  digests: Array<string | undefined>;
  kept: Bundle[] | undefined;
}

/**
 * Reads and validates every file, handing each valid bundle to `onBundle` while no problem has
 * been found (a staged load writes it right away). Keeps small inputs' bundles for a second pass.
 */
async function validateFiles(files: readonly string[], options: LoadOptions, onBundle?: (bundle: Bundle, file: string, index: RunIndex) => Promise<void>): Promise<FirstPass> {
  const index = new RunIndex();
  const problems: Problem[] = [];
  const digests: Array<string | undefined> = [];
  const keepLimit = onBundle ? 0 : (options.keepInMemoryBytes ?? DEFAULT_KEEP_IN_MEMORY_BYTES);
  let kept: Bundle[] | undefined = keepLimit > 0 ? [] : undefined;
  let keptBytes = 0;
  let validated = 0;
  for (const [position, file] of files.entries()) {
    // A staged load writes in this pass; only a second pass needs to know the file is unchanged.
    const { bundle, problems: fileProblems, invalidRecords, bytes, digest } = await readBundle(file, onBundle === undefined);
    digests.push(digest);
    problems.push(...fileProblems);
    for (const record of invalidRecords) index.reserve(record, file);
    if (bundle) {
      index.add(file, bundle);
      validated += bundle.actors.length + bundle.reports.length + bundle.articles.length + bundle.statements.length;
      keptBytes += bytes;
      if (kept && keptBytes <= keepLimit) kept.push(bundle);
      else kept = undefined;
      // Once anything is wrong nothing will be written: only keep validating.
      if (onBundle && problems.length === 0 && index.problems.length === 0) await onBundle(bundle, file, index);
    }
    options.onProgress?.({ phase: 'validating', filesDone: position + 1, filesTotal: files.length, documents: validated });
  }
  return { index, problems, digests, kept };
}

function totalDocuments(index: RunIndex): number {
  return COLLECTIONS.reduce((sum, collection) => sum + index.count(collection), 0);
}

/**
 * On a store with staged writes (the embedded engine): one pass. Each file is validated and its
 * documents staged in the same transaction; the run's own checks then decide between commit and
 * abort, so the load is all or nothing even if the process dies halfway.
 */
async function stagedLoad(store: BulkLoadTarget, files: readonly string[], options: LoadOptions, started: number): Promise<LoadResult> {
  const staged = store.beginStagedWrite();
  const writer = new BatchWriter((collection, documents) => staged.upsertMany(collection, documents));
  try {
    if (options.drop) for (const collection of COLLECTIONS) await staged.clear(collection);
    const { index, problems } = await validateFiles(files, options, async (bundle, file, runIndex) => {
      for (const [collection, document] of documentsOf(bundle, file, runIndex)) await writer.add(collection, document);
    });
    problems.push(...(await index.finish(options.drop ? NO_STORED_FACTS : storedFacts(store), readRecords)));
    if (problems.length > 0) {
      await writer.settle();
      await staged.abort();
      return { ok: false, files: files.length, problems };
    }
    await writer.flushAll();
    if (options.dryRun) await staged.abort();
    else await staged.commit();
    return { ok: true, files: files.length, documents: totalDocuments(index), summary: writer.summary, dryRun: Boolean(options.dryRun), seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await writer.settle();
    await staged.abort();
    throw error;
  }
}

/**
 * On other stores (MongoDB): two passes. The first validates every file keeping only an index of
 * ids; if anything is wrong nothing is written. The second upserts in batches, re-reading large
 * inputs file by file (refusing a file that changed in between) so memory is bound by the number
 * of ids, not by the size of the input.
 */
async function twoPassLoad(store: Store, files: readonly string[], options: LoadOptions, started: number): Promise<LoadResult> {
  const { index, problems, digests, kept } = await validateFiles(files, options);
  // With --drop the stored documents are about to go, so references must resolve within the run.
  problems.push(...(await index.finish(options.drop ? NO_STORED_FACTS : storedFacts(idLookupOf(store)), readRecords)));
  if (problems.length > 0) return { ok: false, files: files.length, problems };

  const dryRun = Boolean(options.dryRun);
  if (options.drop && !dryRun) for (const collection of COLLECTIONS) await store.clear(collection);
  const writer = new BatchWriter(dryRun ? comparingSink(store) : (collection, documents) => store.upsertMany(collection, documents));
  let written = 0;
  for (const [position, file] of files.entries()) {
    const bundle = kept ? (kept[position] as Bundle) : await rereadBundle(file, digests[position]);
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
  return { ok: true, files: files.length, documents: totalDocuments(index), summary: writer.summary, dryRun, seconds: (performance.now() - started) / 1000 };
}

function isBulkLoadTarget(target: Store | BulkLoadTarget): target is BulkLoadTarget {
  return 'beginStagedWrite' in target && 'findByIds' in target;
}

/**
 * Validates annotated bundles completely and, only if nothing is wrong, upserts their documents
 * by id: in one staged pass where the target supports it (the embedded engine), else in two
 * passes (MongoDB). A run with any problem writes nothing and returns every problem found.
 */
export async function loadBundles(target: Store | BulkLoadTarget, files: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  if (isBulkLoadTarget(target)) return stagedLoad(target, files, options, started);
  return twoPassLoad(target, files, options, started);
}
