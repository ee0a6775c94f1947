import path from 'node:path';
import { loadBundles } from '../src/ingest/load-bundles';
import { formatProblem } from '../src/ingest/problem';
import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

/**
 * A second article, written for this test: one newspaper report (the Valmora Courier's) carries
 * claims that reached it differently. The ministry officials' claims stop at the officials; the
 * union's claim runs through the union's deleted post to the supervisor's message it shared; the
 * cost figure comes from a memo the Courier saw. One report record, four different paths.
 */
const PORT_BUNDLE = path.join(__dirname, 'fixtures', 'port-cyberattack.json');
const COURIER = 'report/valmora-courier-port-cyberattack';

interface Path {
  hops: Array<{ depth: number; report: { id: string }; sources: Array<{ id: string }>; relays: Array<{ id: string }> }>;
  origins: Array<{ id: string }>;
  originalPublishers: Array<{ id: string }>;
  sources: Array<{ id: string; name: string; headcount: number | null }>;
  truncated: boolean;
}

const PATH = `attributionPath(maxDepth: $depth) {
  hops { depth report { id } sources { id } relays { id } }
  origins { id }
  originalPublishers { id }
  sources { id name headcount }
  truncated
}`;

describe.each(testEngines())('each claim follows its own attribution path on the $name store', (engine) => {
  const seeded = useSeededGateway(engine, async (store) => {
    const result = await loadBundles(store, [PORT_BUNDLE]);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  });

  const pathOf = async (id: string, depth = 8) => {
    const response = await seeded.gateway.query<{ statement: { attributionPath: Path } }>(`query($id: ID!, $depth: Int) { statement(id: $id) { ${PATH} } }`, { id, depth });
    expect(response.errors).toBeUndefined();
    return { path: response.data?.statement.attributionPath as Path, roundTrips: response.extensions?.storeRoundTrips };
  };

  it("ends the officials' claim at the officials the Courier cites, one hop deep", async () => {
    const { path: officials } = await pathOf('statement/valmora-booking-systems-encrypted');
    expect(officials.hops).toEqual([{ depth: 1, report: { id: COURIER }, sources: [{ id: 'actor/valmora-transport-ministry-officials' }], relays: [] }]);
    expect(officials.origins).toEqual([{ id: COURIER }]);
    expect(officials.originalPublishers).toEqual([{ id: 'actor/valmora-courier' }]);
    expect(officials.sources).toEqual([{ id: 'actor/valmora-transport-ministry-officials', name: 'Two transport ministry officials', headcount: 2 }]);
    expect(officials.truncated).toBe(false);
  });

  it("follows the union's claim through its deleted post to the supervisor's message, three hops deep", async () => {
    const { path: union } = await pathOf('statement/valmora-workers-sent-home-unpaid');
    expect(union.hops).toEqual([
      { depth: 1, report: { id: COURIER }, sources: [], relays: [{ id: 'report/dockworkers-union-unpaid-post' }] },
      { depth: 2, report: { id: 'report/dockworkers-union-unpaid-post' }, sources: [], relays: [{ id: 'report/shift-supervisor-message' }] },
      { depth: 3, report: { id: 'report/shift-supervisor-message' }, sources: [], relays: [] },
    ]);
    expect(union.origins).toEqual([{ id: 'report/shift-supervisor-message' }]);
    expect(union.originalPublishers).toEqual([{ id: 'actor/portline-shift-supervisor' }]);
    expect(union.sources).toEqual([]);
    expect(union.truncated).toBe(false);
  });

  it('keeps the memo behind the cost figure to that claim, and the headline to the Courier itself', async () => {
    const { path: cost } = await pathOf('statement/valmora-stoppage-cost');
    expect(cost.hops.map((hop) => [hop.depth, hop.report.id])).toEqual([
      [1, COURIER],
      [2, 'report/transport-ministry-cost-memo'],
    ]);
    expect(cost.originalPublishers).toEqual([{ id: 'actor/valmora-transport-ministry' }]);
    const { path: headline } = await pathOf('statement/valmora-terminal-halted');
    expect(headline.hops).toEqual([{ depth: 1, report: { id: COURIER }, sources: [], relays: [] }]);
    expect(headline.origins).toEqual([{ id: COURIER }]);
  });

  it('cuts the union claim at maxDepth and says so, for the same store calls at any depth and as the one-hop claim', async () => {
    const cut = await pathOf('statement/valmora-workers-sent-home-unpaid', 2);
    expect(cut.path.hops.map((hop) => hop.report.id)).toEqual([COURIER, 'report/dockworkers-union-unpaid-post']);
    expect(cut.path.origins).toEqual([]);
    expect(cut.path.truncated).toBe(true);
    const deep = await pathOf('statement/valmora-workers-sent-home-unpaid', 8);
    const oneHop = await pathOf('statement/valmora-booking-systems-encrypted', 8);
    // statement; relay chain + speakers...; publishers and sources: set by the query, not by the path's depth.
    expect(deep.roundTrips).toBe(oneHop.roundTrips);
    expect(cut.roundTrips).toBeLessThanOrEqual(deep.roundTrips as number);
    expect(deep.roundTrips).toBeLessThanOrEqual(5);
  });

  it("still answers the report-level view: everything the Courier cites and relays, and who relays or cites what", async () => {
    const response = await seeded.gateway.query<{
      report: { sources: Array<{ id: string; citedBy: { nodes: Array<{ id: string }> } }>; relays: Array<{ id: string; relayedBy: { nodes: Array<{ id: string }> } }>; statements: { totalCount: number } };
      post: { relays: Array<{ id: string }>; relayChain: Array<{ depth: number; report: { id: string } }> };
    }>(`{
      report(id: "${COURIER}") { sources { id citedBy { nodes { id } } } relays { id relayedBy { nodes { id } } } statements { totalCount } }
      post: report(id: "report/dockworkers-union-unpaid-post") { relays { id } relayChain { depth report { id } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.report.sources).toEqual([{ id: 'actor/valmora-transport-ministry-officials', citedBy: { nodes: [{ id: COURIER }] } }]);
    expect(response.data?.report.relays).toEqual([
      { id: 'report/dockworkers-union-unpaid-post', relayedBy: { nodes: [{ id: COURIER }] } },
      { id: 'report/transport-ministry-cost-memo', relayedBy: { nodes: [{ id: COURIER }] } },
    ]);
    expect(response.data?.report.statements.totalCount).toBe(5);
    expect(response.data?.post.relays).toEqual([{ id: 'report/shift-supervisor-message' }]);
    expect(response.data?.post.relayChain).toEqual([{ depth: 1, report: { id: 'report/shift-supervisor-message' } }]);
  });

  it("lists a statement's own steps as derivations", async () => {
    const response = await seeded.gateway.query<{ statement: { derivations: Array<{ report: { id: string }; sources: Array<{ id: string }>; relays: Array<{ id: string }> }> } }>(
      '{ statement(id: "statement/valmora-workers-sent-home-unpaid") { derivations { report { id } sources { id } relays { id } } } }',
    );
    expect(response.data?.statement.derivations).toEqual([{ report: { id: COURIER }, sources: [], relays: [{ id: 'report/dockworkers-union-unpaid-post' }] }]);
  });

  it('filters by the publisher of the via report per claim', async () => {
    const response = await seeded.gateway.query<{ statements: { nodes: Array<{ id: string }> } }>(
      '{ statements(filter: { viaPublisherId: "actor/valmora-courier" }, first: 20) { nodes { id } } }',
    );
    expect(response.data?.statements.nodes.map((node) => node.id)).toEqual([
      'statement/valmora-terminal-halted',
      'statement/valmora-booking-systems-encrypted',
      'statement/valmora-containers-stuck',
      'statement/valmora-workers-sent-home-unpaid',
      'statement/valmora-stoppage-cost',
    ]);
  });
});

describe.each(testEngines())('the vocabulary of real reporting on the $name store', (engine) => {
  const seeded = useSeededGateway(engine, async (store) => {
    const result = await loadBundles(store, [PORT_BUNDLE]);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  });

  const data = async <T>(query: string): Promise<T> => {
    const response = await seeded.gateway.query<T>(query);
    expect(response.errors).toBeUndefined();
    return response.data as T;
  };

  it('keeps several quoted fragments of one statement, and joins them in quote', async () => {
    const result = await data<{ statement: { stance: string; quotes: string[]; quote: string | null; speakers: Array<{ kind: string }> } }>(
      '{ statement(id: "statement/valmora-portline-partial-confirmation") { stance quotes quote speakers { kind } } }',
    );
    expect(result.statement).toEqual({
      stance: 'PARTIALLY_CONFIRMS',
      quotes: ['a technical incident', 'some of our systems'],
      quote: 'a technical incident … some of our systems',
      speakers: [{ kind: 'COMPANY' }],
    });
  });

  it('answers a report with a statement, and lists the statements that answer a report', async () => {
    const result = await data<{ statement: { stance: string; respondsTo: null; respondsToReport: { id: string } }; report: { responses: { nodes: Array<{ id: string }> } } }>(
      `{ statement(id: "statement/valmora-portline-no-comment-on-report") { stance respondsTo { id } respondsToReport { id } }
         report(id: "${COURIER}") { responses { nodes { id } } } }`,
    );
    expect(result.statement).toEqual({ stance: 'DECLINES_TO_COMMENT', respondsTo: null, respondsToReport: { id: COURIER } });
    expect(result.report.responses.nodes).toEqual([{ id: 'statement/valmora-portline-no-comment-on-report' }]);
  });

  it('marks reports deleted or never published, and says who saw an unpublished one', async () => {
    const result = await data<{ post: { status: string; seenBy: null }; memo: { status: string; seenBy: { id: string } }; courier: { status: string } }>(`{
      post: report(id: "report/dockworkers-union-unpaid-post") { status seenBy { id } }
      memo: report(id: "report/transport-ministry-cost-memo") { status seenBy { id } }
      courier: report(id: "${COURIER}") { status }
    }`);
    expect(result).toEqual({ post: { status: 'DELETED', seenBy: null }, memo: { status: 'UNPUBLISHED', seenBy: { id: 'actor/valmora-courier' } }, courier: { status: 'PUBLISHED' } });
  });

  it('tells estimates and projections from assertions', async () => {
    const result = await data<{ statements: { nodes: Array<{ id: string; stance: string }> } }>(
      '{ statements(filter: { articleId: "article/coastal-wire-port-of-valmora-cyberattack", stance: [ESTIMATES, PROJECTS] }) { nodes { id stance } } }',
    );
    expect(result.statements.nodes).toEqual([
      { id: 'statement/valmora-containers-stuck', stance: 'ESTIMATES' },
      { id: 'statement/valmora-terminal-reopens-thursday', stance: 'PROJECTS' },
      { id: 'statement/valmora-stoppage-cost', stance: 'ESTIMATES' },
    ]);
  });
});
