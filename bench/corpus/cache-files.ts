import fs from 'node:fs/promises';
import path from 'node:path';

/** The cached artefacts of one corpus (size and seed) under the bench cache folder. */
export interface CorpusCachePaths {
  /** The generated bundle files; nothing else may live there, since the loader reads every .json. */
  readonly corpusDirectory: string;
  /** Written once the corpus is complete: its summary. Absent means generate (again). */
  readonly corpusSummaryFile: string;
  /** The workload variables picked from the corpus. */
  readonly picksFile: string;
}

/** Where the corpus of `articles` articles and seed `seed` is cached. */
export function corpusCachePaths(cacheDirectory: string, articles: number, seed: number): CorpusCachePaths {
  const name = `${articles}-seed${seed}`;
  return {
    corpusDirectory: path.join(cacheDirectory, `corpus-${name}`),
    corpusSummaryFile: path.join(cacheDirectory, `corpus-${name}.summary.json`),
    picksFile: path.join(cacheDirectory, `corpus-${name}.picks.json`),
  };
}

/** The JSON in `file`, or undefined when there is none (a cache miss). */
export async function readCached<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `value` as JSON through a temporary file, so a killed run never leaves a half marker. */
export async function writeCached(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`);
  await fs.rename(temporary, file);
}
