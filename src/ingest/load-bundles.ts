import fs from 'node:fs/promises';
import path from 'node:path';
import type { ActorDocument } from '../actor/actor.model';
import type { ArticleDocument } from '../article/article.model';
import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';
import type { CollectionName } from '../store/collections';
import type { Store, UpsertSummary } from '../store/store';
import { checkConsistency, type StoredLookup } from './check-consistency';
import { parseBundleFile } from './parse-bundle-file';
import type { Problem } from './problem';
import { RecordSet } from './record-set';
import { actorDocument, articleDocument, reportDocument, statementDocument } from './to-documents';

export interface LoadOptions {
  /** Validate and report only; write nothing. */
  dryRun?: boolean;
  /** Empty the collections before writing, so they hold exactly this input. */
  drop?: boolean;
}

export type LoadResult =
  | { ok: true; files: number; summary: Record<CollectionName, UpsertSummary>; dryRun: boolean }
  | { ok: false; files: number; problems: Problem[] };

/** Collections in the order they are written: referenced documents before their referrers. */
const WRITE_ORDER: readonly CollectionName[] = ['actors', 'reports', 'articles', 'statements'];

/** The JSON files named, or found (sorted, recursively) in the folders named. */
export async function listBundleFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input);
    if (stat.isDirectory()) {
      const entries = await fs.readdir(input, { withFileTypes: true, recursive: true });
      files.push(
        ...entries
          .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
          .map((entry) => path.join(entry.parentPath, entry.name))
          .sort(),
      );
    } else {
      files.push(input);
    }
  }
  return files;
}

function storedLookup(store: Store): StoredLookup {
  const byIds = <T extends { _id: string }>(collection: CollectionName) => (ids: readonly string[]) =>
    ids.length === 0 ? Promise.resolve([] as T[]) : store.find<T>(collection, { _id: { $in: ids } });
  return {
    actors: byIds<ActorDocument>('actors'),
    reports: byIds<ReportDocument>('reports'),
    articles: byIds<ArticleDocument>('articles'),
    statements: byIds<StatementDocument>('statements'),
  };
}

const nothing = () => Promise.resolve([]);
const emptyLookup: StoredLookup = { actors: nothing, reports: nothing, articles: nothing, statements: nothing };

/**
 * Validates every file completely, then, only if nothing is wrong, upserts the documents by id.
 * A run with any problem writes nothing and returns every problem found.
 */
export async function loadBundles(store: Store, files: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const records = new RecordSet();
  const problems: Problem[] = [];
  for (const file of files) {
    const parsed = parseBundleFile(file, await fs.readFile(file, 'utf8'));
    if (parsed.ok) records.add(file, parsed.bundle);
    else problems.push(...parsed.problems);
  }
  // With --drop the stored documents are about to go, so references must resolve within the run.
  const lookup = options.drop ? emptyLookup : storedLookup(store);
  problems.push(...records.problems, ...(await checkConsistency(records, lookup)));
  if (problems.length > 0) return { ok: false, files: files.length, problems };

  const documents = {
    actors: [...records.actors.values()].map((located) => actorDocument(located.record)),
    reports: [...records.reports.values()].map((located) => reportDocument(located.record)),
    articles: [...records.articles.values()].map((located) => articleDocument(located.record)),
    statements: [...records.statements.values()].map((located) => statementDocument(located.record)),
  };
  const summary = {} as Record<CollectionName, UpsertSummary>;
  for (const collection of WRITE_ORDER) {
    if (options.dryRun) {
      summary[collection] = { inserted: 0, updated: 0, unchanged: 0 };
      continue;
    }
    if (options.drop) await store.clear(collection);
    summary[collection] = await store.upsertMany(collection, documents[collection]);
  }
  return { ok: true, files: files.length, summary, dryRun: Boolean(options.dryRun) };
}
