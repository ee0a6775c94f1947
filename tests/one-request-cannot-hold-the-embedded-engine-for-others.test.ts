import { EmbeddedStore } from '../src/store/embedded/index';
import type { CallLimits, Store } from '../src/store/store';
import { StoreTimeoutError } from '../src/store/store-errors';
import { TurnTaking } from '../src/store/turn-taking';
import { disposeStore, testEngines } from './support/stores';

const statement = (id: string, speakerIds: string[]) => ({ _id: `statement/${id}`, articleId: 'article/a', speakerIds, stance: 'ASSERTS' });

describe.each(testEngines())('the corpus-wide citation counts on the $name store', (engine) => {
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
    const counts = (id: string, statementCount: number, reportCount: number) => ({ _id: id, statementCount, reportCount, claimCount: 0, total: statementCount + reportCount });
    expect(await store.sourceCitations(5, null)).toEqual([counts('actor/a', 2, 0), counts('actor/b', 1, 1)]);
    expect(await store.sourceCitations(5, ['GOVERNMENT'])).toEqual([counts('actor/b', 1, 1)]);
    await store.upsertMany('statements', [statement('3', ['actor/b'])] as never);
    expect(await store.sourceCitations(1, null)).toEqual([counts('actor/b', 2, 1)]);
    // A report naming an actor twice cites it once.
    await store.upsertMany('reports', [{ _id: 'report/2', sourceIds: ['actor/a', 'actor/a'], relayIds: [] }] as never);
    expect(await store.sourceCitations(5, ['PERSON'])).toEqual([counts('actor/a', 2, 1)]);
    await store.clear('reports');
    expect(await store.sourceCitations(5, ['PERSON', 'GOVERNMENT'])).toEqual([counts('actor/a', 2, 0), counts('actor/b', 2, 0)]);
  });
});

describe('the embedded engine', () => {
  afterEach(() => jest.restoreAllMocks());

  it("serves one request's single read before another request's queued ones", async () => {
    const store = EmbeddedStore.temporary();
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

  it('stops a scan at its time limit, or when the call is abandoned, and finishes it unhurried', async () => {
    const store = EmbeddedStore.temporary();
    await store.upsertMany('actors', Array.from({ length: 50_000 }, (_, index) => ({ _id: `actor/a${index}`, kind: 'PERSON', name: `A ${index}` })) as never);
    // A substring filter reads every name: the scan checks the call's time as it goes.
    await expect(store.count('actors', { name: { $regex: '7' } }, { timeoutMs: 1, caller: {} })).rejects.toBeInstanceOf(StoreTimeoutError);
    const abandon = new AbortController();
    abandon.abort(new StoreTimeoutError(1000));
    await expect(store.count('actors', { name: { $regex: '7' } }, { timeoutMs: 10_000, signal: abandon.signal, caller: {} })).rejects.toBeInstanceOf(StoreTimeoutError);
    expect(await store.count('actors', { name: { $regex: '7' } }, { timeoutMs: 60_000, caller: {} })).toBe(17_195);
    await store.close();
  });

  it('answers reads made for a request exactly as others: pages, counts and tallies', async () => {
    const store = EmbeddedStore.temporary();
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
    expect(await store.find('statements', page[0], page[1], request())).toEqual(await store.find('statements', page[0], page[1]));
    expect(await store.count('statements', { stance: 'DENIES' }, request())).toBe(3_000);
    const speakers = ['actor/p1', 'actor/p2', 'actor/p3'];
    const tallies = await store.speakerTallies(speakers);
    // 3 speakers x 3 stances x 7 articles, each combination present.
    expect(tallies).toHaveLength(63);
    const perSpeaker = await Promise.all(speakers.map((speaker) => store.count('statements', { speakerIds: speaker })));
    expect(tallies.reduce((sum, tally) => sum + tally.count, 0)).toBe(perSpeaker.reduce((sum, count) => sum + count, 0));
    expect(await store.speakerTallies(speakers, request())).toEqual(tallies);
    await store.close();
  });

  it('refuses a read whose time ran out while it waited for its turn', async () => {
    const store = EmbeddedStore.temporary();
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
