import fs from 'node:fs/promises';
import type { CollectionName } from '../store/collections';
import type { BulkLoadTarget, Store, StoredDocument } from '../store/store';
import { BatchWriter, comparingSink, type LoadSummary } from './batch-writer';
import type { Bundle } from './bundle.schema';
import { RECORD_COLLECTIONS } from './bundle-facts';
import { BundleReaderPool } from './bundle-reader-pool';
import { parseBundleFile, readRecordsAt } from './parse-bundle-file';
import type { Problem } from './problem';
import { digestOf, documentsOfBundle, readBundleFile, type BundleRead, type DecodedBundleRead, type DocumentsBundleRead } from './read-bundle-file';
import { RunIndex } from './run-index';
import { idLookupOf, NO_STORED_FACTS, storedFacts } from './stored-facts';

export { listBundleFiles } from './bundle-files';

export interface LoadProgress {
  /**
   * `committing`: every file is in; the run's cross-file checks, then the commit (on the embedded
   * store, building the indexes), which takes a while on a large load.
   */
  phase: 'validating' | 'writing' | 'committing';
  filesDone: number;
  filesTotal: number;
  documents: number;
}

export interface LoadOptions {
  /** Validate and report what would change; write nothing. */
  dryRun?: boolean;
  /** Empty the collections before writing, so they hold exactly this input. */
  drop?: boolean;
  /** Threads reading files in parallel in a staged load of several files (default: one per core). */
  readerThreads?: number;
  /** Called after each file of each phase. */
  onProgress?: (progress: LoadProgress) => void;
  /** Inputs up to this many bytes are parsed once and kept for writing; larger ones are read twice. */
  keepInMemoryBytes?: number;
}

export type LoadResult =
  | {
      ok: true;
      files: number;
      documents: number;
      summary: LoadSummary;
      /** Stored documents the load removed (or, in a dry run, would remove): statements of re-loaded articles that the load lacks. */
      removed: Record<CollectionName, number>;
      dryRun: boolean;
      seconds: number;
    }
  | { ok: false; files: number; problems: Problem[] };

const DEFAULT_KEEP_IN_MEMORY_BYTES = 64 * 1024 * 1024;

/**
 * Reads a file again for the second pass, refusing it if it changed since it was validated (or
 * no longer resolves: a body file beside it changed).
 */
async function rereadBundle(file: string, digest: string | undefined): Promise<Bundle> {
  const bytes = await fs.readFile(file);
  const changed = () => new Error(`${file} changed while it was being loaded; the files before it were written, it and those after it were not. Run the load again.`);
  if (digestOf(bytes) !== digest) throw changed();
  const { bundle, problems } = parseBundleFile(file, bytes.toString('utf8'));
  if (!bundle || problems.length > 0) throw changed();
  return bundle;
}

async function readRecords(file: string, paths: readonly string[]): Promise<Map<string, unknown>> {
  return readRecordsAt(file, await fs.readFile(file, 'utf8'), paths);
}

/** Reads files one after another on this thread. */
async function* readInThread(files: readonly string[], digest: boolean): AsyncGenerator<DecodedBundleRead> {
  for (const file of files) yield await readBundleFile(file, { digest });
}

/** Which records of a bundle to write: per record in facts (and write) order, 1 where it is the id's first definition. */
type FirstDefinitions = Uint8Array;

/** Whether to write a record: `record` counts across the bundle in facts order, `position` within its collection's valid records. */
type IsFirstDefinition = (collection: CollectionName, document: StoredDocument, record: number, position: number) => boolean;

/** The stored documents of a bundle, in write order; a record repeated across files is written only where it is first defined. */
function* documentsToWrite(bundle: Bundle, isFirst: IsFirstDefinition): Generator<readonly [CollectionName, StoredDocument]> {
  yield* documentsInWriteOrder(documentsOfBundle(bundle), isFirst);
}

