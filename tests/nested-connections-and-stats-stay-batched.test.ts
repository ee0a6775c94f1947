import { storeGeneratedArticle } from './support/generated-article';
import { SEED_ARTICLE_ID } from './support/gateway';
import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

describe.each(testEngines())('nested connections and stats on the $name store', (engine) => {
  const seeded = useSeededGateway(engine, async (store) => {
    await storeGeneratedArticle(store, 'article/generated', 60);
  });

  const roundTripsOf = async (query: string): Promise<number> => {
    const response = await seeded.gateway.query(query);
    expect(response.errors).toBeUndefined();
    return response.extensions?.storeRoundTrips as number;
  };

  it('costs one call per level for a page of statements of each of 50 actors, as for 5', async () => {
    const query = (count: number) =>
      `{ actors(filter: { nameContains: "actor/speaker-generated" }, orderBy: { field: ID }, first: ${count}) {
          nodes { id statements(first: 2) { totalCount nodes { claim respondsTo { id } } } members { totalCount } }
        } }`;
    // actors page; statement pages; statement counts; respondsTo statements; member pages; member counts.
    expect(await roundTripsOf(query(50))).toBe(6);
    expect(await roundTripsOf(query(5))).toBe(6);
  });

  it('gives every actor of a batch its own page', async () => {
    const response = await seeded.gateway.query<{ actors: { nodes: Array<{ id: string; statements: { totalCount: number; nodes: Array<{ claim: string }> } }> } }>(
      '{ actors(filter: { nameContains: "actor/speaker-generated" }, orderBy: { field: ID }, first: 3) { nodes { id statements(first: 2) { totalCount nodes { claim } } } } }',
    );
    for (const actor of response.data?.actors.nodes ?? []) {
      const index = actor.id.slice('actor/speaker-generated-'.length);
      expect(actor.statements).toEqual({ totalCount: 1, nodes: [{ claim: `claim ${index}` }] });
    }
  });

  it("counts an article's statements by stance and by speaker without another store call", async () => {
    const response = await seeded.gateway.query<{ article: { stats: { statementCount: number; byStance: Array<{ stance: string; count: number }>; bySpeaker: Array<{ actor: { id: string }; count: number }> } } }>(
      `{ article(id: "${SEED_ARTICLE_ID}") { stats { statementCount byStance { stance count } bySpeaker { actor { id } count } } } }`,
    );
    const stats = response.data?.article.stats;
    expect(stats?.statementCount).toBe(18);
    expect(stats?.byStance[0]).toEqual({ stance: 'ASSERTS', count: 5 });
    expect(stats?.byStance.reduce((sum, entry) => sum + entry.count, 0)).toBe(18);
    expect(stats?.bySpeaker.slice(0, 2)).toEqual([
      { actor: { id: 'actor/united-states' }, count: 4 },
      { actor: { id: 'actor/dprk-un-representative' }, count: 3 },
    ]);
    // article; its statements; the speakers.
    expect(response.extensions?.storeRoundTrips).toBe(3);
  });

  it("sums up an actor's statements by stance and the articles they speak in", async () => {
    const response = await seeded.gateway.query<{ actor: { stats: { statementCount: number; byStance: Array<{ stance: string; count: number }>; articleCount: number; articles: Array<{ article: { id: string }; statementCount: number }> } } }>(
      '{ actor(id: "actor/united-states") { stats { statementCount byStance { stance count } articleCount articles { article { id } statementCount } } } }',
    );
    expect(response.data?.actor.stats).toEqual({
      statementCount: 4,
      byStance: [
        { stance: 'ASSERTS', count: 1 },
        { stance: 'EXPRESSES_CONCERN', count: 1 },
        { stance: 'HAS_NOT_CONFIRMED', count: 1 },
        { stance: 'WARNS', count: 1 },
      ],
      articleCount: 1,
      articles: [{ article: { id: SEED_ARTICLE_ID }, statementCount: 4 }],
    });
  });

  it('ranks the most cited sources across the corpus, optionally by kind', async () => {
    const response = await seeded.gateway.query<{
      all: Array<{ actor: { id: string }; statementCount: number; reportCount: number; claimCount: number; total: number }>;
      agencies: Array<{ actor: { id: string } }>;
    }>(
      '{ all: mostCitedSources(first: 3) { actor { id } statementCount reportCount claimCount total } agencies: mostCitedSources(kind: [GOVERNMENT_AGENCY]) { actor { id } } }',
    );
    expect(response.errors).toBeUndefined();
    // A tie on the total is broken by id.
    expect(response.data?.all.slice(0, 2)).toEqual([
      { actor: { id: 'actor/dprk-un-representative' }, statementCount: 3, reportCount: 1, claimCount: 0, total: 4 },
      { actor: { id: 'actor/united-states' }, statementCount: 4, reportCount: 0, claimCount: 0, total: 4 },
    ]);
    // Yonhap's one report cites the government source for two of its three claims.
    const sources = await seeded.gateway.query<{ mostCitedSources: Array<{ actor: { id: string }; reportCount: number; claimCount: number }> }>(
      '{ mostCitedSources(first: 100) { actor { id } reportCount claimCount } }',
    );
    expect(sources.errors).toBeUndefined();
    expect(sources.data?.mostCitedSources.find((entry) => entry.actor.id === 'actor/south-korean-government-source')).toEqual({ actor: { id: 'actor/south-korean-government-source' }, reportCount: 1, claimCount: 2 });
    expect(response.data?.all.map((entry) => entry.total)).toEqual([...(response.data?.all ?? [])].map((entry) => entry.total).sort((a, b) => b - a));
    expect(response.data?.agencies).toEqual([{ actor: { id: 'actor/nis' } }]);
  });
});
