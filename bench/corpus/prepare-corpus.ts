import fs from 'node:fs/promises';
import { GENERATOR_VERSION, writeCorpus, type CorpusSummary } from '../../seed/generator';
import { corpusCachePaths, readCached, writeCached, type CorpusCachePaths } from './cache-files';

/** A generated corpus on disk, with its summary and whether this run generated it. */
export interface PreparedCorpus {
  readonly articles: number;
  readonly seed: number;
  readonly paths: CorpusCachePaths;
  readonly summary: CorpusSummary;
  /** False when it came from the cache; then `summary.seconds` is the original generation time. */
  readonly generatedNow: boolean;
}

/**
 * The corpus of `articles` articles, generated into the cache unless a complete one is there.
 * Completeness is the summary file, written last: an interrupted generation is redone, and so is
 * a corpus an earlier version of the generator wrote.
 */
export async function prepareCorpus(cacheDirectory: string, articles: number, seed: number, log: (line: string) => void): Promise<PreparedCorpus> {
  const paths = corpusCachePaths(cacheDirectory, articles, seed);
  const cached = await readCached<CorpusSummary>(paths.corpusSummaryFile);
  if (cached?.generatorVersion === GENERATOR_VERSION) return { articles, seed, paths, summary: cached, generatedNow: false };
  log(`generating the ${articles.toLocaleString('en')}-article corpus (seed ${seed}) into ${paths.corpusDirectory}`);
  await fs.mkdir(cacheDirectory, { recursive: true });
  const summary = await writeCorpus({ articles, seed }, paths.corpusDirectory, { replace: true });
  await writeCached(paths.corpusSummaryFile, summary);
  log(`  ${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB in ${summary.seconds.toFixed(1)} s`);
  return { articles, seed, paths, summary, generatedNow: true };
}

/** Documents in a corpus, all collections together. */
export function corpusDocuments(summary: CorpusSummary): number {
  return summary.actors + summary.articles + summary.statements + summary.reports;
}
