import { EmbeddedCollection } from '../src/store/embedded-collection';
import { EmbeddedStore } from '../src/store/embedded';
import type { CallLimits, Store } from '../src/store/store';
import { StoreTimeoutError } from '../src/store/store-errors';
import { TurnTaking } from '../src/store/turn-taking';
import { disposeStore, testEngines } from './support/stores';

/** The pipeline `mostCitedSources` runs: statements and reports over the whole corpus, grouped, then narrowed. */
const mostCited = (limit: number, kinds?: string[]) => [
  { $unwind: '$speakerIds' },
  { $group: { _id: '$speakerIds', statementCount: { $sum: 1 }, reportCount: { $sum: 0 } } },
  { $unionWith: { coll: 'reports', pipeline: [{ $unwind: '$sourceIds' }, { $group: { _id: '$sourceIds', statementCount: { $sum: 0 }, reportCount: { $sum: 1 } } }] } },
  { $group: { _id: '$_id', statementCount: { $sum: '$statementCount' }, reportCount: { $sum: '$reportCount' } } },
  { $addFields: { total: { $add: ['$statementCount', '$reportCount'] } } },
  ...(kinds ? [{ $lookup: { from: 'actors', localField: '_id', foreignField: '_id', as: 'actor' } }, { $match: { 'actor.kind': { $in: kinds } } }, { $project: { actor: 0 } }] : []),
  { $sort: { total: -1, _id: 1 } },
  { $limit: limit },
];

const statement = (id: string, speakerIds: string[]) => ({ _id: `statement/${id}`, articleId: 'article/a', speakerIds, stance: 'ASSERTS' });

describe.each(testEngines())('a corpus-wide aggregate on the $name store', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
    await store.upsertMany('actors', [
      { _id: 'actor/a', kind: 'PERSON' },
      { _id: 'actor/b', kind: 'GOVERNMENT' },
    ] as never);
    await store.upsertMany('statements', [statement('1', ['actor/a']), statement('2', ['actor/a', 'actor/b'])] as never);
    await store.upsertMany('reports', [{ _id: 'report/1', sourceIds: ['actor/b'], relayIds: [] }] as never);
  });
  afterAll(async () => {
    await disposeStore(store);
  });

  it('answers every variant from the current data, and again after each write', async () => {
    expect(await store.aggregate('statements', mostCited(5))).toEqual([
      { _id: 'actor/a', statementCount: 2, reportCount: 0, total: 2 },
      { _id: 'actor/b', statementCount: 1, reportCount: 1, total: 2 },
    ]);
    expect(await store.aggregate('statements', mostCited(5, ['GOVERNMENT']))).toEqual([{ _id: 'actor/b', statementCount: 1, reportCount: 1, total: 2 }]);
    await store.upsertMany('statements', [statement('3', ['actor/b'])] as never);
    expect(await store.aggregate('statements', mostCited(1))).toEqual([{ _id: 'actor/b', statementCount: 2, reportCount: 1, total: 3 }]);
    await store.upsertMany('reports', [{ _id: 'report/2', sourceIds: ['actor/a', 'actor/a'], relayIds: [] }] as never);
    expect(await store.aggregate('statements', mostCited(5, ['PERSON']))).toEqual([{ _id: 'actor/a', statementCount: 2, reportCount: 2, total: 4 }]);
    await store.clear('reports');
    expect(await store.aggregate('statements', mostCited(5, ['PERSON', 'GOVERNMENT']))).toEqual([
      { _id: 'actor/a', statementCount: 2, reportCount: 0, total: 2 },
      { _id: 'actor/b', statementCount: 2, reportCount: 0, total: 2 },
    ]);
  });
});

