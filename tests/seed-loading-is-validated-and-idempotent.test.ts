import type { CollectionName } from '../src/store/collections';
import { listBundleFiles, type LoadProgress } from '../src/ingest/load-bundles';
import type { Store } from '../src/store/store';
import { temporaryDirectory, writeFile } from './support/bundles';
import { SEED_DIRECTORY } from './support/gateway';
import { loadEngines, type LoadHarness } from './support/load-targets';

describe.each(loadEngines())('loading the seed into the $name', (engine) => {
  let target: LoadHarness;

  beforeAll(async () => {
    target = await engine.open();
  });

  afterAll(async () => {
    await target.dispose();
  });

  it('inserts every record the first time', async () => {
    const result = await target.load(await listBundleFiles([SEED_DIRECTORY]));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.summary).toEqual({
      actors: { inserted: 16, updated: 0, unchanged: 0 },
      reports: { inserted: 5, updated: 0, unchanged: 0 },
      articles: { inserted: 1, updated: 0, unchanged: 0 },
      statements: { inserted: 18, updated: 0, unchanged: 0 },
    });
  });

  it('changes nothing when run again', async () => {
    const before = await target.read(snapshot);
    const result = await target.load(await listBundleFiles([SEED_DIRECTORY]));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    for (const counts of Object.values(result.summary)) expect(counts).toMatchObject({ inserted: 0, updated: 0 });
    expect(result.summary.statements.unchanged).toBe(18);
    expect(await target.read(snapshot)).toEqual(before);
  });

  it('reports each phase, ending with the commit where the store stages the load (it builds the indexes then)', async () => {
    const seen: LoadProgress[] = [];
    const result = await target.load(await listBundleFiles([SEED_DIRECTORY]), { onProgress: (progress) => seen.push(progress) });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const staged = !engine.name.startsWith('mongo');
    expect([...new Set(seen.map((progress) => progress.phase))]).toEqual(staged ? ['validating', 'committing'] : ['validating', 'writing']);
    expect(seen.at(-1)).toMatchObject({ filesDone: result.files, filesTotal: result.files, documents: staged ? result.documents : expect.any(Number) });

    // A dry run commits nothing, so it does not say it does.
    const dry: LoadProgress[] = [];
    expect((await target.load(await listBundleFiles([SEED_DIRECTORY]), { dryRun: true, onProgress: (progress) => dry.push(progress) })).ok).toBe(true);
    expect(dry.map((progress) => progress.phase)).not.toContain('committing');
  });

  it('replaces the collections with --drop, counting every record as inserted', async () => {
    const result = await target.load(await listBundleFiles([SEED_DIRECTORY]), { drop: true });
    expect(result.ok && result.summary.actors).toEqual({ inserted: 16, updated: 0, unchanged: 0 });
    expect(await target.read((store) => store.count('statements', {}))).toBe(18);
  });

  it('with --drop, keeps nothing the input does not have', async () => {
    const folder = temporaryDirectory('drop');
    try {
      const extra = writeFile(folder.directory, 'extra.json', { actors: [{ id: 'actor/only-here', name: 'Only here', kind: 'PERSON', named: true }] });
      expect((await target.load([extra])).ok).toBe(true);
      expect(await target.read((store) => store.count('actors', {}))).toBe(17);
      const dropped = await target.load(await listBundleFiles([SEED_DIRECTORY]), { drop: true });
      expect(dropped.ok && dropped.summary.actors).toEqual({ inserted: 16, updated: 0, unchanged: 0 });
      expect(await target.read((store) => store.find('actors', { _id: 'actor/only-here' }))).toEqual([]);
      expect(await target.read((store) => store.count('actors', {}))).toBe(16);
    } finally {
      folder.remove();
    }
  });

  it('checks that every evidence span matches the article body exactly', async () => {
    const [article, statements] = await target.read(async (store) => [
      (await (store.find('articles', {}) as Promise<unknown> as Promise<{ _id: string; body: string }[]>))[0],
      await (store.find('statements', {}) as Promise<unknown> as Promise<{ _id: string; evidence: Array<{ start: number; end: number; text: string }> }[]>),
    ] as const);
    for (const statement of statements) for (const span of statement.evidence) expect(article?.body.slice(span.start, span.end)).toBe(span.text);
  });
});

async function snapshot(store: Store): Promise<Record<CollectionName, unknown[]>> {
  const all = (collection: CollectionName) => store.find(collection, {}, { sort: { _id: 1 } });
  return { actors: await all('actors'), reports: await all('reports'), articles: await all('articles'), statements: await all('statements') };
}
