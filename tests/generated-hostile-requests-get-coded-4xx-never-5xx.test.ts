import { buildSchema } from 'graphql';
import { readTypeDefs } from '../src/graphql/type-defs';
import { generateRequest, seededRandom } from './support/query-fuzzer';
import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

/**
 * Requests per engine, and the time they may take in all: enough to cover the schema, short
 * enough for every run. On a busy machine the time runs out first; at least MIN_REQUESTS must fit.
 */
const REQUESTS = 300;
const TIME_BUDGET_MS = 8_000;
const MIN_REQUESTS = 20;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

interface Finding {
  request: string;
  status: number;
  body: string;
  problem: string;
}

/** What is wrong with one answer, or null: a 5xx, a body that is not JSON, an error without a code, a masked fault. */
function problemWith(status: number, body: string): string | null {
  if (status >= 500) return `HTTP ${status}`;
  let parsed: { errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return 'the body is not JSON';
  }
  for (const error of parsed.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') return 'an error without a code';
    if (code === 'INTERNAL_SERVER_ERROR') return 'an unexpected (masked) error';
  }
  return null;
}

describe.each(testEngines())('generated hostile requests on the %s store', (engine) => {
  const seeded = useSeededGateway(engine);

  it(`answers every one with a coded 2xx/4xx, never a 5xx (seed ${SEED})`, async () => {
    const schema = buildSchema(readTypeDefs().join('\n'));
    const random = seededRandom(SEED);
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    let sent = 0;
    while (sent < REQUESTS && performance.now() - started < TIME_BUDGET_MS) {
      const request = generateRequest(schema, random);
      const response =
        request.method === 'GET'
          ? await fetch(`${seeded.gateway.url}${request.search}`, { headers: { 'apollo-require-preflight': 'true' } })
          : await fetch(seeded.gateway.url, { method: 'POST', headers: { 'content-type': request.contentType }, body: request.body });
      const body = await response.text();
      sent += 1;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const problem = problemWith(response.status, body);
      if (problem) findings.push({ request: JSON.stringify(request).slice(0, 1000), status: response.status, body: body.slice(0, 500), problem });
    }
    if (process.env.FUZZ_VERBOSE) console.log(`${sent} requests in ${Math.round(performance.now() - started)} ms:`, Object.fromEntries(statuses));
    expect(findings.slice(0, 3)).toEqual([]);
    // The run covered enough ground to mean something: valid answers and refusals both.
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  });
});
