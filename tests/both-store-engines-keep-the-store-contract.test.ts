import type { Store } from '../src/store/store';
import { disposeStore, testEngines } from './support/stores';

interface Item {
  _id: string;
  title: string;
  publisherId: string | null;
  publishedAt: Date | null;
  tags: string[];
}

const item = (id: string, publisherId: string | null, day: number, tags: string[] = []): Item => ({
  _id: id,
  title: `title ${id}`,
  publisherId,
  publishedAt: new Date(Date.UTC(2024, 9, day)),
  tags,
});

describe.each(testEngines())('the $name store engine', (engine) => {
  let store: Store;

  beforeEach(async () => {
    store = await engine.open();
    await store.upsertMany('articles', [item('article/a', 'actor/x', 3), item('article/b', 'actor/y', 1), item('article/c', 'actor/x', 2), item('article/d', null, 4)]);
    await store.upsertMany('reports', [
      { _id: 'report/1', sourceIds: ['actor/x', 'actor/y'], relayIds: [] },
      { _id: 'report/2', sourceIds: ['actor/y'], relayIds: ['report/1'] },
    ] as never);
  });

  afterEach(async () => {
    await disposeStore(store);
  });

  it('names itself', () => {
    expect(store.engine).toBe(engine.name);
  });

  it('finds documents by id with $in, leaving out missing ids', async () => {
    const found = await (store.find('articles', { _id: { $in: ['article/c', 'article/a', 'article/zzz'] } }, { sort: { _id: 1 } }) as Promise<unknown> as Promise<Item[]>);
    expect(found.map((document) => document._id)).toEqual(['article/a', 'article/c']);
  });

  it('finds by a reference field, including null for documents without one', async () => {
    expect((await (store.find('articles', { publisherId: 'actor/x' }, { sort: { _id: 1 } }) as Promise<unknown> as Promise<Item[]>)).map((d) => d._id)).toEqual(['article/a', 'article/c']);
    expect((await (store.find('articles', { publisherId: null }) as Promise<unknown> as Promise<Item[]>)).map((d) => d._id)).toEqual(['article/d']);
  });

  it('matches array reference fields element by element', async () => {
    const found = await store.find('reports', { sourceIds: { $in: ['actor/x'] } });
    expect(found.map((document) => document._id)).toEqual(['report/1']);
    expect(await store.count('reports', { sourceIds: 'actor/y' })).toBe(2);
  });

  it('applies the whole filter, not only the indexed part', async () => {
    const found = await (store.find('articles', { publisherId: { $in: ['actor/x', 'actor/y'] }, publishedAt: { $gte: new Date(Date.UTC(2024, 9, 2)) } }, { sort: { _id: 1 } }) as Promise<unknown> as Promise<Item[]>);
    expect(found.map((document) => document._id)).toEqual(['article/a', 'article/c']);
  });

  it('sorts, skips and limits', async () => {
    const found = await (store.find('articles', {}, { sort: { publishedAt: -1 }, skip: 1, limit: 2 }) as Promise<unknown> as Promise<Item[]>);
    expect(found.map((document) => document._id)).toEqual(['article/a', 'article/c']);
  });

  it('round-trips dates as Date values', async () => {
    const [found] = await (store.find('articles', { _id: 'article/b' }) as Promise<unknown> as Promise<Item[]>);
    expect(found?.publishedAt).toEqual(new Date(Date.UTC(2024, 9, 1)));
  });

  it('counts with and without a filter', async () => {
    expect(await store.count('articles', {})).toBe(4);
    expect(await store.count('articles', { publisherId: 'actor/x' })).toBe(2);
  });

  it('pages the documents of each parent in order, from a scalar or an array reference', async () => {
    const byPublisher = await (store.pagesByReference('articles', 'publisherId', ['actor/x', 'actor/y', 'actor/none'], { filter: {}, sort: { publishedAt: -1, _id: 1 }, limit: 1 }) as Promise<unknown> as Promise<Map<string, Item[]>>);
    expect([...byPublisher].map(([parent, items]) => [parent, items.map((d) => d._id)])).toEqual([
      ['actor/x', ['article/a']],
      ['actor/y', ['article/b']],
    ]);
    const bySource = await (store.pagesByReference('reports', 'sourceIds', ['actor/y'], { filter: { _id: { $gt: 'report/1' } }, sort: { _id: 1 }, limit: 5 }) as Promise<unknown> as Promise<Map<string, { _id: string }[]>>);
    expect(bySource.get('actor/y')?.map((d) => d._id)).toEqual(['report/2']);
  });

  it('counts the documents of each parent, leaving out parents with none', async () => {
    const counts = await store.countsByReference('articles', 'publisherId', ['actor/x', 'actor/y', 'actor/none'], { publishedAt: { $gte: new Date(Date.UTC(2024, 9, 2)) } });
    expect(counts).toEqual(new Map([['actor/x', 2]]));
    expect(await store.countsByReference('reports', 'sourceIds', ['actor/x', 'actor/y'], {})).toEqual(new Map([
      ['actor/x', 1],
      ['actor/y', 2],
    ]));
  });

  it('pages and counts each parent of a batch larger than one aggregate holds', async () => {
    // 450 parents, two articles each: MongoDB reads them in several aggregates of up to 200 parents.
    const parents = Array.from({ length: 450 }, (_, index) => `actor/p${String(index).padStart(3, '0')}`).reverse();
    await store.upsertMany('articles', parents.flatMap((parent, index) => [item(`article/${index}-old`, parent, 1), item(`article/${index}-new`, parent, 2)]));
    const asked = [...parents, 'actor/none'];
    const pages = await (store.pagesByReference('articles', 'publisherId', asked, { filter: {}, sort: { publishedAt: -1, _id: 1 }, limit: 1 }) as Promise<unknown> as Promise<Map<string, Item[]>>);
    expect([...pages.keys()]).toEqual(parents);
    expect([...pages].every(([parent, items]) => items.length === 1 && items[0]?.publisherId === parent && items[0]._id.endsWith('-new'))).toBe(true);
    const counts = await store.countsByReference('articles', 'publisherId', asked, {});
    expect([...counts.keys()].sort()).toEqual([...parents].sort());
    expect([...counts.values()].every((count) => count === 2)).toBe(true);
  });

  it('counts and pages a document that lists a parent twice once', async () => {
    await store.upsertMany('reports', [{ _id: 'report/3', sourceIds: ['actor/z', 'actor/z'], relayIds: [] }] as never);
    expect(await store.countsByReference('reports', 'sourceIds', ['actor/z'], {})).toEqual(new Map([['actor/z', 1]]));
    const pages = await (store.pagesByReference('reports', 'sourceIds', ['actor/z'], { filter: {}, sort: { _id: 1 }, limit: 5 }) as Promise<unknown> as Promise<Map<string, Array<{ _id: string }>>>);
    expect(pages.get('actor/z')?.map((document) => document._id)).toEqual(['report/3']);
  });

  it('follows links to a bounded depth, each document once', async () => {
    const [chain] = await (store.chains('reports', ['report/2'], 'relayIds', 3) as Promise<unknown> as Promise<Array<{ root: { _id: string }; chain: Array<{ depth: number; document: { _id: string } }> }>>);
    expect(chain?.root._id).toBe('report/2');
    expect(chain?.chain.map((link) => [link.depth, link.document._id])).toEqual([[1, 'report/1']]);
    expect((await store.chains('reports', ['report/2'], 'relayIds', 0))[0]?.chain).toEqual([]);
  });

  it('reports inserted, updated and unchanged documents on upsert', async () => {
    const summary = await store.upsertMany('articles', [item('article/a', 'actor/x', 3), item('article/b', 'actor/z', 1), item('article/e', null, 5)]);
    expect(summary).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect((await (store.find('articles', { publisherId: 'actor/z' }) as Promise<unknown> as Promise<Item[]>)).map((d) => d._id)).toEqual(['article/b']);
    expect(await (store.find('articles', { publisherId: 'actor/y' }) as Promise<unknown> as Promise<Item[]>)).toEqual([]);
  });

  it('clears a collection and says how many documents went', async () => {
    expect(await store.clear('articles')).toBe(4);
    expect(await store.count('articles', {})).toBe(0);
  });

  it('deletes documents by id, from every index, and says how many were there', async () => {
    expect(await store.deleteMany('articles', ['article/a', 'article/missing', 'article/c'])).toBe(2);
    expect((await (store.find('articles', {}) as Promise<unknown> as Promise<Item[]>)).map((d) => d._id).sort()).toEqual(['article/b', 'article/d']);
    expect(await (store.find('articles', { publisherId: 'actor/x' }) as Promise<unknown> as Promise<Item[]>)).toEqual([]);
  });

  it('answers ping while open', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('the embedded store engine specifically', () => {
  it('keeps what it was given: changing a document after writing or reading it changes nothing stored', async () => {
    const [engine] = testEngines();
    const store = await engine!.open();
    const original = item('article/a', 'actor/x', 3, ['one']);
    await store.upsertMany('articles', [original]);
    original.tags.push('changed after writing');
    const [found] = await (store.find('articles', { _id: 'article/a' }) as Promise<unknown> as Promise<Item[]>);
    expect(found?.tags).toEqual(['one']);
    found?.tags.push('changed after reading');
    const [again] = await (store.find('articles', { _id: 'article/a' }) as Promise<unknown> as Promise<Item[]>);
    expect(again?.tags).toEqual(['one']);
    await disposeStore(store);
  });

  it('refuses calls after close', async () => {
    const [engine] = testEngines();
    const store = await engine!.open();
    await store.close();
    await expect(store.find('articles', {})).rejects.toThrow(/closed/);
    await expect(store.ping()).rejects.toThrow(/closed/);
  });
});
