import type { ReportDocument } from '../src/report/report.model';
import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

const report = (id: string, relayIds: string[], publisherId: string | null = null, sourceIds: string[] = []): ReportDocument => ({
  _id: id,
  kind: 'NEWS_REPORT',
  title: null,
  summary: null,
  publisherId,
  publishedAt: null,
  url: null,
  status: 'PUBLISHED',
  seenById: null,
  sourceIds,
  relayIds,
});

describe.each(testEngines())('provenance on the $name store', (engine) => {
  const seeded = useSeededGateway(engine, async (store) => {
    // A relay chain of 12 reports whose last one relays the first again (a cycle), and a statement through it.
    const chain = Array.from({ length: 12 }, (_, index) => report(`report/loop-${index}`, [`report/loop-${(index + 1) % 12}`], 'actor/yonhap'));
    await store.upsertMany('reports', chain);
    await store.upsertMany('statements', [
      {
        _id: 'statement/through-a-loop',
        articleId: 'article/afp-2024-10-22-north-korea-troops',
        position: 2800,
        claim: 'A claim relayed in a loop',
        quotes: [],
        quoteKind: 'PARAPHRASE',
        speakerIds: ['actor/robert-wood'],
        stance: 'ASSERTS',
        viaId: 'report/loop-0',
        derivations: [],
        respondsToId: null,
        respondsToReportId: null,
        madeAt: null,
        venue: null,
        evidence: [{ start: 0, end: 5, text: 'North' }],
      },
    ] as never);
  });

  const PATH = `attributionPath(maxDepth: $depth) {
      article { id }
      hops { depth report { id kind publisher { name } } }
      origins { id }
      originalPublishers { name }
      sources { name named }
      speakers { actor { name } affiliationChain { name } }
      truncated
    }`;

  interface Path {
    article: { id: string };
    hops: Array<{ depth: number; report: { id: string; kind: string; publisher: { name: string } | null } }>;
    origins: Array<{ id: string }>;
    originalPublishers: Array<{ name: string }>;
    sources: Array<{ name: string; named: boolean }>;
    speakers: Array<{ actor: { name: string }; affiliationChain: Array<{ name: string }> }>;
    truncated: boolean;
  }

  const pathOf = async (id: string, depth: number) => {
    const response = await seeded.gateway.query<{ statement: { attributionPath: Path } }>(`query($id: ID!, $depth: Int) { statement(id: $id) { ${PATH} } }`, { id, depth });
    expect(response.errors).toBeUndefined();
    return { path: response.data?.statement.attributionPath as Path, roundTrips: response.extensions?.storeRoundTrips };
  };

  it('follows the full path behind the Telegram photo claim: article, Yonhap, the post, the account', async () => {
    const { path } = await pathOf('statement/nk-troops-telegram-flags-photo', 8);
    expect(path.article.id).toBe('article/afp-2024-10-22-north-korea-troops');
    expect(path.hops).toEqual([
      { depth: 1, report: { id: 'report/yonhap-north-korea-troops', kind: 'NEWS_REPORT', publisher: { name: 'Yonhap' } } },
      { depth: 2, report: { id: 'report/telegram-flags-photo-post', kind: 'SOCIAL_MEDIA_POST', publisher: { name: 'Pro-Russia Telegram account' } } },
    ]);
    expect(path.origins).toEqual([{ id: 'report/telegram-flags-photo-post' }]);
    expect(path.originalPublishers).toEqual([{ name: 'Pro-Russia Telegram account' }]);
    expect(path.sources).toEqual([{ name: 'Pro-Russia Telegram account', named: false }]);
    expect(path.truncated).toBe(false);
  });

  it("gives the claims of Yonhap's one dispatch their own paths: the government source for one, the Telegram post for another", async () => {
    const { path: team } = await pathOf('statement/nk-troops-monitoring-team-considered', 8);
    expect(team.hops).toEqual([{ depth: 1, report: { id: 'report/yonhap-north-korea-troops', kind: 'NEWS_REPORT', publisher: { name: 'Yonhap' } } }]);
    expect(team.origins).toEqual([{ id: 'report/yonhap-north-korea-troops' }]);
    expect(team.sources).toEqual([{ name: 'South Korean government source', named: false }]);
    const { path: wood } = await pathOf('statement/nk-troops-wood-dangerous-development', 8);
    expect(wood.hops.map((hop) => hop.report.id)).toEqual(['report/wood-security-council-remarks']);
    const { path: seen } = await pathOf('statement/nk-troops-wood-seen-reports', 8);
    expect(seen.hops.map((hop) => hop.report.id)).toEqual(['report/wood-security-council-remarks', 'report/unnamed-reports-dprk-forces']);
    expect(seen.originalPublishers).toEqual([]);
  });

  it("gives each speaker's affiliation chain", async () => {
    const { path } = await pathOf('statement/nk-troops-dprk-denial', 8);
    expect(path.speakers).toEqual([{ actor: { name: 'North Korean representative to the UN' }, affiliationChain: [{ name: 'DPRK delegation to the United Nations' }, { name: 'North Korea' }] }]);
  });

  it('stops at maxDepth and says the path was cut short', async () => {
    const { path } = await pathOf('statement/nk-troops-telegram-flags-photo', 1);
    expect(path.hops.map((hop) => hop.report.id)).toEqual(['report/yonhap-north-korea-troops']);
    expect(path.truncated).toBe(true);
    const speakers = await pathOf('statement/nk-troops-dprk-denial', 1);
    expect(speakers.path.speakers[0]?.affiliationChain).toEqual([{ name: 'DPRK delegation to the United Nations' }]);
    expect(speakers.path.truncated).toBe(true);
  });

  it('follows a relay cycle once and ends', async () => {
    const { path } = await pathOf('statement/through-a-loop', 32);
    expect(path.hops.map((hop) => hop.report.id)).toEqual(Array.from({ length: 12 }, (_, index) => `report/loop-${index}`));
    expect(path.hops.map((hop) => hop.depth)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect(path.origins).toEqual([]);
    expect(path.truncated).toBe(false);
  });

  it('costs the same store calls at depth 1 and at depth 8', async () => {
    const shallow = await pathOf('statement/through-a-loop', 1);
    const deep = await pathOf('statement/through-a-loop', 8);
    expect(deep.path.hops).toHaveLength(8);
    expect(deep.roundTrips).toBe(shallow.roundTrips);
    // statement; article + relay chain + speakers + affiliation chains; publishers and sources.
    expect(deep.roundTrips).toBeLessThanOrEqual(6);
  });

  it('answers relayChain and affiliationChain on their own, and refuses a depth out of range', async () => {
    const response = await seeded.gateway.query<{ report: { relayChain: Array<{ depth: number; report: { id: string } }> }; actor: { affiliationChain: Array<{ id: string }> } }>(
      '{ report(id: "report/yonhap-north-korea-troops") { relayChain { depth report { id } } } actor(id: "actor/dprk-un-representative") { affiliationChain(maxDepth: 4) { id } } }',
    );
    expect(response.data?.report.relayChain).toEqual([{ depth: 1, report: { id: 'report/telegram-flags-photo-post' } }]);
    expect(response.data?.actor.affiliationChain).toEqual([{ id: 'actor/dprk-un-delegation' }, { id: 'actor/north-korea' }]);
    const refused = await seeded.gateway.query('{ actor(id: "actor/robert-wood") { affiliationChain(maxDepth: 33) { id } } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'maxDepth' });
  });
});
