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
    const found = await store.find<Item>('articles', { _id: { $in: ['article/c', 'article/a', 'article/zzz'] } }, { sort: { _id: 1 } });
    expect(found.map((document) => document._id)).toEqual(['article/a', 'article/c']);
  });

  it('finds by a reference field, including null for documents without one', async () => {
    expect((await store.find<Item>('articles', { publisherId: 'actor/x' }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['article/a', 'article/c']);
    expect((await store.find<Item>('articles', { publisherId: null })).map((d) => d._id)).toEqual(['article/d']);
  });

  it('matches array reference fields element by element', async () => {
    const found = await store.find<{ _id: string }>('reports', { sourceIds: { $in: ['actor/x'] } });
    expect(found.map((document) => document._id)).toEqual(['report/1']);
    expect(await store.count('reports', { sourceIds: 'actor/y' })).toBe(2);
  });

  it('applies the whole filter, not only the indexed part', async () => {
    const found = await store.find<Item>('articles', { publisherId: { $in: ['actor/x', 'actor/y'] }, publishedAt: { $gte: new Date(Date.UTC(2024, 9, 2)) } }, { sort: { _id: 1 } });
    expect(found.map((document) => document._id)).toEqual(['article/a', 'article/c']);
  });

  it('sorts, skips and limits', async () => {
    const found = await store.find<Item>('articles', {}, { sort: { publishedAt: -1 }, skip: 1, limit: 2 });
    expect(found.map((document) => document._id)).toEqual(['article/a', 'article/c']);
  });

  it('round-trips dates as Date values', async () => {
    const [found] = await store.find<Item>('articles', { _id: 'article/b' });
    expect(found?.publishedAt).toEqual(new Date(Date.UTC(2024, 9, 1)));
  });

  it('counts with and without a filter', async () => {
    expect(await store.count('articles', {})).toBe(4);
    expect(await store.count('articles', { publisherId: 'actor/x' })).toBe(2);
  });

  it('runs aggregation pipelines', async () => {
    const groups = await store.aggregate<{ _id: string | null; n: number }>('articles', [{ $match: { publisherId: { $ne: null } } }, { $group: { _id: '$publisherId', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(groups).toEqual([
      { _id: 'actor/x', n: 2 },
      { _id: 'actor/y', n: 1 },
    ]);
  });

  it('reports inserted, updated and unchanged documents on upsert', async () => {
    const summary = await store.upsertMany('articles', [item('article/a', 'actor/x', 3), item('article/b', 'actor/z', 1), item('article/e', null, 5)]);
    expect(summary).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect((await store.find<Item>('articles', { publisherId: 'actor/z' })).map((d) => d._id)).toEqual(['article/b']);
    expect(await store.find<Item>('articles', { publisherId: 'actor/y' })).toEqual([]);
  });

  it('clears a collection and says how many documents went', async () => {
    expect(await store.clear('articles')).toBe(4);
    expect(await store.count('articles', {})).toBe(0);
  });

  it('deletes documents by id, from every index, and says how many were there', async () => {
    expect(await store.deleteMany('articles', ['article/a', 'article/missing', 'article/c'])).toBe(2);
    expect((await store.find<Item>('articles', {})).map((d) => d._id).sort()).toEqual(['article/b', 'article/d']);
    expect(await store.find<Item>('articles', { publisherId: 'actor/x' })).toEqual([]);
  });

  it('answers ping while open', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('the embedded store engine specifically', () => {
  it('does not let a caller change a stored document in place', async () => {
    const [engine] = testEngines();
    const store = await engine!.open();
    const original = item('article/a', 'actor/x', 3, ['one']);
    await store.upsertMany('articles', [original]);
    // The store keeps (and freezes) what it is given rather than copying every document.
    expect(() => original.tags.push('changed after writing')).toThrow(TypeError);
    const [found] = await store.find<Item>('articles', { _id: 'article/a' });
    expect(found?.tags).toEqual(['one']);
    expect(() => found?.tags.push('changed after reading')).toThrow(TypeError);
    await store.close();
  });

  it('refuses calls after close', async () => {
    const [engine] = testEngines();
    const store = await engine!.open();
    await store.close();
    await expect(store.find('articles', {})).rejects.toThrow(/closed/);
    await expect(store.ping()).rejects.toThrow(/closed/);
  });
});
