import { aggregate as mingoAggregate } from 'mingo';
import { EmbeddedCollection } from '../src/store/embedded-collection';
import { EmbeddedStore } from '../src/store/embedded';
import type { Pipeline, Store } from '../src/store/store';
import { temporaryDirectory } from './support/bundles';
import { disposeStore, testEngines } from './support/stores';

interface Article {
  _id: string;
  title: string;
  body: string;
  publisherId: string | null;
  publishedAt: Date;
  language: string;
}

interface Scored {
  _id: string;
  score: number;
}

const article = (id: string, title: string, body: string, publisherId: string | null = 'actor/wire', day = 1): Article => ({
  _id: id,
  title,
  body,
  publisherId,
  publishedAt: new Date(Date.UTC(2024, 9, day)),
  // A BCP-47 tag MongoDB's text index must not take for a text language.
  language: 'en-GB',
});

const ARTICLES: Article[] = [
  article('article/title-denial', 'Minister denies troop deployment', 'The minister said nothing else about the border.', 'actor/wire', 1),
  article('article/body-denial', 'Border talks resume', 'Officials said the minister denied any deployment of troops near the border, and repeated it on Tuesday evening.', 'actor/daily', 2),
  article('article/weather', 'Weather report', 'Sunny skies over the capital.', 'actor/daily', 3),
  article('article/korea', 'North Korean troops in Russia', 'Reports say North Korea sent troops; Seoul confirmed.', 'actor/wire', 4),
  article('article/summit', 'Korea summit', 'Leaders from the south and the north met in the Korea north region.', 'actor/wire', 5),
];

const STATEMENTS = [
  { _id: 'statement/both', articleId: 'article/korea', claim: 'Troops crossed the border', quote: null, speakerIds: [] },
  { _id: 'statement/troops', articleId: 'article/korea', claim: 'Troops were seen', quote: null, speakerIds: [] },
  { _id: 'statement/border', articleId: 'article/summit', claim: 'The border is closed', quote: null, speakerIds: [] },
];

const ids = (documents: ReadonlyArray<{ _id: string }>): string[] => documents.map((document) => document._id);
const sortedIds = (documents: ReadonlyArray<{ _id: string }>): string[] => ids(documents).sort();
const byId = <T extends { _id: string }>(documents: readonly T[]): T[] => [...documents].sort((a, b) => a._id.localeCompare(b._id));
const search = (words: string): { $text: { $search: string } } => ({ $text: { $search: words } });
const textScore = { $meta: 'textScore' } as const;

