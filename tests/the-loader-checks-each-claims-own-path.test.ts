import fs from 'node:fs';
import path from 'node:path';
import type { Bundle } from '../src/ingest/bundle.schema';
import type { ReportDocument } from '../src/report/report.model';
import { seedBundle, temporaryDirectory, writeFile } from './support/bundles';
import { countAll, loadEngines, type LoadHarness } from './support/load-targets';

const PORT_BUNDLE = path.join(__dirname, 'fixtures', 'port-cyberattack.json');
const COURIER = 'report/valmora-courier-port-cyberattack';
const NOTHING = { actors: 0, reports: 0, articles: 0, statements: 0 };

/** A fresh, mutable copy of the port-cyberattack bundle. */
function portBundle(): Bundle & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(PORT_BUNDLE, 'utf8')) as Bundle & Record<string, unknown>;
}

describe.each(loadEngines())("the loader and each claim's own path, loading into the $name", (engine) => {
  let target: LoadHarness;
  let folder: ReturnType<typeof temporaryDirectory>;

  beforeEach(async () => {
    target = await engine.open();
    folder = temporaryDirectory('claim-path');
  });

  afterEach(async () => {
    await target.dispose();
    folder.remove();
  });

  const reportsById = (): Promise<Map<string, ReportDocument>> =>
    target.read(async (store) => new Map((await store.find('reports', {})).map((report) => [report._id, report as unknown as ReportDocument])));

  it("writes a report's links as its own joined with its claims' links, in one record per report", async () => {
    const result = await target.load([PORT_BUNDLE]);
    expect(result.ok).toBe(true);
    const reports = await reportsById();
    expect(reports.get(COURIER)).toMatchObject({ sourceIds: ['actor/valmora-transport-ministry-officials'], relayIds: ['report/dockworkers-union-unpaid-post', 'report/transport-ministry-cost-memo'] });
    expect(reports.get('report/dockworkers-union-unpaid-post')).toMatchObject({ status: 'DELETED', relayIds: ['report/shift-supervisor-message'] });
    expect(reports.size).toBe(4);
  });

  it('refuses a claim that names, in another bundle, a link the report there does not have', async () => {
    const { statements, ...rest } = seedBundle();
    const reportsFile = writeFile(folder.directory, 'article.json', { ...rest, statements: statements.map(({ derivations: _derivations, ...statement }) => statement) });
    const claimFile = writeFile(folder.directory, 'wood.json', {
      statements: [
        {
          ...statements.find((statement) => statement.id === 'statement/nk-troops-wood-seen-reports'),
          id: 'statement/nk-troops-wood-seen-reports-again',
        },
      ],
    });
    const result = await target.load([reportsFile, claimFile]);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({
      file: claimFile,
      path: '$.statements[0].derivations[0].relayIds[0]',
      message: expect.stringMatching(/^"report\/wood-security-council-remarks" \(in .*article\.json \$\.reports\[2\]\) does not list "report\/unnamed-reports-dprk-forces" in its relayIds/),
    });
    expect(await countAll(target)).toEqual(NOTHING);
  });

  it("accepts a claim of another bundle whose links the report already has, stored or in the run", async () => {
    const first = await target.load([PORT_BUNDLE]);
    expect(first.ok).toBe(true);
    // A second claim on the Courier report, from a bundle of its own, loaded after the first.
    const { statements, articles } = portBundle();
    const officials = statements.find((statement) => statement.id === 'statement/valmora-booking-systems-encrypted')!;
    const later = writeFile(folder.directory, 'later.json', { statements: [{ ...officials, id: 'statement/valmora-booking-systems-again', articleId: articles[0]!.id }] });
    const result = await target.load([later]);
    expect(result.ok).toBe(true);
  });

  it('checks cited sources of a report elsewhere in the same run: its own and its bundle claims\'', async () => {
    const { statements, articles } = portBundle();
    const officials = statements.find((statement) => statement.id === 'statement/valmora-booking-systems-encrypted')!;
    const again = { ...officials, id: 'statement/valmora-booking-systems-again', articleId: articles[0]!.id };
    const stray = { ...again, id: 'statement/valmora-stray-source', derivations: [{ reportId: COURIER, sourceIds: ['actor/portline-spokeswoman'], relayIds: [] }] };
    const later = writeFile(folder.directory, 'later.json', { statements: [again, stray] });
    const result = await target.load([PORT_BUNDLE, later]);
    const problems = result.ok ? [] : result.problems;
    // The officials are a source of the Courier report (its bundle's claims cite them); the spokeswoman is not.
    // (Both are also apart from their article, which the loader refuses as well.)
    expect(problems.filter((problem) => !problem.path?.endsWith('.articleId'))).toEqual([
      expect.objectContaining({ file: later, path: '$.statements[1].derivations[0].sourceIds[0]', message: expect.stringMatching(/does not list "actor\/portline-spokeswoman" in its sourceIds/) }),
    ]);
    expect(problems).toHaveLength(3);
  });

  it('refuses a relay loop made of claim links', async () => {
    const bundle = portBundle();
    bundle.statements.push({
      ...bundle.statements.find((statement) => statement.id === 'statement/valmora-workers-sent-home-unpaid')!,
      id: 'statement/valmora-loop',
      derivations: [
        { reportId: COURIER, sourceIds: [], relayIds: ['report/dockworkers-union-unpaid-post'] },
        { reportId: 'report/shift-supervisor-message', sourceIds: [], relayIds: [COURIER] },
      ],
    });
    const result = await target.load([writeFile(folder.directory, 'loop.json', bundle)]);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^relay cycle: report\/.* -> report\//);
    expect(problems[0]?.message).toContain('report/shift-supervisor-message');
    expect(await countAll(target)).toEqual(NOTHING);
  });

  it.each([
    ['both quote and quotes', { quote: 'a technical incident', quotes: ['some of our systems'] }, '$.statements[4].quotes', /either quote .* or quotes/],
    ['derivations without a via report', { derivations: [{ reportId: COURIER }] }, '$.statements[4].viaId', /derivations follow the via report/],
    ['two steps for one report', { viaId: COURIER, derivations: [{ reportId: COURIER }, { reportId: COURIER, sourceIds: [] }] }, '$.statements[4].derivations', /one derivation step per statement/],
    ['a headcount of one', null, '$.actors[3].headcount', /expected 2 or more/],
  ])('refuses %s', async (_name, change, at, message) => {
    const bundle = portBundle();
    if (change) Object.assign(bundle.statements[4] as object, change);
    else (bundle.actors[3] as Record<string, unknown>).headcount = 1;
    const result = await target.load([writeFile(folder.directory, 'bad.json', bundle)]);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: at, message: expect.stringMatching(message) });
    expect(await countAll(target)).toEqual(NOTHING);
  });

  it('points at a dangling reference inside a derivation step', async () => {
    const bundle = portBundle();
    const union = bundle.statements.find((statement) => statement.id === 'statement/valmora-workers-sent-home-unpaid')!;
    union.derivations = [{ reportId: COURIER, sourceIds: ['actor/nobody'], relayIds: [] }];
    const result = await target.load([writeFile(folder.directory, 'dangling.json', bundle)]);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([expect.objectContaining({ path: '$.statements[3].derivations[0].sourceIds[0]', message: expect.stringMatching(/refers to "actor\/nobody"/) })]);
  });
});
