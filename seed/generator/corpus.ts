import type { BundleInput } from '../../src/ingest/bundle.schema';

/** A generated bundle: the four arrays, always present; records as written (defaults left to the loader). */
export type Bundle = { [K in 'actors' | 'reports' | 'articles' | 'statements']-?: NonNullable<BundleInput[K]> };
import { actorPoolSize, buildActorPool } from './actor-pool';
import { generateArticle } from './article';

/** What a corpus is a pure function of: same options, byte-identical files. */
export interface CorpusOptions {
  /** Number of articles (at least 1). */
  articles: number;
  /** Any integer from 0 to 2^32 - 1. */
  seed: number;
  /** Articles per bundle file; defaults to 100. */
  perFile?: number;
}

/** One file of the corpus: its name within the output folder and its bundle. */
export interface CorpusFile {
  file: string;
  bundle: Bundle;
}

/** The file holding the shared actors, which every other file refers to. */
export const ACTORS_FILE = 'actors.json';
/** Articles per bundle file when `perFile` is not given. */
export const DEFAULT_PER_FILE = 100;

/** Number of bundle files (besides the actors file) a corpus is written as. */
export function bundleFileCount(options: CorpusOptions): number {
  return Math.ceil(options.articles / (options.perFile ?? DEFAULT_PER_FILE));
}

/** `bundle-000001.json`, padded wide enough that names sort in file order. */
export function bundleFileName(index: number, fileCount: number): string {
  return `bundle-${String(index).padStart(Math.max(6, String(fileCount).length), '0')}.json`;
}

/** Throws a RangeError naming the first option out of range. */
export function checkCorpusOptions(options: CorpusOptions): void {
  if (!Number.isSafeInteger(options.articles) || options.articles < 1) throw new RangeError(`articles must be a positive integer; got ${options.articles}`);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) throw new RangeError(`seed must be an integer from 0 to 4294967295; got ${options.seed}`);
  const perFile = options.perFile ?? DEFAULT_PER_FILE;
  if (!Number.isSafeInteger(perFile) || perFile < 1) throw new RangeError(`perFile must be a positive integer; got ${perFile}`);
}

/**
 * Yields the corpus one file at a time: first the actors file, then bundles of `perFile`
 * articles with their statements and reports. Only the actor pool and the current file are
 * held in memory, so a caller that writes each file before asking for the next streams.
 */
export function* generateCorpus(options: CorpusOptions): Generator<CorpusFile> {
  checkCorpusOptions(options);
  const perFile = options.perFile ?? DEFAULT_PER_FILE;
  const pool = buildActorPool(options.seed, actorPoolSize(options.articles));
  yield { file: ACTORS_FILE, bundle: { actors: pool.actors.map((actor) => actor.record), reports: [], articles: [], statements: [] } };
  const fileCount = bundleFileCount(options);
  for (let index = 1; index <= fileCount; index += 1) {
    const bundle: Bundle = { actors: [], reports: [], articles: [], statements: [] };
    const last = Math.min(options.articles, index * perFile);
    for (let number = (index - 1) * perFile + 1; number <= last; number += 1) {
      const generated = generateArticle(pool, options.seed, number);
      bundle.reports.push(...generated.reports);
      bundle.articles.push(generated.article);
      bundle.statements.push(...generated.statements);
    }
    yield { file: bundleFileName(index, fileCount), bundle };
  }
}

/** The file text of a bundle: compact JSON, empty lists left out, one trailing newline. */
export function serializeBundle(bundle: Bundle): string {
  const written: Partial<Bundle> = {};
  for (const key of ['actors', 'reports', 'articles', 'statements'] as const) {
    if (bundle[key].length > 0) Object.assign(written, { [key]: bundle[key] });
  }
  return `${JSON.stringify(written)}\n`;
}