describe.each(testEngines())('text search on the $name store engine', (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await engine.open();
    await store.upsertMany('articles', ARTICLES);
    await store.upsertMany('statements', STATEMENTS as never);
  });

  afterAll(async () => {
    await disposeStore(store);
  });

  it('finds documents by a stemmed word, whatever its inflection', async () => {
    for (const word of ['deny', 'denies', 'DENIED']) {
      expect(sortedIds(await store.find('articles', search(word)))).toEqual(['article/body-denial', 'article/title-denial']);
    }
    expect(await store.count('articles', search('deny'))).toBe(2);
  });

  it('ignores stop words, case and diacritics', async () => {
    expect(await store.find('articles', search('the about'))).toEqual([]);
    expect(sortedIds(await store.find('articles', search('SÉOUL')))).toEqual(['article/korea']);
  });

  it('ranks a title hit above a body hit', async () => {
    const found = await store.find<Article>('articles', search('denied'), { sort: { score: textScore } });
    expect(ids(found)).toEqual(['article/title-denial', 'article/body-denial']);
  });

  it('ranks documents holding more of the words above those holding fewer', async () => {
    const found = await store.find<Scored>('statements', search('troops border'), { sort: { score: textScore }, projection: { score: textScore } });
    expect(found[0]?._id).toBe('statement/both');
    expect(sortedIds(found.slice(1))).toEqual(['statement/border', 'statement/troops']);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });

  it('requires a quoted phrase as a phrase, not as separate words', async () => {
    expect(ids(await store.find('articles', search('"north korea"')))).toEqual(['article/korea']);
    expect(sortedIds(await store.find('articles', search('north korea')))).toEqual(['article/korea', 'article/summit']);
    expect(ids(await store.find('articles', search('summit "north korea"')))).toEqual(['article/korea']);
  });

  it('leaves out documents holding a negated word or phrase', async () => {
    expect(sortedIds(await store.find('articles', search('troops -korea')))).toEqual(['article/body-denial', 'article/title-denial']);
    expect(sortedIds(await store.find('articles', search('troops -"north korea"')))).toEqual(['article/body-denial', 'article/title-denial']);
    expect(await store.find('articles', search('-troops'))).toEqual([]);
  });

  it('combines with the other conditions of the filter, at the top level and in $and', async () => {
    expect(sortedIds(await store.find('articles', { ...search('troops'), publisherId: 'actor/wire' }))).toEqual(['article/korea', 'article/title-denial']);
    const since = { publishedAt: { $gte: new Date(Date.UTC(2024, 9, 2)) } };
    expect(sortedIds(await store.find('articles', { $and: [search('troops'), since] }))).toEqual(['article/body-denial', 'article/korea']);
    expect(await store.count('articles', { $and: [search('troops'), since], publisherId: 'actor/daily' })).toBe(1);
  });

  it('sorts by and projects the text score in find', async () => {
    const found = await store.find<Scored & { title?: string; body?: string }>('articles', search('deny'), { sort: { score: textScore }, projection: { title: 1, score: textScore } });
    expect(ids(found)).toEqual(['article/title-denial', 'article/body-denial']);
    for (const document of found) {
      expect(Object.keys(document).sort()).toEqual(['_id', 'score', 'title']);
      expect(document.score).toBeGreaterThan(0);
    }
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
    // The score alone keeps whole documents.
    const [whole] = await store.find<Article & Scored>('articles', search('weather'), { projection: { score: textScore } });
    expect(whole).toEqual({ ...ARTICLES[2], score: expect.any(Number) });
  });

  it('sorts by and adds the text score in aggregation pipelines', async () => {
    const projected = await store.aggregate<Scored & { title: string }>('articles', [
      { $match: search('deny') },
      { $sort: { score: textScore } },
      { $project: { title: 1, score: textScore } },
    ]);
    expect(ids(projected)).toEqual(['article/title-denial', 'article/body-denial']);
    expect(Object.keys(projected[0]!).sort()).toEqual(['_id', 'score', 'title']);
    expect(projected[0]!.score).toBeGreaterThan(projected[1]!.score);

    const added = await store.aggregate<Article & Scored>('articles', [
      { $match: { ...search('troops'), publisherId: 'actor/wire' } },
      { $addFields: { score: textScore } },
      { $sort: { score: -1, _id: 1 } },
      { $set: { doubled: { $multiply: [textScore, 2] } } },
    ]);
    expect(sortedIds(added)).toEqual(['article/korea', 'article/title-denial']);
    for (const document of added) {
      expect(Object.keys(document).sort()).toEqual(['_id', 'body', 'doubled', 'language', 'publishedAt', 'publisherId', 'score', 'title']);
      expect((document as unknown as { doubled: number }).doubled).toBeCloseTo(document.score * 2);
    }
  });

  it('refuses a text score without a $text condition, and a second $text', async () => {
    await expect(store.find('articles', {}, { sort: { score: textScore } })).rejects.toThrow(/text score metadata/);
    await expect(store.find('articles', { $and: [search('troops'), search('korea')] })).rejects.toThrow(/text/i);
    await expect(store.aggregate('articles', [{ $match: { publisherId: 'actor/wire' } }, { $match: search('troops') }])).rejects.toThrow(/\$text/);
  });

  it('keeps the index current on upsert: changed text is found by its new words, not its old ones', async () => {
    const before = ARTICLES[2]!;
    expect(ids(await store.find('articles', search('sunny')))).toEqual(['article/weather']);
    const changed: Article = { ...before, title: 'Storm warning', body: 'Heavy rain over the capital.' };
    await store.upsertMany('articles', [changed]);
    expect(await store.find('articles', search('sunny weather'))).toEqual([]);
    expect(ids(await store.find('articles', search('storms')))).toEqual(['article/weather']);
    await store.upsertMany('articles', [before]);
    expect(ids(await store.find('articles', search('sunny')))).toEqual(['article/weather']);
  });
});

