import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { REQUEST_LIMIT_DEFAULTS } from '../src/config';
import { checkCostTable, createCostModel } from '../src/graphql/query-cost';
import { FIELD_COSTS } from '../src/graphql/query-cost.table';
import { readTypeDefs } from '../src/graphql/type-defs';
import { LIST_BOUNDS } from '../src/list-bounds';
import { ARTICLE_TREE_QUERY } from './support/operations';
import { SEED_ARTICLE_ID } from './support/gateway';
import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

const ROOT = path.join(__dirname, '..');
const schema = buildSchema(readTypeDefs().join('\n'));
const model = createCostModel(schema, FIELD_COSTS);
const LIMIT = REQUEST_LIMIT_DEFAULTS.maxQueryCost;

function costOf(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('No operation in the document');
  return model.estimate(operation, document, variables);
}

/** The 190-byte query: depth 10, 11 fields, within the depth and field limits. */
const MULTIPLYING_QUERY = '{ articles(first:100){ nodes{ statements{ speakers{ statements(first:100){ nodes{ article{ statements{ speakers{ name }}}}}}}}}}';

const readmeExamples = [...fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const benchWorkloads = fs
  .readdirSync(path.join(ROOT, 'bench', 'workloads'))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => [file, fs.readFileSync(path.join(ROOT, 'bench', 'workloads', file), 'utf8')] as const);

describe('the query cost estimate', () => {
  it('has a cost entry for every list and connection of the schema, and only for fields it has', () => {
    expect(checkCostTable(schema, FIELD_COSTS)).toEqual([]);
    const { ['Article.statements']: _missing, ...withoutStatements } = FIELD_COSTS;
    expect(checkCostTable(schema, { ...withoutStatements, 'Article.nonsense': { weight: 1 } })).toEqual([
      'Article.statements is a list with no entry in the cost table',
      'Article.nonsense in the cost table is not a field of the schema',
    ]);
    expect(() => createCostModel(schema, withoutStatements)).toThrow(/Article\.statements/);
  });

  it('leaves the article tree query, every README example and every benchmark workload well under the limit', () => {
    expect(readmeExamples.length).toBeGreaterThanOrEqual(6);
    const costs = [costOf(ARTICLE_TREE_QUERY, { id: SEED_ARTICLE_ID }), ...readmeExamples.map((example) => costOf(example)), ...benchWorkloads.map(([, source]) => costOf(source, { first: 20 }))];
    for (const cost of costs) {
      expect(cost).toBeGreaterThan(0);
      expect(cost).toBeLessThanOrEqual(LIMIT / 4);
    }
  });

  it('multiplies each list by its page size, resolving variables, and each plain list by its bound', () => {
    const page = (first: number) => costOf('query($first: Int) { actors(first: $first) { nodes { name } } }', { first });
    expect(page(50) - page(10)).toBe(40);
    expect(costOf('{ actors { nodes { name } } }')).toBe(page(20));
    expect(costOf('{ actors(last: 7) { edges { node { name } } } }') - costOf('{ actors(last: 1) { edges { node { name } } } }')).toBe(6 * 2);
    const speakers = costOf('{ article(id: "article/a") { statements { speakers { name } } } }');
    expect(speakers).toBe(1 + 1 + LIST_BOUNDS.statementsPerArticle * (1 + LIST_BOUNDS.speakersPerStatement * 1));
  });

  it('counts every alias and every fragment spread', () => {
    const one = costOf('{ actor(id: "actor/a") { name } }');
    expect(costOf('{ a: actor(id: "actor/a") { name } b: actor(id: "actor/a") { name } }')).toBe(2 * one);
    expect(costOf('{ ...F ...F } fragment F on Query { actor(id: "actor/a") { name } }')).toBe(2 * one);
    expect(costOf('{ ... on Query { actor(id: "actor/a") { name } } }')).toBe(one);
  });

  it('charges corpus-wide aggregates for their work, so a few aliases of one exceed the limit', () => {
    const aggregate = costOf('{ mostCitedSources { total } }');
    expect(5 * aggregate).toBeGreaterThan(LIMIT);
    expect(costOf('{ a: mostCitedSources { total } b: mostCitedSources { total } }')).toBeLessThanOrEqual(LIMIT);
    expect(costOf(`{ ${Array.from({ length: 500 }, (_, index) => `a${index}: mostCitedSources { total }`).join(' ')} }`)).toBeGreaterThan(LIMIT);
  });

  it('estimates the 190-byte multiplying query far above the limit', () => {
    expect(Buffer.byteLength(MULTIPLYING_QUERY)).toBeLessThanOrEqual(190);
    expect(costOf(MULTIPLYING_QUERY)).toBeGreaterThan(1000 * LIMIT);
  });
});

describe.each(testEngines())('costly queries on the %s store', (engine) => {
  const seeded = useSeededGateway(engine);

  it('refuses the 190-byte multiplying query with QUERY_TOO_COSTLY before any store call, then stays healthy', async () => {
    await seeded.gateway.query('{ about { name } }');
    const started = performance.now();
    const response = await seeded.gateway.query(MULTIPLYING_QUERY);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(error?.extensions?.maxCost).toBe(LIMIT);
    expect(error?.extensions?.cost).toBe(costOf(MULTIPLYING_QUERY));
    expect(error?.message).toContain(String(error?.extensions?.cost));
    expect(error?.message).toContain(String(LIMIT));
    // Refused before it runs: not one store call. (It used to run for 44 s and exhaust the heap.)
    expect(response.extensions?.storeRoundTrips).toBe(0);
    expect(elapsed).toBeLessThan(1000);

    const health = await fetch(seeded.gateway.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    const cheap = await seeded.gateway.query<{ article: { title: string } }>(`{ article(id: "${SEED_ARTICLE_ID}") { title } }`);
    expect(cheap.errors).toBeUndefined();
    expect(cheap.data?.article.title).toEqual(expect.any(String));
  });

  it('refuses 500 aliases of a corpus-wide aggregate before running any', async () => {
    const query = `{ ${Array.from({ length: 500 }, (_, index) => `a${index}: mostCitedSources { total }`).join(' ')} }`;
    const response = await seeded.gateway.query(query);
    expect(response.status).toBe(400);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('resolves page sizes given as variables: the same operation passes with small pages and is refused with large ones', async () => {
    const query = 'query Nested($n: Int) { articles(first: $n) { nodes { statements { speakers { statements(first: $n) { nodes { id } } } } } } }';
    const small = await seeded.gateway.query(query, { n: 1 });
    expect(small.status).toBe(200);
    expect(small.errors).toBeUndefined();
    const large = await seeded.gateway.query(query, { n: 100 });
    expect(large.status).toBe(400);
    expect(large.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(large.errors?.[0]?.message).toContain('Operation Nested');
  });

  it('answers the article tree query in full', async () => {
    const response = await seeded.gateway.query<{ article: { statements: unknown[] } }>(ARTICLE_TREE_QUERY, { id: SEED_ARTICLE_ID });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.article.statements.length).toBeGreaterThan(10);
  });
});
