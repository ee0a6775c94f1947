import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

interface Connection {
  totalCount: number;
  nodes: Array<{ id: string }>;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = 'totalCount nodes { id } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

describe.each(testEngines())('filtering, ordering and paging lists on the $name store', (engine) => {
  const seeded = useSeededGateway(engine);

  const list = async (field: string, args: string, variables: Record<string, unknown> = {}, declarations = ''): Promise<Connection> => {
    const response = await seeded.gateway.query<Record<string, Connection>>(`query${declarations ? `(${declarations})` : ''} { ${field}(${args}) { ${PAGE} } }`, variables);
    expect(response.errors).toBeUndefined();
    return response.data?.[field] as Connection;
  };
  const ids = (connection: Connection) => connection.nodes.map((node) => node.id);
  const errorOf = async (query: string) => (await seeded.gateway.query(query)).errors?.[0];

  describe('statements', () => {
    it('filters by speaker: everything Robert Wood said', async () => {
      expect(ids(await list('statements', 'filter: { speakerId: "actor/robert-wood" }'))).toEqual(['statement/nk-troops-wood-seen-reports', 'statement/nk-troops-wood-dangerous-development']);
    });

    it('filters by stance: all denials', async () => {
      expect(ids(await list('statements', 'filter: { stance: [DENIES] }'))).toEqual(['statement/nk-troops-dprk-denial', 'statement/nk-troops-russian-envoy-cooperation']);
      expect((await list('statements', 'filter: { stance: [DENIES, HAS_NOT_CONFIRMED] }')).totalCount).toBe(4);
    });

    it('filters by the publisher of the via report: statements that came through Yonhap', async () => {
      expect(ids(await list('statements', 'filter: { viaPublisherId: "actor/yonhap" }'))).toEqual([
        'statement/nk-troops-monitoring-team-considered',
        'statement/nk-troops-monitoring-team-composition',
        'statement/nk-troops-telegram-flags-photo',
      ]);
    });

    it('filters by via report, quote kind, article and date range', async () => {
      expect((await list('statements', 'filter: { viaId: "report/dprk-committee-remarks" }')).totalCount).toBe(3);
      expect(ids(await list('statements', 'filter: { quoteKind: [DIRECT], speakerId: "actor/dprk-un-representative" }'))).toEqual(['statement/nk-troops-dprk-no-need-to-comment']);
      expect((await list('statements', 'filter: { articleId: "article/afp-2024-10-22-north-korea-troops" }')).totalCount).toBe(18);
      expect(ids(await list('statements', 'filter: { madeAt: { from: "2024-10-18", to: "2024-10-19" } }'))).toEqual(['statement/nk-troops-nis-large-scale-deployment']);
    });

    it('matches text literally and case-insensitively in claim or quote', async () => {
      expect(ids(await list('statements', 'filter: { textContains: "GROUNDLESS" }'))).toEqual(['statement/nk-troops-dprk-denial', 'statement/nk-troops-dprk-no-need-to-comment']);
      expect((await list('statements', 'filter: { textContains: ".*" }')).totalCount).toBe(0);
      expect((await list('statements', 'filter: { textContains: "(" }')).totalCount).toBe(0);
    });

    it('orders by when statements were made, in both directions, nulls first ascending', async () => {
      const ascending = ids(await list('statements', 'orderBy: { field: MADE_AT, direction: ASC }, first: 100'));
      const descending = ids(await list('statements', 'orderBy: { field: MADE_AT, direction: DESC }, first: 100'));
      expect(descending).toEqual([...ascending].reverse());
      expect(ascending.indexOf('statement/nk-troops-nis-large-scale-deployment')).toBeLessThan(ascending.indexOf('statement/nk-troops-dprk-denial'));
    });
  });

  it('filters and orders actors', async () => {
    expect(ids(await list('actors', 'filter: { kind: [NEWS_AGENCY] }'))).toEqual(['actor/afp', 'actor/yonhap']);
    expect((await list('actors', 'filter: { named: false }')).totalCount).toBe(6);
    expect(ids(await list('actors', 'filter: { affiliationId: "actor/south-korea" }'))).toEqual(['actor/nis', 'actor/south-korean-government-source']);
    expect(ids(await list('actors', 'filter: { nameContains: "pyongyang" }'))).toEqual(['actor/north-korea']);
    expect(ids(await list('actors', 'filter: { country: "US" }, orderBy: { field: NAME, direction: DESC }'))).toEqual(['actor/united-states', 'actor/robert-wood']);
  });

  it('filters reports and articles', async () => {
    expect(ids(await list('reports', 'filter: { kind: [SPEECH] }, orderBy: { field: ID }'))).toEqual(['report/dprk-committee-remarks', 'report/wood-security-council-remarks']);
    expect((await list('reports', 'filter: { publisherId: "actor/yonhap" }')).totalCount).toBe(1);
    expect(ids(await list('reports', 'filter: { publishedAt: { from: "2024-10-22" } }'))).toEqual(['report/yonhap-north-korea-troops']);
    expect((await list('articles', 'filter: { publisherId: "actor/afp", publishedAt: { from: "2024-10-01", to: "2024-11-01" } }')).totalCount).toBe(1);
    expect((await list('articles', 'filter: { publishedAt: { to: "2024-10-22" } }')).totalCount).toBe(0);
  });

  describe('pagination', () => {
    const all = async () => ids(await list('actors', 'orderBy: { field: NAME }, first: 100'));

    it('pages forward to the end, then reports no next page', async () => {
      const everything = await all();
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: Connection = await list('actors', 'orderBy: { field: NAME }, first: 5, after: $after', { after }, '$after: String');
        pages += 1;
        seen.push(...ids(page));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(4);
      expect(seen).toEqual(everything);
    });

    it('pages backward with last and before', async () => {
      const everything = await all();
      const last = await list('actors', 'orderBy: { field: NAME }, last: 5');
      expect(ids(last)).toEqual(everything.slice(-5));
      expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      const before = await list('actors', 'orderBy: { field: NAME }, last: 5, before: $before', { before: last.pageInfo.startCursor }, '$before: String');
      expect(ids(before)).toEqual(everything.slice(-10, -5));
      expect(before.pageInfo.hasNextPage).toBe(true);
    });

    it('answers an empty page past the end', async () => {
      const last = await list('actors', 'orderBy: { field: NAME }, last: 1');
      const past = await list('actors', 'orderBy: { field: NAME }, first: 5, after: $after', { after: last.pageInfo.endCursor }, '$after: String');
      expect(past.nodes).toEqual([]);
      expect(past.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
      expect(past.totalCount).toBe(16);
    });

    it('pages through an order with nulls in small pages, forward and backward, descending and ascending', async () => {
      // Past a descending cursor the nulls of the key come last: a page may end in the dated
      // statements and the next begin with the undated ones, or span both.
      for (const direction of ['ASC', 'DESC']) {
        const order = `orderBy: { field: MADE_AT, direction: ${direction} }`;
        const whole = ids(await list('statements', `${order}, first: 100`));
        for (const size of [1, 2, 3, 7]) {
          const forward: string[] = [];
          for (let after: string | null = null; ; ) {
            const page: Connection = await list('statements', `${order}, first: ${size}, after: $after`, { after }, '$after: String');
            forward.push(...ids(page));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          expect(forward).toEqual(whole);
          const backward: string[][] = [];
          for (let before: string | null = null; ; ) {
            const page: Connection = await list('statements', `${order}, last: ${size}, before: $before`, { before }, '$before: String');
            backward.unshift(ids(page));
            if (!page.pageInfo.hasPreviousPage) break;
            before = page.pageInfo.startCursor;
          }
          expect(backward.flat()).toEqual(whole);
        }
      }
    });

    it('keeps a stable order on ties through the id', async () => {
      const byStance = await list('statements', 'filter: { stance: [ASSERTS] }, orderBy: { field: MADE_AT }, first: 3');
      const next = await list('statements', 'filter: { stance: [ASSERTS] }, orderBy: { field: MADE_AT }, first: 100, after: $after', { after: byStance.pageInfo.endCursor }, '$after: String');
      const whole = await list('statements', 'filter: { stance: [ASSERTS] }, orderBy: { field: MADE_AT }, first: 100');
      expect([...ids(byStance), ...ids(next)]).toEqual(ids(whole));
    });

    it('refuses a cursor from another list or ordering, and bad page arguments, with coded errors', async () => {
      const actors = await list('actors', 'first: 1');
      const foreign = await errorOf(`{ statements(after: "${actors.pageInfo.endCursor}") { nodes { id } } }`);
      expect(foreign?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
      expect(foreign?.message).toMatch(/another query or orderBy/);
      const reordered = await errorOf(`{ actors(orderBy: { field: ID }, after: "${actors.pageInfo.endCursor}") { nodes { id } } }`);
      expect(reordered?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await errorOf('{ actors(first: 1, last: 1) { nodes { id } } }'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'last' });
      expect((await errorOf('{ actors(last: 101) { nodes { id } } }'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'last' });
      expect((await errorOf('{ actors(first: 0) { nodes { id } } }'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
      expect((await errorOf('{ statements(filter: { speakerId: "Robert Wood" }) { nodes { id } } }'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.speakerId' });
      expect((await errorOf(`{ statements(filter: { textContains: "${'x'.repeat(201)}" }) { nodes { id } } }`))?.extensions).toMatchObject({ argumentName: 'filter.textContains' });
      expect((await errorOf('{ statements(filter: { madeAt: { from: "2024-10-22", to: "2024-10-01" } }) { nodes { id } } }'))?.extensions).toMatchObject({ argumentName: 'filter.madeAt.to' });
    });
  });

  describe('nested connections', () => {
    it('page per parent with cursors, in both directions', async () => {
      type Result = { actor: { statements: Connection } };
      const first = await seeded.gateway.query<Result>(`{ actor(id: "actor/united-states") { statements(first: 2) { ${PAGE} } } }`);
      const page = first.data?.actor.statements as Connection;
      expect(page.totalCount).toBe(4);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const rest = await seeded.gateway.query<Result>(`query($after: String) { actor(id: "actor/united-states") { statements(first: 5, after: $after) { ${PAGE} } } }`, { after: page.pageInfo.endCursor });
      expect([...ids(page), ...ids(rest.data?.actor.statements as Connection)]).toEqual([
        'statement/nk-weapons-seoul-washington-claim',
        'statement/nk-troops-nato-us-not-confirmed',
        'statement/nk-troops-nato-us-escalation',
        'statement/nk-weapons-us-allies-concern',
      ]);
      const last = await seeded.gateway.query<Result>(`{ actor(id: "actor/united-states") { statements(last: 1) { ${PAGE} } } }`);
      expect(ids(last.data?.actor.statements as Connection)).toEqual(['statement/nk-weapons-us-allies-concern']);
    });

    it('pages every parent after one shared cursor, with the nulls last when descending', async () => {
      // One request pages each actor's statements after the same cursor: in a descending order
      // some actors' pages end in their dated statements, others reach the undated ones.
      type Result = { actors: { nodes: Array<{ id: string; statements: Connection }> } };
      for (const direction of ['ASC', 'DESC']) {
        const order = `orderBy: { field: MADE_AT, direction: ${direction} }`;
        const position = new Map(ids(await list('statements', `${order}, first: 100`)).map((id, index) => [id, index]));
        const whole = await seeded.gateway.query<Result>(`{ actors(first: 100) { nodes { id statements(${order}, first: 100) { ${PAGE} } } } }`);
        const actors = whole.data?.actors.nodes ?? [];
        const cursors = actors.flatMap((actor) => actor.statements.edges);
        expect(cursors.length).toBeGreaterThan(10);
        for (const cursor of cursors) {
          const after = await seeded.gateway.query<Result>(`query($after: String) { actors(first: 100) { nodes { id statements(${order}, first: 2, after: $after) { ${PAGE} } } } }`, { after: cursor.cursor });
          expect(after.errors).toBeUndefined();
          const pages = new Map(after.data?.actors.nodes.map((actor) => [actor.id, actor.statements]));
          for (const actor of actors) {
            const rest = ids(actor.statements).filter((id) => (position.get(id) as number) > (position.get(cursor.node.id) as number));
            const page = pages.get(actor.id) as Connection;
            expect([actor.id, ids(page), page.pageInfo.hasNextPage]).toEqual([actor.id, rest.slice(0, 2), rest.length > 2]);
          }
        }
      }
    });

    it('filters a nested connection', async () => {
      const response = await seeded.gateway.query<{ actor: { statements: Connection } }>(`{ actor(id: "actor/united-states") { statements(filter: { stance: [HAS_NOT_CONFIRMED] }) { ${PAGE} } } }`);
      expect(ids(response.data?.actor.statements as Connection)).toEqual(['statement/nk-troops-nato-us-not-confirmed']);
      expect(response.data?.actor.statements.totalCount).toBe(1);
    });
  });
});