describe('text search on the embedded store engine specifically', () => {
  afterEach(() => jest.restoreAllMocks());

  it('takes its candidates from the text index, never from a collection scan', async () => {
    const store = new EmbeddedStore();
    await store.upsertMany('articles', ARTICLES);
    const scans = jest.spyOn(EmbeddedCollection.prototype, 'all');
    expect(await store.find('articles', { ...search('troops'), publishedAt: { $gte: new Date(0) } }, { sort: { score: textScore } })).toHaveLength(3);
    expect(await store.count('articles', search('troops'))).toBe(3);
    expect(await store.aggregate('articles', [{ $match: search('troops') }, { $sort: { score: textScore } }])).toHaveLength(3);
    expect(scans).not.toHaveBeenCalled();
    // The spy does see a scan when there is one.
    await store.find('articles', { title: { $regex: 'troops' } });
    expect(scans).toHaveBeenCalled();
    await store.close();
  });

  it('finds by the latest words after many rewrites, once the dead postings are swept out', async () => {
    const store = new EmbeddedStore();
    const version = (round: number) => Array.from({ length: 50 }, (_, index) => article(`article/${index}`, `Round${round} headline ${index}`, `Body of round${round}.`));
    // 40 rounds of 50 rewrites leave 1950 replaced versions behind 50 live ones: enough to compact.
    for (let round = 0; round < 40; round += 1) await store.upsertMany('articles', version(round));
    expect(await store.count('articles', search('round39'))).toBe(50);
    expect(await store.count('articles', search('round38 round0'))).toBe(0);
    const [best] = await store.find<Scored>('articles', search('round39 headline'), { sort: { score: textScore, _id: 1 }, limit: 1, projection: { score: textScore } });
    expect(best).toEqual({ _id: 'article/0', score: expect.any(Number), title: 'Round39 headline 0', body: 'Body of round39.', publisherId: 'actor/wire', publishedAt: expect.any(Date), language: 'en-GB' });
    await store.close();
  });

  it('refuses $text on a collection without a text index, and under $or', async () => {
    const bare = new EmbeddedCollection('bare', []);
    expect(() => bare.textMatches({ terms: ['x'], negatedTerms: [], phrases: [], negatedPhrases: [] })).toThrow(/text index required/);
    const store = new EmbeddedStore();
    await expect(store.find('articles', { $or: [search('troops'), { publisherId: 'actor/wire' }] })).rejects.toThrow(/top level/);
    await store.close();
  });

  it('rebuilds the text index from the durable store when it reopens', async () => {
    const folder = temporaryDirectory('embedded-text');
    try {
      const first = await EmbeddedStore.open(folder.directory);
      await first.upsertMany('articles', ARTICLES);
      const changed: Article = { ...ARTICLES[2]!, body: 'Hail over the capital.' };
      await first.upsertMany('articles', [changed]);
      await first.close();
      const reopened = await EmbeddedStore.open(folder.directory);
      expect(ids(await reopened.find('articles', search('deny'), { sort: { score: textScore } }))).toEqual(['article/title-denial', 'article/body-denial']);
      expect(ids(await reopened.find('articles', search('hail')))).toEqual(['article/weather']);
      expect(await reopened.find('articles', search('sunny'))).toEqual([]);
      await reopened.close();
    } finally {
      folder.remove();
    }
  });
});

interface Report {
  _id: string;
  kind: string;
  relayIds: string[];
  sourceIds: string[];
}

interface Actor {
  _id: string;
  name: string;
  affiliationId: string | null;
}

type WithChain<K extends string> = { _id: string } & Record<K, Array<{ _id: string; depth: number }>>;

const report = (id: string, relayIds: string[], kind = 'news-report'): Report => ({ _id: id, kind, relayIds, sourceIds: [] });

/** r5 relays r4, which relays r3 ... down to r1; ra and rb relay each other. */
const REPORTS: Report[] = [
  report('report/1', []),
  report('report/2', ['report/1']),
  report('report/3', ['report/2']),
  report('report/4', ['report/3'], 'press-release'),
  report('report/5', ['report/4']),
  report('report/a', ['report/b']),
  report('report/b', ['report/a', 'report/missing']),
];

const ACTORS: Actor[] = [
  { _id: 'actor/spokesperson', name: 'Spokesperson', affiliationId: 'actor/ministry' },
  { _id: 'actor/ministry', name: 'Ministry of Defence', affiliationId: 'actor/government' },
  { _id: 'actor/government', name: 'Government', affiliationId: null },
];

const depths = (chain: ReadonlyArray<{ _id: string; depth: number }>): Array<[string, number]> => byId(chain).map((document) => [document._id, document.depth]);

const relayChain = (maxDepth: number): Pipeline => [
  { $match: { _id: { $in: ['report/5'] } } },
  { $graphLookup: { from: 'reports', startWith: '$relayIds', connectFromField: 'relayIds', connectToField: '_id', as: 'chain', maxDepth, depthField: 'depth' } },
];

