import { listBundleFiles, loadBundles } from '../../src/ingest/load-bundles';
import { formatProblem } from '../../src/ingest/problem';
import type { BulkLoadTarget, Store } from '../../src/store/store';
import type { PreparedCorpus } from './prepare-corpus';

/** One timed run of the seed loader over a whole corpus. */
export interface SeedLoadMeasurement {
  engine: Store['engine'];
  articles: number;
  files: number;
  documents: number;
  /** As `loadBundles` reports it: validation and writing, both passes. */
  seconds: number;
  documentsPerSecond: number;
  /**
   * Of `seconds`, the time from the loader's `committing` phase to its end: the cross-file checks
   * and the commit, in which the embedded store builds its indexes. Null where the loader writes
   * as it goes and has no such phase (MongoDB).
   */
  commitSeconds: number | null;
}

/** Loads the corpus into `store` with the project's seed loader, failing loudly on any problem. */
export async function loadCorpus(store: Store | BulkLoadTarget, corpus: PreparedCorpus, options: { drop?: boolean } = {}): Promise<SeedLoadMeasurement> {
  const files = await listBundleFiles([corpus.paths.corpusDirectory]);
  let committing: number | undefined;
  const result = await loadBundles(store, files, {
    drop: options.drop ?? false,
    onProgress: (progress) => {
      if (progress.phase === 'committing') committing ??= performance.now();
    },
  });
  const ended = performance.now();
  if (!result.ok) throw new Error(`The corpus in ${corpus.paths.corpusDirectory} does not load:\n${result.problems.slice(0, 20).map(formatProblem).join('\n')}`);
  return {
    engine: store.engine,
    articles: corpus.articles,
    files: result.files,
    documents: result.documents,
    seconds: result.seconds,
    documentsPerSecond: result.documents / Math.max(result.seconds, 1e-9),
    commitSeconds: committing === undefined ? null : (ended - committing) / 1000,
  };
}
