import Database from 'better-sqlite3';
import { DATABASE_FILE, EmbeddedStore } from '../src/store/embedded/index';
import { SERVED_SHAPES, type ServedShape } from '../src/store/index-plan';
import type { Filter, Sort, StoredDocument } from '../src/store/store';
import { cursorOf, pageReads, planPage, type Ordering, type PagePlan } from '../src/pagination/keyset';
import fs from 'node:fs';
import path from 'node:path';
import { generateCorpus, serializeBundle } from '../seed/generator/corpus';
import { listBundleFiles, loadBundles } from '../src/ingest/load-bundles';
import { CollectionReader } from '../src/repository/collection-reader';
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

/** A walk of a whole index (`SCAN t USING INDEX ...`): in order, but from its first entry. */
const INDEX_SCAN = /^SCAN (t|s) USING (COVERING )?INDEX /;

/**
 * What a plan must not do: scan a whole table (`SCAN t`, no index), walk a whole index when the
 * shape has an equality to seek (`SEARCH ... (field=?)` reads only the matching range), or sort
 * the rows of a page. The count of a substring filter (`...Contains`) reads every row by design
 * (documented).
 */
function problemsOf(shape: ServedShape, plans: ReadonlyArray<{ sql: string; plan: string[] }>): string[] {
  const problems: string[] = [];
  const seeks = shape.equality.length > 0 && ['page', 'nested page', 'list', 'lookup'].includes(shape.kind);
  for (const { sql, plan } of plans) {
    const substringCount = shape.residual.length > 0 && sql.startsWith('SELECT count(*)');
    for (const step of plan) {
      if (TABLE_SCAN.test(step) && !substringCount) problems.push(`scans a table (${step}) in: ${sql}`);
      if (seeks && INDEX_SCAN.test(step) && !substringCount) problems.push(`walks a whole index instead of seeking its equality on ${shape.equality.join(', ')} (${step}) in: ${sql}`);
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

  /** The plan of a page of `shape` in its order (every key in `direction`), after a stored document whose first key is set. */
  async function pageAfterStored(shape: ServedShape, direction: 1 | -1): Promise<{ plan: PagePlan & { cursor: string }; firstKey: string }> {
    const ordering: Ordering = { name: 'probe', keys: shape.sort.map((key) => ({ field: key.field, direction })) };
    const firstKey = (ordering.keys[0] as { field: string }).field;
    const [stored] = await store.find(shape.collection, { [firstKey]: { $ne: null } }, { limit: 1 });
    const cursor = cursorOf(ordering, stored as StoredDocument);
    return { plan: { ...planPage({ first: 5, after: cursor }, ordering), cursor }, firstKey };
  }

  // A page after a cursor, ascending: the index is entered at the cursor's first sort key
  // (`SEARCH ... (key>?)`), so a page deep in a list reads what the first page reads.
  const afterCursorShapes = SERVED_SHAPES.filter((shape) => shape.kind === 'page' && shape.sort.length > 1 && !shape.equality.includes((shape.sort[0] as { field: string }).field));
  it.each(afterCursorShapes.map((shape) => [shape.name, shape] as const))('reads a page of %s after a cursor from the cursor on', async (_name, shape) => {
    const { plan, firstKey } = await pageAfterStored(shape, 1);
    const [read, ...more] = pageReads(filterOf(shape), plan);
    expect(more).toEqual([]);
    const { plans } = await store.explainReads(() => store.find(shape.collection, read as Filter, { sort: plan.sort, limit: 6 }));
    const column = firstKey === '_id' ? 'id' : firstKey;
    const steps = plans.flatMap((read) => read.plan);
    expect(steps.filter((step) => step.startsWith('SEARCH') && step.includes(`${column}>?`))).not.toEqual([]);
    expect(problemsOf(shape, plans)).toEqual([]);
  });

  // Descending, the key's nulls come after every value: a page after a cursor reads the values
  // from the cursor on (`key<?`), then, if it falls short, the nulls (`key=?`), both seeking.
  it.each(afterCursorShapes.map((shape) => [shape.name, shape] as const))('reads a page of %s after a descending cursor from the cursor on', async (_name, shape) => {
    const { plan, firstKey } = await pageAfterStored(shape, -1);
    const reads = pageReads(filterOf(shape), plan);
    expect(reads).toHaveLength(2);
    const column = firstKey === '_id' ? 'id' : firstKey;
    for (const [at, read] of reads.entries()) {
      const { plans } = await store.explainReads(() => store.find(shape.collection, read, { sort: plan.sort, limit: 6 }));
      const steps = plans.flatMap((each) => each.plan);
      expect(steps.filter((step) => step.startsWith('SEARCH') && step.includes(at === 0 ? `${column}<?` : `${column}=?`))).not.toEqual([]);
      expect(problemsOf(shape, plans)).toEqual([]);
    }
  });

  // Nested pages after a cursor, through the repositories' reader: each parent's read enters its
  // index at the cursor too, ascending (`key>?`) and descending (`key<?`, then the nulls, `key=?`,
  // for the parents whose page the values left short).
  const nestedAfterCursorShapes = SERVED_SHAPES.filter((shape) => shape.kind === 'nested page' && shape.sort.length > 1);
  it.each(nestedAfterCursorShapes.flatMap((shape) => [[shape.name, 'ascending', shape, 1], [shape.name, 'descending', shape, -1]] as const))(
    'reads the nested pages of %s after a %s cursor from the cursor on',
    async (_name, _direction, shape, direction) => {
      const { plan, firstKey } = await pageAfterStored(shape, direction);
      const parent = shape.parentField as string;
      const reader = new CollectionReader(store, shape.collection);
      // Parents holding no document: every read falls short, so a descending page makes both.
      const query = { args: { first: 5, after: plan.cursor }, filter: filterOf(shape, parent), ordering: plan.ordering };
      const { plans } = await store.explainReads(() => reader.pagesByReference(parent, ['parent/1', 'parent/2'], query, async () => 0));
      const column = firstKey === '_id' ? 'id' : firstKey;
      const steps = plans.flatMap((read) => read.plan);
      const expected = direction === 1 ? [`${column}>?`] : [`${column}<?`, `${column}=?`];
      for (const bound of expected) expect(steps.filter((step) => step.startsWith('SEARCH') && step.includes(bound))).not.toEqual([]);
      expect(problemsOf(shape, plans)).toEqual([]);
    },
  );

  it('drops the indexes of an earlier layout and builds this one\'s when it opens a data directory', async () => {
    const directory = temporaryDirectory('earlier-layout');
    try {
      const indexes = (file: string): string[] => {
        const database = new Database(file, { readonly: true });
        try {
          return database.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).pluck().all() as string[];
        } finally {
          database.close();
        }
      };
      const opened = await EmbeddedStore.open(directory.directory);
      await opened.close();
      const file = path.join(directory.directory, DATABASE_FILE);
      const current = indexes(file);
      // As the layout before covering side-table indexes had it: no rid at the end.
      const earlier = new Database(file);
      earlier.exec('DROP INDEX "statements__speakerIds__value_madeAt__id_rid"; CREATE INDEX "statements__speakerIds__value_madeAt__id" ON "statements__speakerIds" (value, "madeAt", id)');
      earlier.close();
      expect(indexes(file)).toContain('statements__speakerIds__value_madeAt__id');
      const reopened = await EmbeddedStore.open(directory.directory);
      await reopened.close();
      expect(indexes(file).sort()).toEqual([...current].sort());
    } finally {
      directory.remove();
    }
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
    const shape = { kind: 'page', equality: [] as string[], residual: [] as string[] } as unknown as ServedShape;
    expect(problemsOf(shape, plans).join('\n')).toMatch(/scans a table/);
    expect(problemsOf(shape, plans).join('\n')).toMatch(/sorts/);
  });

  it('tells a walk of a whole index apart from a seek of its equality', async () => {
    // An equality on a column no index begins with, in an order an index has: SQLite reads that
    // index from its first entry, checking the equality on every row.
    const { plans } = await store.explainReads(() => store.find('statements', { claim: 'probe' }, { sort: { articleId: 1, position: 1, _id: 1 }, limit: 6 }));
    const shape = { kind: 'page', equality: ['claim'], residual: [] as string[] } as unknown as ServedShape;
    expect(problemsOf(shape, plans).join('\n')).toMatch(/walks a whole index instead of seeking its equality on claim/);
  });
});