describe.each(testEngines())('$graphLookup on the $name store engine', (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await engine.open();
    await store.upsertMany('reports', REPORTS as never);
    await store.upsertMany('actors', ACTORS as never);
  });

  afterAll(async () => {
    await disposeStore(store);
  });

  it('follows a relay chain to maxDepth, numbering the depth from 0', async () => {
    const [one] = await store.aggregate<WithChain<'chain'>>('reports', relayChain(1));
    expect(depths(one!.chain)).toEqual([
      ['report/3', 1],
      ['report/4', 0],
    ]);
    const [all] = await store.aggregate<WithChain<'chain'>>('reports', relayChain(7));
    expect(depths(all!.chain)).toEqual([
      ['report/1', 3],
      ['report/2', 2],
      ['report/3', 1],
      ['report/4', 0],
    ]);
    expect(byId(all!.chain)[0]).toEqual({ ...REPORTS[0], depth: 3 });
  });

  it('survives a cycle, returning each document once', async () => {
    const [found] = await store.aggregate<WithChain<'chain'>>('reports', [
      { $match: { _id: 'report/a' } },
      { $graphLookup: { from: 'reports', startWith: '$relayIds', connectFromField: 'relayIds', connectToField: '_id', as: 'chain', depthField: 'depth' } },
    ]);
    expect(depths(found!.chain)).toEqual([
      ['report/a', 1],
      ['report/b', 0],
    ]);
  });

  it('follows reverse links: who relays a report, transitively', async () => {
    const [found] = await store.aggregate<WithChain<'relayedBy'>>('reports', [
      { $match: { _id: 'report/2' } },
      { $graphLookup: { from: 'reports', startWith: '$_id', connectFromField: '_id', connectToField: 'relayIds', as: 'relayedBy', depthField: 'depth' } },
    ]);
    expect(depths(found!.relayedBy)).toEqual([
      ['report/3', 0],
      ['report/4', 1],
      ['report/5', 2],
    ]);
  });

  it('follows actor affiliation chains, and stops at a null affiliation', async () => {
    const found = await store.aggregate<WithChain<'chain'>>('actors', [
      { $sort: { _id: 1 } },
      { $graphLookup: { from: 'actors', startWith: '$affiliationId', connectFromField: 'affiliationId', connectToField: '_id', as: 'chain', depthField: 'depth' } },
      { $project: { chain: 1 } },
    ]);
    expect(found.map((actor) => [actor._id, depths(actor.chain)])).toEqual([
      ['actor/government', []],
      ['actor/ministry', [['actor/government', 0]]],
      [
        'actor/spokesperson',
        [
          ['actor/government', 1],
          ['actor/ministry', 0],
        ],
      ],
    ]);
  });

  it('neither returns nor follows documents outside restrictSearchWithMatch', async () => {
    const [found] = await store.aggregate<WithChain<'chain'>>('reports', [
      { $match: { _id: 'report/5' } },
      {
        $graphLookup: {
          from: 'reports',
          startWith: '$relayIds',
          connectFromField: 'relayIds',
          connectToField: '_id',
          as: 'chain',
          depthField: 'depth',
          restrictSearchWithMatch: { kind: 'news-report' },
        },
      },
    ]);
    expect(found!.chain).toEqual([]);
  });
});