/** As `documentsToWrite`, for documents already made from the bundle (on a reader thread). */
function* documentsInWriteOrder(documents: Record<CollectionName, StoredDocument[]>, isFirst: IsFirstDefinition): Generator<readonly [CollectionName, StoredDocument]> {
  let record = 0;
  for (const collection of RECORD_COLLECTIONS) {
    for (const [position, document] of documents[collection].entries()) {
      if (isFirst(collection, document, record, position)) yield [collection, document] as const;
      record += 1;
    }
  }
}

/** What the first pass leaves: the index, every problem, and per file its digest (and bundle, if kept). */
interface FirstPass {
  index: RunIndex;
  problems: Problem[];
  digests: Array<string | undefined>;
  kept: Bundle[] | undefined;
}

/**
 * Indexes every file as it is read, handing each usable one to `onRead` while no problem has
 * been found (a staged load writes it right away). Keeps small inputs' bundles for a second pass.
 */
async function validateFiles<Read extends BundleRead & { bundle?: Bundle | undefined }>(
  reads: AsyncIterable<Read>,
  filesTotal: number,
  options: LoadOptions & { keep: boolean },
  onRead?: (read: Read, firsts: FirstDefinitions) => Promise<void>,
): Promise<FirstPass> {
  const index = new RunIndex();
  const problems: Problem[] = [];
  const digests: Array<string | undefined> = [];
  const keepLimit = options.keep ? (options.keepInMemoryBytes ?? DEFAULT_KEEP_IN_MEMORY_BYTES) : 0;
  let kept: Bundle[] | undefined = keepLimit > 0 ? [] : undefined;
  let keptBytes = 0;
  let validated = 0;
  let filesDone = 0;
  for await (const read of reads) {
    digests.push(read.digest);
    problems.push(...read.problems);
    for (const record of read.invalidRecords) index.reserve(record, read.file);
    if (read.usable) {
      const firsts = index.add(read.file, read.facts);
      validated += read.facts.ids.length;
      keptBytes += read.bytes;
      if (kept && read.bundle && keptBytes <= keepLimit) kept.push(read.bundle);
      else kept = undefined;
      // Once anything is wrong nothing will be written: only keep validating.
      if (onRead && problems.length === 0 && index.problems.length === 0) await onRead(read, firsts);
    }
    filesDone += 1;
    options.onProgress?.({ phase: 'validating', filesDone, filesTotal, documents: validated });
  }
  return { index, problems, digests, kept };
}

/** What a load removes, per collection: only statements, of the articles it loads again. */
function removedCounts(index: RunIndex): Record<CollectionName, number> {
  return { actors: 0, reports: 0, articles: 0, statements: index.removedStatementIds.length };
}

function totalDocuments(index: RunIndex): number {
  return RECORD_COLLECTIONS.reduce((sum, collection) => sum + index.count(collection), 0);
}

/**
 * On a store with staged writes (the embedded engine): one pass. Each file is validated and its
 * documents staged in the same transaction; the run's own checks then decide between commit and
 * abort, so the load is all or nothing even if the process dies halfway. Where the target takes
 * encoded documents, files are read, validated and encoded on reader threads, in parallel.
 */