describe('the embedded engine', () => {
  afterEach(() => jest.restoreAllMocks());

  it('scans the whole corpus for a corpus-wide aggregate once until the next write', async () => {
    const store = new EmbeddedStore();
    await store.upsertMany('statements', [statement('1', ['actor/a'])] as never);
    const scans: string[] = [];
    const all = EmbeddedCollection.prototype.all;
    jest.spyOn(EmbeddedCollection.prototype, 'all').mockImplementation(function (this: EmbeddedCollection) {
      scans.push(this.name);
      return all.call(this);
    });
    await store.aggregate('statements', mostCited(10));
    await store.aggregate('statements', mostCited(3));
    await store.aggregate('statements', mostCited(10, ['PERSON']));
    // The first call reads statements and reports; the others reuse the groups (the kind filter reads actors).
    expect(scans).toEqual(['statements', 'reports', 'actors']);
    await store.upsertMany('statements', [statement('2', ['actor/b'])] as never);
    await store.aggregate('statements', mostCited(10));
    expect(scans).toEqual(['statements', 'reports', 'actors', 'statements', 'reports']);
    await store.close();
  });

  it("serves one request's single read before another request's queued ones", async () => {
    const store = new EmbeddedStore();
    await store.upsertMany('actors', Array.from({ length: 100 }, (_, index) => ({ _id: `actor/a${index}`, kind: 'PERSON', name: `A ${index}` })) as never);
    const flood: CallLimits = { timeoutMs: 10_000, caller: {} };
    const cheap: CallLimits = { timeoutMs: 10_000, caller: {} };
    const finished: string[] = [];
    const floodCalls = Array.from({ length: 20 }, (_, index) => store.find('actors', { name: { $regex: `${index}$` } }, {}, flood).then(() => finished.push(`flood ${index}`)));
    const cheapCall = store.find('actors', { _id: 'actor/a1' }, {}, cheap).then(() => finished.push('cheap'));
    await Promise.all([...floodCalls, cheapCall]);
    expect(finished.indexOf('cheap')).toBeLessThanOrEqual(1);
    await store.close();
  });

  it('scans a large collection in slices, letting other callers in between, and stops when the call is abandoned', async () => {
    const store = new EmbeddedStore();
    await store.upsertMany('actors', Array.from({ length: 10_000 }, (_, index) => ({ _id: `actor/a${index}`, kind: 'PERSON', name: `A ${index}` })) as never);
    const abandon = new AbortController();
    const scan = store.count('actors', { name: { $regex: '7' } }, { timeoutMs: 10_000, signal: abandon.signal, caller: {} });
    // A slice of the scan has run when the other caller's read is served; the scan is then abandoned.
    const other = await store.find<{ _id: string }>('actors', { _id: 'actor/a1' }, {}, { timeoutMs: 10_000, caller: {} });
    expect(other.map((actor) => actor._id)).toEqual(['actor/a1']);
    abandon.abort(new StoreTimeoutError(1000));
    await expect(scan).rejects.toBeInstanceOf(StoreTimeoutError);
    // Unhurried, the same scan counts them all.
    expect(await store.count('actors', { name: { $regex: '7' } }, { timeoutMs: 10_000, caller: {} })).toBe(3439);
    await store.close();
  });

  it('answers sliced reads exactly as unsliced ones: pages, counts and summed groups', async () => {
    const store = new EmbeddedStore();
    const stances = ['ASSERTS', 'DENIES', 'WARNS'];
    await store.upsertMany('statements', Array.from({ length: 9_000 }, (_, index) => ({
      _id: `statement/s${index}`,
      articleId: `article/a${index % 7}`,
      speakerIds: [`actor/p${index % 13}`, `actor/p${(index * 7) % 13}`],
      stance: stances[index % 3],
      madeAt: new Date(Date.UTC(2024, 0, 1 + (index % 300))),
    })) as never);
    const request = (): CallLimits => ({ timeoutMs: 60_000, caller: {} });
    const page = [{ stance: { $in: ['DENIES', 'WARNS'] } }, { sort: { madeAt: -1 as const, _id: 1 as const }, skip: 3, limit: 25 }] as const;
    const summed = [
      { $match: { speakerIds: { $in: ['actor/p1', 'actor/p2', 'actor/p3'] } } },
      { $unwind: '$speakerIds' },
      { $match: { speakerIds: { $in: ['actor/p1', 'actor/p2', 'actor/p3'] } } },
      { $group: { _id: { speaker: '$speakerIds', stance: '$stance' }, count: { $sum: 1 } } },
      { $sort: { '_id.speaker': 1, '_id.stance': 1 } },
    ];
    expect(await store.find('statements', page[0], page[1], request())).toEqual(await store.find('statements', page[0], page[1]));
    expect(await store.count('statements', { stance: 'DENIES' }, request())).toBe(3_000);
    const groups = await store.aggregate('statements', summed);
    expect(groups).toHaveLength(9);
    expect(await store.aggregate('statements', summed, request())).toEqual(groups);
    await store.close();
  });

  it('refuses a read whose time ran out while it waited for its turn', async () => {
    const store = new EmbeddedStore();
    await expect(store.find('actors', {}, {}, { timeoutMs: 0, caller: {} })).rejects.toBeInstanceOf(StoreTimeoutError);
    await store.close();
  });
});

describe('turn taking', () => {
  it('rotates between callers, one turn per turn of the event loop', async () => {
    const turns = new TurnTaking();
    const [a, b, c] = [{}, {}, {}];
    const order: string[] = [];
    const waits = [
      ...[1, 2, 3].map((n) => turns.turn(a).then(() => order.push(`a${n}`))),
      ...[1, 2].map((n) => turns.turn(b).then(() => order.push(`b${n}`))),
      turns.turn(c).then(() => order.push('c1')),
    ];
    await Promise.all(waits);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });
});
