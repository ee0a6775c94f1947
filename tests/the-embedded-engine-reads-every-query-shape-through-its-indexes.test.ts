import { EmbeddedStore } from '../src/store/embedded/index';
import { SERVED_SHAPES, type ServedShape } from '../src/store/index-plan';
import type { Filter, Sort } from '../src/store/store';
import fs from 'node:fs';
import path from 'node:path';
import { generateCorpus, serializeBundle } from '../seed/generator/corpus';
import { listBundleFiles, loadBundles } from '../src/ingest/load-bundles';
import { temporaryDirectory } from './support/bundles';
import { loadSeed } from './support/gateway';

/**
 * The embedded half of "every query the schema allows is served by an index": each query shape
 * of the index plan is sent to the embedded engine as the repositories send it, and SQLite's own
 * plan for every SQL read it ran must neither scan a table nor sort a page. (MongoDB's half runs
 * `explain()` where MONGODB_URI is set: tests/every-query-shape-is-served-by-an-index.test.ts.)
 */

const RANGE = { $gte: new Date(Date.UTC(2000, 0, 1)), $lt: new Date(Date.UTC(2100, 0, 1)) };
const BOOLEAN_FIELDS = new Set(['named']);

/** A value of the right kind for an equality on `field`: any string matches nothing, which the plan does not mind. */
const equalityValue = (field: string): unknown => (BOOLEAN_FIELDS.has(field) ? true : `${field}/probe`);

function filterOf(shape: ServedShape, leaveOut?: string): Filter {
  const conditions: Filter[] = [
    ...shape.equality.filter((field) => field !== leaveOut && field !== '_id').map((field) => ({ [field]: equalityValue(field) })),
    ...shape.range.map((field) => ({ [field]: RANGE })),
    ...shape.residual.map((field) => ({ [field]: { $regex: 'probe', $options: 'i' } })),
  ];
  return conditions.length === 0 ? {} : { $and: conditions };
}

const sortOf = (shape: ServedShape): Sort => Object.fromEntries(shape.sort.map((key) => [key.field, 1])) as Sort;

/** Sends a shape's reads the way the repositories do. */
async function runShape(store: EmbeddedStore, shape: ServedShape): Promise<void> {
  switch (shape.kind) {
    case 'page':
      await store.find(shape.collection, filterOf(shape), { sort: sortOf(shape), limit: 6 });
      await store.count(shape.collection, filterOf(shape));
      return;
    case 'nested page': {
      const parent = shape.parentField as string;
      await store.pagesByReference(shape.collection, parent, ['parent/1', 'parent/2'], { filter: filterOf(shape, parent), sort: sortOf(shape), limit: 6 });
      await store.countsByReference(shape.collection, parent, ['parent/1', 'parent/2'], filterOf(shape, parent));
      return;
    }
    case 'list':
    case 'lookup': {
      const [field] = shape.equality as [string];
      await store.find(shape.collection, { [field]: { $in: [`${field}/1`, `${field}/2`] } }, shape.sort.length > 0 ? { sort: sortOf(shape) } : {});
      return;
    }
    case 'chain':
      await store.chains(shape.collection, ['root/1', 'root/2'], shape.parentField as string, 4);
      return;
    case 'search':
      await store.textSearch(shape.collection, 'troops border', 6);
      await store.count(shape.collection, { $text: { $search: 'troops border' } });
      return;
    case 'corpus':
      await store.sourceCitations(5, null);
      return;
  }
}

/** Aliases of the collections' tables in the engine's SQL (`w` is a chain's own work queue). */
const TABLE_SCAN = /^SCAN (t|s|c|n|m|articles|statements|actors|reports)$/;

/**
 * What a plan must not do: scan a whole table (`SCAN t`, no index), or sort the rows of a page.
 * The count of a substring filter (`...Contains`) reads every row by design (documented).
 */
function problemsOf(shape: ServedShape, plans: ReadonlyArray<{ sql: string; plan: string[] }>): string[] {
  const problems: string[] = [];
  for (const { sql, plan } of plans) {
    const substringCount = shape.residual.length > 0 && sql.startsWith('SELECT count(*)');
    for (const step of plan) {
      if (TABLE_SCAN.test(step) && !substringCount) problems.push(`scans a table (${step}) in: ${sql}`);
      // Search ranks every match (documented); everything else is read in index order.
      if (/TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(step) && shape.kind !== 'search') problems.push(`sorts (${step}) in: ${sql}`);
    }
  }
  return problems;
}

describe('the embedded engine', () => {
  let store: EmbeddedStore;

  beforeAll(async () => {
    // Enough documents that SQLite's statistics make it plan as it would for a real corpus.
    store = EmbeddedStore.temporary();
    await loadSeed(store);
    const corpus = temporaryDirectory('shape-corpus');
    try {
      for (const { file, bundle } of generateCorpus({ articles: 200, seed: 5 })) fs.writeFileSync(path.join(corpus.directory, file), serializeBundle(bundle));
      const loaded = await loadBundles(store, await listBundleFiles([corpus.directory]));
      expect(loaded.ok).toBe(true);
    } finally {
      corpus.remove();
    }
  }, 120_000);

  afterAll(async () => {
    await store.close();
  });

  it.each(SERVED_SHAPES.filter((shape) => shape.kind !== 'corpus').map((shape) => [shape.name, shape] as const))('reads %s through an index, without sorting', async (_name, shape) => {
    const { plans } = await store.explainReads(() => runShape(store, shape));
    expect(plans.length).toBeGreaterThan(0);
    expect(problemsOf(shape, plans)).toEqual([]);
  });

  it('reads the corpus-wide citation counts from the side tables, never the documents', async () => {
    const [corpus] = SERVED_SHAPES.filter((shape) => shape.kind === 'corpus');
    const { plans } = await store.explainReads(() => runShape(store, corpus!));
    const steps = plans.flatMap((entry) => entry.plan);
    expect(steps.some((step) => /statements__speakerIds/.test(step))).toBe(true);
    expect(steps.filter((step) => /^SCAN (statements|reports|actors|articles)\b/.test(step))).toEqual([]);
  });

  it('tells a scan and a sort apart from an indexed read', async () => {
    // A filter on a column with no index of its own, ordered by another: the check must catch both.
    const { plans } = await store.explainReads(() => store.find('statements', { claim: 'probe' }, { sort: { position: 1 }, limit: 6 }));
    const shape = { kind: 'page', residual: [] as string[] } as unknown as ServedShape;
    expect(problemsOf(shape, plans).join('\n')).toMatch(/scans a table/);
    expect(problemsOf(shape, plans).join('\n')).toMatch(/sorts/);
  });
});
