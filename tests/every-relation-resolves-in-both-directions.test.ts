import { SEED_ARTICLE_ID } from './support/gateway';
import { useSeededGateway } from './support/seeded-gateway';
import { testEngines } from './support/stores';

describe.each(testEngines())('relations on the $name store', (engine) => {
  const seeded = useSeededGateway(engine);

  const data = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const response = await seeded.gateway.query<T>(query, variables);
    expect(response.errors).toBeUndefined();
    return response.data as T;
  };

  it('goes from a statement to its article and back', async () => {
    const result = await data<{ statement: { article: { id: string; statements: Array<{ id: string }> } } }>(
      '{ statement(id: "statement/nk-troops-telegram-flags-photo") { article { id statements { id } } } }',
    );
    expect(result.statement.article.id).toBe(SEED_ARTICLE_ID);
    expect(result.statement.article.statements.map((statement) => statement.id)).toContain('statement/nk-troops-telegram-flags-photo');
  });

  it('goes from a statement to its speakers and from an actor to its statements', async () => {
    const result = await data<{ actor: { statements: { nodes: Array<{ id: string; speakers: Array<{ id: string }> }> } } }>(
      '{ actor(id: "actor/united-states") { statements { nodes { id speakers { id } } } } }',
    );
    expect(result.actor.statements.nodes.map((statement) => statement.id)).toEqual([
      'statement/nk-weapons-seoul-washington-claim',
      'statement/nk-troops-nato-us-not-confirmed',
      'statement/nk-troops-nato-us-escalation',
      'statement/nk-weapons-us-allies-concern',
    ]);
    for (const statement of result.actor.statements.nodes) expect(statement.speakers.map((speaker) => speaker.id)).toContain('actor/united-states');
  });

  it('goes from an actor to its affiliation and from a body to its members', async () => {
    const result = await data<{ actor: { affiliation: { id: string; members: { nodes: Array<{ id: string }> } } } }>(
      '{ actor(id: "actor/robert-wood") { affiliation { id members { nodes { id } } } } }',
    );
    expect(result.actor.affiliation.id).toBe('actor/united-states');
    expect(result.actor.affiliation.members.nodes.map((member) => member.id)).toEqual(['actor/robert-wood']);
  });

  it('goes from a report to what it relays and from a relayed report to who relays it', async () => {
    const result = await data<{ report: { relays: Array<{ id: string; relayedBy: { nodes: Array<{ id: string }> } }> } }>(
      '{ report(id: "report/yonhap-north-korea-troops") { relays { id relayedBy { nodes { id } } } } }',
    );
    expect(result.report.relays).toEqual([{ id: 'report/telegram-flags-photo-post', relayedBy: { nodes: [{ id: 'report/yonhap-north-korea-troops' }] } }]);
  });

  it('goes from a statement to the one it answers and from a statement to its responses', async () => {
    const result = await data<{ statement: { respondsTo: { id: string; responses: { nodes: Array<{ id: string }> } } } }>(
      '{ statement(id: "statement/nk-troops-dprk-denial") { respondsTo { id responses { nodes { id } } } } }',
    );
    expect(result.statement.respondsTo.id).toBe('statement/nk-troops-nis-large-scale-deployment');
    expect(result.statement.respondsTo.responses.nodes.map((response) => response.id)).toEqual(
      expect.arrayContaining(['statement/nk-troops-dprk-denial', 'statement/nk-troops-dprk-no-need-to-comment', 'statement/nk-troops-dprk-smear-accusation']),
    );
  });

  it('goes from a report to its publisher, sources and statements, and from an actor to reports it published and is cited by', async () => {
    const result = await data<{
      report: {
        publisher: { id: string; reportsPublished: { nodes: Array<{ id: string }> } };
        sources: Array<{ id: string; citedBy: { nodes: Array<{ id: string }> } }>;
        statements: { nodes: Array<{ id: string; via: { id: string } }> };
      };
    }>('{ report(id: "report/yonhap-north-korea-troops") { publisher { id reportsPublished { nodes { id } } } sources { id citedBy { nodes { id } } } statements { nodes { id via { id } } } } }');
    expect(result.report.publisher.id).toBe('actor/yonhap');
    expect(result.report.publisher.reportsPublished.nodes.map((report) => report.id)).toEqual(['report/yonhap-north-korea-troops']);
    expect(result.report.sources).toEqual([{ id: 'actor/south-korean-government-source', citedBy: { nodes: [{ id: 'report/yonhap-north-korea-troops' }] } }]);
    expect(result.report.statements.nodes.map((statement) => statement.id)).toEqual([
      'statement/nk-troops-monitoring-team-considered',
      'statement/nk-troops-monitoring-team-composition',
      'statement/nk-troops-telegram-flags-photo',
    ]);
    for (const statement of result.report.statements.nodes) expect(statement.via.id).toBe('report/yonhap-north-korea-troops');
  });

  it('lists the reports an article got its statements through, once each', async () => {
    const result = await data<{ article: { reports: Array<{ id: string }> } }>('query($id: ID!) { article(id: $id) { reports { id } } }', { id: SEED_ARTICLE_ID });
    expect(result.article.reports.map((report) => report.id)).toEqual([
      'report/dprk-committee-remarks',
      'report/wood-security-council-remarks',
      'report/yonhap-north-korea-troops',
    ]);
  });

  it('pages through a root list with first and after until the end', async () => {
    type Page = { actors: { totalCount: number; nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await data<Page>('query($after: String) { actors(first: 5, after: $after, orderBy: { field: ID }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }', { after });
      expect(page.actors.totalCount).toBe(16);
      seen.push(...page.actors.nodes.map((node) => node.id));
      if (!page.actors.pageInfo.hasNextPage) break;
      after = page.actors.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(16);
    expect([...seen].sort()).toEqual(seen);
  });
});