describe('$graphLookup on the embedded store engine specifically', () => {
  afterEach(() => jest.restoreAllMocks());

  /**
   * A small random graph (fixed seed): reports relaying 0-3 others, actors in affiliation trees
   * and loops. Every reference resolves: given one to a missing document, mingo 7's own
   * $graphLookup returns a phantom `{ depth }` entry and stops following that level's later
   * documents (the cycle test above covers a missing reference on every engine).
   */
  function generatedGraph(): { reports: Report[]; actors: Actor[] } {
    let state = 12345;
    const random = (n: number): number => {
      state = (state * 48271) % 2147483647;
      return state % n;
    };
    const reports = Array.from({ length: 60 }, (_, index) =>
      report(
        `report/${index}`,
        Array.from({ length: random(4) }, () => `report/${random(60)}`),
        random(3) === 0 ? 'press-release' : 'news-report',
      ),
    );
    const actors = Array.from({ length: 40 }, (_, index) => ({ _id: `actor/${index}`, name: `Actor ${index}`, affiliationId: random(5) === 0 ? null : `actor/${random(40)}` }));
    return { reports, actors };
  }

  const graphLookup = (spec: Record<string, unknown>): Pipeline => [{ $sort: { _id: 1 } }, { $graphLookup: { as: 'found', depthField: 'depth', ...spec } }];

  const PIPELINES: Array<[string, 'reports' | 'actors', Pipeline]> = [
    ['relays', 'reports', graphLookup({ from: 'reports', startWith: '$relayIds', connectFromField: 'relayIds', connectToField: '_id' })],
    ['relays to depth 2', 'reports', graphLookup({ from: 'reports', startWith: '$relayIds', connectFromField: 'relayIds', connectToField: '_id', maxDepth: 2 })],
    ['relayed by', 'reports', graphLookup({ from: 'reports', startWith: '$_id', connectFromField: '_id', connectToField: 'relayIds' })],
    [
      'news relays only',
      'reports',
      graphLookup({ from: 'reports', startWith: '$relayIds', connectFromField: 'relayIds', connectToField: '_id', restrictSearchWithMatch: { kind: 'news-report' } }),
    ],
    ['affiliations', 'actors', graphLookup({ from: 'actors', startWith: '$affiliationId', connectFromField: 'affiliationId', connectToField: '_id' })],
    ['members', 'actors', graphLookup({ from: 'actors', startWith: '$_id', connectFromField: '_id', connectToField: 'affiliationId', maxDepth: 1 })],
    ['relayed by, without depth', 'reports', [{ $match: { _id: { $in: ['report/1', 'report/2', 'report/3'] } } }, { $graphLookup: { from: 'reports', startWith: '$_id', connectFromField: '_id', connectToField: 'relayIds', as: 'found' } }]],
  ];

  it.each(PIPELINES)('gives the same results as mingo’s own scanning $graphLookup: %s', async (_name, collection, pipeline) => {
    const { reports, actors } = generatedGraph();
    const store = new EmbeddedStore();
    await store.upsertMany('reports', reports as never);
    await store.upsertMany('actors', actors as never);
    const normalise = (documents: ReadonlyArray<{ _id: string; found: Array<{ _id: string }> }>) =>
      byId(documents).map((document) => ({ ...document, found: byId(document.found) }));
    const collections: Record<string, Array<Record<string, unknown>>> = { reports: reports as never, actors: actors as never };
    const expected = mingoAggregate(collections[collection]!, pipeline as Array<Record<string, unknown>>, { collectionResolver: (name) => collections[name]! });
    const scans = jest.spyOn(EmbeddedCollection.prototype, 'all');
    const actual = await store.aggregate<{ _id: string; found: Array<{ _id: string }> }>(collection, pipeline);
    expect(normalise(actual)).toEqual(normalise(expected as never));
    expect(actual.some((document) => document.found.length > 1)).toBe(true);
    // The input of a pipeline without a leading $match is the collection; nothing else is scanned.
    expect(scans.mock.calls.length).toBeLessThanOrEqual(1);
    await store.close();
  });

  it('leaves a stage whose connectToField has no index to mingo, with the same answer', async () => {
    const store = new EmbeddedStore();
    await store.upsertMany('actors', ACTORS as never);
    const scans = jest.spyOn(EmbeddedCollection.prototype, 'all');
    const [found] = await store.aggregate<WithChain<'chain'>>('actors', [
      { $match: { _id: 'actor/government' } },
      { $graphLookup: { from: 'actors', startWith: 'Ministry of Defence', connectFromField: '_id', connectToField: 'name', as: 'chain', depthField: 'depth' } },
    ]);
    expect(depths(found!.chain)).toEqual([['actor/ministry', 0]]);
    expect(scans).toHaveBeenCalled();
    await store.close();
  });

  it('answers $graphLookup stages from the indexes, wherever they are in the pipeline', async () => {
    const store = new EmbeddedStore();
    await store.upsertMany('reports', REPORTS as never);
    const scans = jest.spyOn(EmbeddedCollection.prototype, 'all');
    const found = await store.aggregate<WithChain<'chain'>>('reports', [
      { $match: { _id: { $in: ['report/3', 'report/5'] } } },
      { $project: { relayIds: 1 } },
      { $graphLookup: { from: 'reports', startWith: '$relayIds', connectFromField: 'relayIds', connectToField: '_id', as: 'chain', depthField: 'depth' } },
      { $facet: { reverse: [{ $graphLookup: { from: 'reports', startWith: '$_id', connectFromField: '_id', connectToField: 'relayIds', as: 'chain', maxDepth: 0 } }] } },
    ]);
    expect(scans).not.toHaveBeenCalled();
    const { reverse } = (found as unknown as Array<{ reverse: Array<WithChain<'chain'>> }>)[0]!;
    expect(byId(reverse).map((document) => [document._id, sortedIds(document.chain)])).toEqual([
      ['report/3', ['report/4']],
      ['report/5', []],
    ]);
    await store.close();
  });
});
