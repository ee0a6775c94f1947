import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../src/store/store';
import { storeGeneratedArticle } from './support/generated-article';
import { loadSeed, SEED_ARTICLE_ID, startGateway, type RunningGateway } from './support/gateway';
import { ARTICLE_TREE_QUERY } from './support/operations';
import { disposeStore, testEngines } from './support/stores';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');

/** The README's figures for the tree query: the seed article's round trips, and a full-depth article's. */
function readmeFigures(): { seed: number; fullDepth: number } {
  const match = /(\d+) round trips for the seed article, (\d+) for an article whose chains fill every level of the query/.exec(README);
  if (!match) throw new Error('The README no longer states the tree query round trips in the expected sentence');
  return { seed: Number(match[1]), fullDepth: Number(match[2]) };
}

describe.each(testEngines())('the README round-trip figures on the $name store', (engine) => {
  let store: Store;
  let gateway: RunningGateway;

  beforeAll(async () => {
    store = await engine.open();
    await loadSeed(store);
    await storeGeneratedArticle(store, 'article/full-depth', 5);
    gateway = await startGateway(store);
  });

  afterAll(async () => {
    await gateway.close();
    await disposeStore(store);
  });

  it('match what the server reports for the tree query on the seed article and on a full-depth one', async () => {
    const figures = readmeFigures();
    const seed = await gateway.query(ARTICLE_TREE_QUERY, { id: SEED_ARTICLE_ID });
    const fullDepth = await gateway.query(ARTICLE_TREE_QUERY, { id: 'article/full-depth' });
    expect(seed.errors).toBeUndefined();
    expect(fullDepth.errors).toBeUndefined();
    expect({ seed: seed.extensions?.storeRoundTrips, fullDepth: fullDepth.extensions?.storeRoundTrips }).toEqual(figures);
  });
});