async function stagedLoad(store: BulkLoadTarget, files: readonly string[], options: LoadOptions, started: number): Promise<LoadResult> {
  // With --drop the load replaces everything: the embedded engine then builds a new file aside.
  const staged = store.beginStagedWrite({ replace: options.drop === true });
  const writer = new BatchWriter((collection, documents) => staged.upsertMany(collection, documents));
  // Several files are read, validated and converted on reader threads, in parallel with the writes.
  const pool = files.length > 1 ? BundleReaderPool.start(options.readerThreads) : undefined;
  try {
    const settings = { ...options, keep: false };
    const { index, problems } = pool
      ? await validateFiles(pool.readInOrder(files), files.length, settings, async (read: DocumentsBundleRead, firsts) => {
          if (!read.documents) return;
          for (const [collection, document] of documentsInWriteOrder(read.documents, (_, __, record) => firsts[record] === 1)) await writer.add(collection, document);
        })
      : await validateFiles(readInThread(files, false), files.length, settings, async (read: DecodedBundleRead, firsts) => {
          if (!read.bundle) return;
          for (const [collection, document] of documentsToWrite(read.bundle, (_, __, record) => firsts[record] === 1)) await writer.add(collection, document);
        });
    // With every file written, the staged write knows which stored statements it changed: only
    // those can have moved to another article. Otherwise every statement of the run is checked.
    const wroteEveryFile = problems.length === 0 && index.problems.length === 0;
    if (wroteEveryFile) {
      await writer.flushAll();
      if (!options.dryRun) options.onProgress?.({ phase: 'committing', filesDone: files.length, filesTotal: files.length, documents: totalDocuments(index) });
    }
    const checks = wroteEveryFile ? { changedStatementIds: writer.updatedIds.statements } : {};
    problems.push(...(await index.finish(options.drop ? NO_STORED_FACTS : storedFacts(store), readRecords, checks)));
    if (problems.length > 0) {
      await writer.settle();
      await staged.abort();
      return { ok: false, files: files.length, problems };
    }
    if (options.dryRun) await staged.abort();
    else {
      // In the same transaction as the writes: an article and its statements change together.
      await staged.deleteMany('statements', index.removedStatementIds);
      await staged.commit();
    }
    return {
      ok: true,
      files: files.length,
      documents: totalDocuments(index),
      summary: writer.summary,
      removed: removedCounts(index),
      dryRun: Boolean(options.dryRun),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await writer.settle();
    await staged.abort();
    throw error;
  } finally {
    await pool?.close();
  }
}

/**
 * On other stores (MongoDB): two passes. The first validates every file keeping only an index of
 * ids; if anything is wrong nothing is written. The second upserts in batches, re-reading large
 * inputs file by file (refusing a file that changed in between) so memory is bound by the number
 * of ids, not by the size of the input.
 */
async function twoPassLoad(store: Store, files: readonly string[], options: LoadOptions, started: number): Promise<LoadResult> {
  const { index, problems, digests, kept } = await validateFiles(readInThread(files, true), files.length, { ...options, keep: true });
  // With --drop the stored documents are about to go, so references must resolve within the run.
  problems.push(...(await index.finish(options.drop ? NO_STORED_FACTS : storedFacts(idLookupOf(store)), readRecords)));
  if (problems.length > 0) return { ok: false, files: files.length, problems };

  const dryRun = Boolean(options.dryRun);
  if (options.drop && !dryRun) for (const collection of RECORD_COLLECTIONS) await store.clear(collection);
  const writer = new BatchWriter(dryRun ? comparingSink(store) : (collection, documents) => store.upsertMany(collection, documents));
  let written = 0;
  for (const [position, file] of files.entries()) {
    const bundle = kept ? (kept[position] as Bundle) : await rereadBundle(file, digests[position]);
    if (!(dryRun && options.drop)) {
      // A bundle written in the second pass was accepted whole: each record sits at its index.
      const isFirst: IsFirstDefinition = (collection, document, _record, position) => index.isDefinition(collection, document._id, file, position);
      for (const [collection, document] of documentsToWrite(bundle, isFirst)) {
        await writer.add(collection, document);
        written += 1;
      }
    }
    options.onProgress?.({ phase: 'writing', filesDone: position + 1, filesTotal: files.length, documents: written });
  }
  await writer.flushAll();
  // After the writes: statements of a re-loaded article are never missing, only briefly extra.
  if (!dryRun) await store.deleteMany('statements', index.removedStatementIds);
  if (dryRun && options.drop) for (const collection of RECORD_COLLECTIONS) writer.summary[collection].inserted = index.count(collection);
  return { ok: true, files: files.length, documents: totalDocuments(index), summary: writer.summary, removed: removedCounts(index), dryRun, seconds: (performance.now() - started) / 1000 };
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
