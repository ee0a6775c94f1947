import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

interface SearchResult {
  search: {
    totalCount: number;
    edges: Array<{ score: number; cursor: string; node: { __typename: string; id: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

const SEARCH = `query($query: String!, $types: [SearchType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    totalCount
    edges { score cursor node { __typename ... on Article { id } ... on Statement { id } ... on Actor { id } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

describe.each(testEngines())('search on the $name store', (engine) => {
  const seeded = useSeededGateway(engine);

  const search = async (variables: Record<string, unknown>) => {
    const response = await seeded.gateway.query<SearchResult>(SEARCH, variables);
    expect(response.errors).toBeUndefined();
    return response.data?.search as SearchResult['search'];
  };
  const ids = (result: SearchResult['search']) => result.edges.map((edge) => edge.node.id);

  it('ranks a name match above a mention in a body', async () => {
    const result = await search({ query: 'Wood' });
    expect(ids(result)).toEqual(['actor/robert-wood', 'article/afp-2024-10-22-north-korea-troops']);
    expect(result.edges[0]?.node.__typename).toBe('Actor');
    expect(result.edges[0]!.score).toBeGreaterThan(result.edges[1]!.score);
  });

  it('finds actors by alias', async () => {
    expect(ids(await search({ query: 'Pyongyang', types: ['ACTOR'] }))).toEqual(['actor/north-korea']);
  });

  it('matches stems, so "rumors" finds a quote saying "rumor" and one saying "rumors"', async () => {
    const result = await search({ query: 'rumors', types: ['STATEMENT'] });
    expect(ids(result).sort()).toEqual(['statement/nk-troops-dprk-denial', 'statement/nk-troops-dprk-no-need-to-comment']);
  });

  it('matches a quoted phrase as written and excludes a -word', async () => {
    expect(ids(await search({ query: '"groundless rumor"', types: ['STATEMENT'] }))).toEqual(['statement/nk-troops-dprk-denial']);
    const flags = ids(await search({ query: 'flags', types: ['STATEMENT'] }));
    expect(flags).toContain('statement/nk-troops-telegram-flags-photo');
    expect(ids(await search({ query: 'photo -flags', types: ['STATEMENT'] }))).not.toContain('statement/nk-troops-telegram-flags-photo');
  });

  it('orders results by score across types and pages through them with cursors', async () => {
    const whole = await search({ query: 'troops deployment', first: 100 });
    const scores = whole.edges.map((edge) => edge.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(whole.totalCount).toBe(whole.edges.length);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result: SearchResult['search'] = await search({ query: 'troops deployment', first: 3, after });
      seen.push(...ids(result));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids(whole));
  });

  it('refuses a cursor from another search and an empty or overlong query', async () => {
    const first = await search({ query: 'troops', first: 1 });
    const other = await seeded.gateway.query(SEARCH, { query: 'flags', after: first.pageInfo.endCursor });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect((await seeded.gateway.query(SEARCH, { query: '  ' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
    expect((await seeded.gateway.query(SEARCH, { query: 'x'.repeat(201) })).errors?.[0]?.extensions).toMatchObject({ argumentName: 'query' });
  });

  it('costs one call per searched type, and one more per type for totalCount', async () => {
    const response = await seeded.gateway.query('{ search(query: "troops", types: [STATEMENT, ACTOR]) { edges { node { __typename } } } }');
    expect(response.extensions?.storeRoundTrips).toBe(2);
  });
});
