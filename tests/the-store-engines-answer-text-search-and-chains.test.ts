import { EmbeddedStore } from '../src/store/embedded/index';
import type { Store } from '../src/store/store';
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
const search = (words: string): { $text: { $search: string } } => ({ $text: { $search: words } });

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

  const ranked = async (collection: 'articles' | 'statements', words: string, after?: Parameters<Store['textSearch']>[3]) => (await (store.textSearch(collection, words, 10, after) as Promise<unknown> as Promise<Array<{ score: number; document: Article }>>)).map((hit) => hit.document._id);

  it('finds documents by a stemmed word, whatever its inflection', async () => {
    for (const word of ['deny', 'denies', 'DENIED']) {
      expect(sortedIds(await store.find('articles', search(word)))).toEqual(['article/body-denial', 'article/title-denial']);
    }
    expect(await store.count('articles', search('deny'))).toBe(2);
  });

  it('ignores stop words, case and diacritics', async () => {
    expect(await store.find('articles', search('the about'))).toEqual([]);
    expect(await store.textSearch('articles', 'the about', 10)).toEqual([]);
    expect(sortedIds(await store.find('articles', search('SÉOUL')))).toEqual(['article/korea']);
  });

  it('ranks a title hit above a body hit', async () => {
    expect(await ranked('articles', 'denied')).toEqual(['article/title-denial', 'article/body-denial']);
  });

  it('ranks documents holding more of the words above those holding fewer', async () => {
    const found = await (store.textSearch('statements', 'troops border', 10) as Promise<Array<{ score: number; document: { _id: string } }>>);
    expect(found[0]?.document._id).toBe('statement/both');
    expect(sortedIds(found.slice(1).map((hit) => hit.document))).toEqual(['statement/border', 'statement/troops']);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
    expect(found[2]!.score).toBeGreaterThan(0);
  });

  it('returns whole documents, and pages after a score and id', async () => {
    const [first, second] = await (store.textSearch('articles', 'deny', 10) as Promise<unknown> as Promise<Array<{ score: number; document: Article }>>);
    expect(first?.document).toEqual(ARTICLES[0]);
    const after = { $or: [{ __score: { $lt: first!.score } }, { __score: first!.score, _id: { $gt: first!.document._id } }] };
    expect(await ranked('articles', 'deny', after)).toEqual([second!.document._id]);
    expect(await ranked('articles', 'deny', { __score: { $lt: second!.score } })).toEqual([]);
  });

  it('requires a quoted phrase as a phrase, not as separate words', async () => {
    expect(ids(await store.find('articles', search('"north korea"')))).toEqual(['article/korea']);
    expect(sortedIds(await store.find('articles', search('north korea')))).toEqual(['article/korea', 'article/summit']);
    expect(ids(await store.find('articles', search('summit "north korea"')))).toEqual(['article/korea']);
    expect(await ranked('articles', 'summit "north korea"')).toEqual(['article/korea']);
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

describe.each(testEngines())('search ties on the $name store engine', (engine) => {
  // Documents with the same text score alike; ties are ordered by id, also where a page ends
  // inside a tie and a cursor continues within it.
  const TWINS = ['e', 'c', 'a', 'd', 'b'].map((letter, at) => article(`article/twin-${letter}`, 'Harbour strike', 'Dockers walked out at dawn.', 'actor/wire', at + 1));
  let store: Store;

  beforeAll(async () => {
    store = await engine.open();
    await store.upsertMany('articles', [...TWINS, article('article/harbour-title', 'Harbour strike, harbour closed', 'Dockers walked out at dawn.', 'actor/daily', 9)]);
  });

  afterAll(async () => {
    await disposeStore(store);
  });

  /** Every hit of `words`, `size` at a time, each page after the last hit's score and id. */
  async function pageThrough(words: string, size: number): Promise<string[][]> {
    const pages: string[][] = [];
    let after: Parameters<Store['textSearch']>[3];
    for (;;) {
      const hits = await store.textSearch('articles', words, size, after);
      if (hits.length === 0) return pages;
      pages.push(hits.map((hit) => hit.document._id));
      const last = hits[hits.length - 1] as { score: number; document: { _id: string } };
      after = { $or: [{ __score: { $lt: last.score } }, { __score: last.score, _id: { $gt: last.document._id } }] };
    }
  }

  it.each([1, 2, 3, 6])('pages through a tie by id, %i hits a page', async (size) => {
    const pages = await pageThrough('harbour', size);
    const order = ['article/harbour-title', ...['a', 'b', 'c', 'd', 'e'].map((letter) => `article/twin-${letter}`)];
    expect(pages.flat()).toEqual(order);
    expect(pages.map((page) => page.length)).toEqual(Array.from({ length: Math.ceil(order.length / size) }, (_, at) => Math.min(size, order.length - at * size)));
  });

  it('continues after a score bound alone, ties included', async () => {
    const [top] = await store.textSearch('articles', 'harbour', 1);
    const tied = await store.textSearch('articles', 'harbour', 10, { __score: { $lt: (top as { score: number }).score } });
    expect(ids(tied.map((hit) => hit.document))).toEqual(['a', 'b', 'c', 'd', 'e'].map((letter) => `article/twin-${letter}`));
  });
});

describe('text search on the embedded store engine specifically', () => {
  it('keeps the text index on disk: a reopened store finds the latest words', async () => {
    const folder = temporaryDirectory('embedded-text');
    try {
      const first = await EmbeddedStore.open(folder.directory);
      await first.upsertMany('articles', ARTICLES);
      const changed: Article = { ...ARTICLES[2]!, body: 'Hail over the capital.' };
      await first.upsertMany('articles', [changed]);
      await first.close();
      const reopened = await EmbeddedStore.open(folder.directory);
      expect((await reopened.textSearch('articles', 'deny', 10)).map((hit) => hit.document._id)).toEqual(['article/title-denial', 'article/body-denial']);
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

describe.each(testEngines())('chains on the $name store engine', (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await engine.open();
    await store.upsertMany('reports', REPORTS as never);
    await store.upsertMany('actors', ACTORS as never);
  });

  afterAll(async () => {
    await disposeStore(store);
  });

  const depths = async (collection: 'reports' | 'actors', rootId: string, field: string, maxDepth: number) => {
    const [found] = await (store.chains(collection, [rootId], field, maxDepth) as Promise<unknown> as Promise<Array<{ root: { _id: string }; chain: Array<{ depth: number; document: { _id: string } }> }>>);
    return found?.chain.map((link) => [link.document._id, link.depth]);
  };

  it('follows a relay chain to maxDepth, numbering the depth from 1', async () => {
    expect(await depths('reports', 'report/5', 'relayIds', 2)).toEqual([
      ['report/4', 1],
      ['report/3', 2],
    ]);
    expect(await depths('reports', 'report/5', 'relayIds', 8)).toEqual([
      ['report/4', 1],
      ['report/3', 2],
      ['report/2', 3],
      ['report/1', 4],
    ]);
    const [all] = await (store.chains('reports', ['report/5'], 'relayIds', 8) as Promise<unknown> as Promise<Array<{ root: Report; chain: Array<{ depth: number; document: Report }> }>>);
    expect(all?.root).toEqual(REPORTS[4]);
    expect(all?.chain[3]?.document).toEqual(REPORTS[0]);
  });

  it('survives a cycle, returning each document once and never the root', async () => {
    expect(await depths('reports', 'report/a', 'relayIds', 50)).toEqual([['report/b', 1]]);
  });

  it('answers many roots at once, leaving out roots that are not stored', async () => {
    const found = await (store.chains('reports', ['report/2', 'report/missing', 'report/4'], 'relayIds', 1) as Promise<unknown> as Promise<Array<{ root: { _id: string }; chain: Array<{ depth: number; document: { _id: string } }> }>>);
    expect(found.map((entry) => [entry.root._id, entry.chain.map((link) => link.document._id)]).sort()).toEqual([
      ['report/2', ['report/1']],
      ['report/4', ['report/3']],
    ]);
  });

  it('follows actor affiliation chains, and stops at a null affiliation', async () => {
    expect(await depths('actors', 'actor/spokesperson', 'affiliationId', 5)).toEqual([
      ['actor/ministry', 1],
      ['actor/government', 2],
    ]);
    expect(await depths('actors', 'actor/government', 'affiliationId', 5)).toEqual([]);
  });
});
