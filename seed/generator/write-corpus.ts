import fs from 'node:fs/promises';
import path from 'node:path';
import { checkCorpusOptions, generateCorpus, serializeBundle, type CorpusOptions } from './corpus';

/**
 * The generator's version: it changes whenever the same options give different files, so a
 * corpus cached by an earlier version is known stale.
 */
export const GENERATOR_VERSION = 2;

/** What a run wrote: files (the actors file included), documents per collection, size, time. */
export interface CorpusSummary {
  generatorVersion: number;
  files: number;
  actors: number;
  articles: number;
  statements: number;
  reports: number;
  bytes: number;
  seconds: number;
}

/** How `writeCorpus` treats the output folder. */
export interface WriteCorpusOptions {
  /** Delete an earlier corpus (actors.json, bundle-*.json) in the folder first. */
  replace?: boolean;
}

/** Raised when the output folder already holds JSON files the loader would read with the corpus. */
export class OutputFolderNotEmptyError extends Error {
  override readonly name = 'OutputFolderNotEmptyError';
}

const GENERATED_FILE = /^(actors|bundle-\d{6,})\.json$/;

/**
 * Generates the corpus into `dir` (created if missing), writing each file before generating the
 * next. Refuses a folder that already holds .json files, unless `replace` is set and they are
 * all generator output, because a stale bundle left beside a new corpus would be loaded with it.
 */
export async function writeCorpus(options: CorpusOptions, dir: string, writeOptions: WriteCorpusOptions = {}): Promise<CorpusSummary> {
  checkCorpusOptions(options);
  const started = performance.now();
  await fs.mkdir(dir, { recursive: true });
  const existing = (await fs.readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const foreign = existing.filter((name) => !GENERATED_FILE.test(name));
  if (foreign.length > 0 || (existing.length > 0 && !writeOptions.replace)) {
    const shown = (foreign.length > 0 ? foreign : existing).slice(0, 3).join(', ');
    throw new OutputFolderNotEmptyError(
      foreign.length > 0
        ? `${dir} holds JSON files that are not a generated corpus (${shown}${foreign.length > 3 ? ', …' : ''}); choose another folder`
        : `${dir} already holds a corpus (${shown}${existing.length > 3 ? ', …' : ''}); choose an empty folder or replace it`,
    );
  }
  await Promise.all(existing.map((name) => fs.rm(path.join(dir, name))));

  const summary: CorpusSummary = { generatorVersion: GENERATOR_VERSION, files: 0, actors: 0, articles: 0, statements: 0, reports: 0, bytes: 0, seconds: 0 };
  for (const { file, bundle } of generateCorpus(options)) {
    const text = serializeBundle(bundle);
    await fs.writeFile(path.join(dir, file), text);
    summary.files += 1;
    summary.actors += bundle.actors.length;
    summary.articles += bundle.articles.length;
    summary.statements += bundle.statements.length;
    summary.reports += bundle.reports.length;
    summary.bytes += Buffer.byteLength(text);
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
