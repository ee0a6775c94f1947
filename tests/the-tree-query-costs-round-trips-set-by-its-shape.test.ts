import { createContext } from '../src/context';
import type { Store } from '../src/store/store';
import { storeGeneratedArticle } from './support/generated-article';
import { startGateway, type RunningGateway } from './support/gateway';
import { ARTICLE_TREE_QUERY, type ArticleTree } from './support/operations';
import { withLatency } from './support/latency-store';
import { disposeStore, testEngines } from './support/stores';

/**
 * One batched call per collection per level of the tree query:
 * article (1); statements, publisher (2); speakers, via, respondsTo (3); affiliation + publisher +
 * sources + respondsTo.speakers as one actor batch, relays (2); affiliation.affiliation +
 * relays.publisher as one actor batch, relays.relays (2); relays.relays.publisher (1).
 */
const TREE_QUERY_ROUND_TRIPS = 11;

/** Every engine, plus the embedded one answering after varying delays as a networked store does. */
const variants = testEngines().flatMap((engine) => [
  { name: engine.name, engine, latency: false },
  ...(engine.name === 'embedded' ? [{ name: 'embedded (with network-like latency)', engine, latency: true }] : []),
]);

describe.each(variants)('batching on the $name store', ({ engine, latency }) => {
  let store: Store;
  let gateway: RunningGateway;

  beforeAll(async () => {
    store = await engine.open();
    await storeGeneratedArticle(store, 'article/small', 10);
    await storeGeneratedArticle(store, 'article/large', 300);
    gateway = await startGateway(latency ? withLatency(store) : store);
  });

  afterAll(async () => {
    await gateway.close();
    await disposeStore(store);
  });

  const treeOf = async (id: string) => {
    const response = await gateway.query<ArticleTree>(ARTICLE_TREE_QUERY, { id });
    expect(response.errors).toBeUndefined();
    return response;
  };

  it('resolves the whole tree of a generated article', async () => {
    const { data } = await treeOf('article/small');
    const statements = data?.article?.statements ?? [];
    expect(statements).toHaveLength(10);
    expect(statements[3]?.speakers[0]?.affiliation?.affiliation?.name).toBe('actor/state-small-3');
    expect(statements[3]?.via?.relays[0]?.relays[0]?.publisher?.name).toBe('actor/origin-publisher-small-3');
    expect(statements[3]?.respondsTo?.claim).toBe('claim 2');
  });

  it('costs one batched store call per collection per level', async () => {
    const { extensions } = await treeOf('article/small');
    expect(extensions?.storeRoundTrips).toBe(TREE_QUERY_ROUND_TRIPS);
  });

  it('costs exactly the same at 300 statements as at 10', async () => {
    const small = await treeOf('article/small');
    const large = await treeOf('article/large');
    expect(large.data?.article?.statements).toHaveLength(300);
    expect(large.extensions?.storeRoundTrips).toBe(small.extensions?.storeRoundTrips);
  });

  it('costs at least 20 times fewer calls than unbatched resolvers at 100 statements', async () => {
    await storeGeneratedArticle(store, 'article/hundred', 100);
    const batched = createContext(store);
    // Unbatched resolvers make over a thousand calls here; this test counts them, it does not time them.
    const naive = createContext(store, { batching: false, requestTimeoutMs: 60_000 });
    for (const contextValue of [batched, naive]) {
      const response = await gateway.gateway.apollo.executeOperation({ query: ARTICLE_TREE_QUERY, variables: { id: 'article/hundred' } }, { contextValue });
      expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
    }
    expect(batched.roundTrips.count).toBe(TREE_QUERY_ROUND_TRIPS);
    expect(naive.roundTrips.count).toBeGreaterThanOrEqual(20 * batched.roundTrips.count);
  });
});
