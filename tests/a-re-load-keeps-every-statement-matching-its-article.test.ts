import path from 'node:path';
import { generateCorpus } from '../seed/generator/corpus';
import { writeCorpus } from '../seed/generator/write-corpus';
import type { Store } from '../src/store/store';
import { listBundleFiles } from '../src/ingest/load-bundles';
import { seedBundle, temporaryDirectory, writeFile } from './support/bundles';
import { loadEngines, type LoadHarness } from './support/load-targets';

/** Two corpora with the same article ids and different bodies and statements. */
const FIRST = { articles: 20, seed: 3, perFile: 5 };
const SECOND = { articles: 20, seed: 4, perFile: 5 };

/** What a server would serve: each statement's spans checked against its article's stored body. */
async function storedFacts(store: Store): Promise<{ statementIds: string[]; mismatchedSpans: string[]; bodies: Map<string, string> }> {
  const articles = await store.find('articles', {});
  const bodies = new Map(articles.map((article) => [article._id, article.body]));
  const statements = await store.find('statements', {});
  const mismatchedSpans = statements.flatMap((statement) =>
    statement.evidence.flatMap((span) => (bodies.get(statement.articleId)?.slice(span.start, span.end) === span.text ? [] : [`${statement._id} ${span.start}-${span.end}`])),
  );
  return { statementIds: statements.map((statement) => statement._id).sort(), mismatchedSpans, bodies };
}

const statementIdsOf = (options: typeof FIRST): string[] =>
  [...generateCorpus(options)].flatMap(({ bundle }) => bundle.statements.map((statement) => statement.id)).sort();
const FIRST_STATEMENTS = statementIdsOf(FIRST);
const SECOND_STATEMENTS = statementIdsOf(SECOND);
/** Statements of the first corpus that the second lacks: a re-load removes them. */
const GONE = FIRST_STATEMENTS.filter((id) => !new Set(SECOND_STATEMENTS).has(id));

describe.each(loadEngines())('re-loading articles into the $name', (engine) => {
  let target: LoadHarness;
  let folder: ReturnType<typeof temporaryDirectory>;
  let firstFiles: string[];
  let secondFiles: string[];

  beforeAll(async () => {
    folder = temporaryDirectory('re-load');
    await writeCorpus(FIRST, path.join(folder.directory, 'first'));
    await writeCorpus(SECOND, path.join(folder.directory, 'second'));
    firstFiles = await listBundleFiles([path.join(folder.directory, 'first')]);
    secondFiles = await listBundleFiles([path.join(folder.directory, 'second')]);
  });

  afterAll(() => folder.remove());

  beforeEach(async () => {
    target = await engine.open();
  });

  afterEach(async () => {
    await target.dispose();
  });

  it('leaves no span that contradicts its article and no statement the new load lacks', async () => {
    expect((await target.load(firstFiles)).ok).toBe(true);
    const result = await target.load(secondFiles);
    expect(result.ok).toBe(true);
    const after = await target.read(storedFacts);
    expect(after.mismatchedSpans).toEqual([]);
    expect(after.statementIds).toEqual(SECOND_STATEMENTS);
    // The first corpus had statements the second lacks: they were removed, and the summary says so.
    expect(GONE.length).toBeGreaterThan(0);
    expect(result.ok && result.removed.statements).toBe(GONE.length);
  });

  it('writes and removes nothing when the re-load has a problem', async () => {
    expect((await target.load(firstFiles)).ok).toBe(true);
    const before = await target.read(storedFacts);
    const broken = writeFile(folder.directory, 'zz-broken.json', { actors: [{ id: 'actor/broken', name: 'Broken', kind: 'ALIEN', named: true }] });
    const result = await target.load([...secondFiles, broken]);
    expect(result.ok ? [] : result.problems.map((problem) => problem.path)).toEqual(['$.actors[0].kind']);
    expect(await target.read(storedFacts)).toEqual(before);
  });

  it('says in a dry run how many statements a re-load would remove, and removes none', async () => {
    expect((await target.load(firstFiles)).ok).toBe(true);
    const before = await target.read(storedFacts);
    const result = await target.load(secondFiles, { dryRun: true });
    expect(result.ok && result.removed.statements).toBe(GONE.length);
    expect(await target.read(storedFacts)).toEqual(before);
  });

  it('removes a statement taken out of its article’s bundle, even when the body is unchanged', async () => {
    const bundle = seedBundle();
    const file = writeFile(folder.directory, 'seed.json', bundle);
    expect((await target.load([file])).ok).toBe(true);
    const dropped = bundle.statements.find((statement) => !bundle.statements.some((other) => other.respondsToId === statement.id))!;
    const result = await target.load([writeFile(folder.directory, 'seed.json', { ...bundle, statements: bundle.statements.filter((statement) => statement !== dropped) })]);
    expect(result.ok && result.removed).toEqual({ actors: 0, reports: 0, articles: 0, statements: 1 });
    expect((await target.read(storedFacts)).statementIds).not.toContain(dropped.id);
  });

  it('refuses a re-load that would remove a statement another stored statement responds to', async () => {
    const bundle = seedBundle();
    expect((await target.load([writeFile(folder.directory, 'seed.json', bundle)])).ok).toBe(true);
    const answered = bundle.statements.find((statement) => bundle.statements.some((other) => other.respondsToId === statement.id))!;
    // Another article answers it, so re-loading the seed article without it would leave that answer dangling.
    const other = { ...bundle.articles[0]!, id: 'article/follow-up' };
    const answer = { ...bundle.statements[0]!, id: 'statement/follow-up-answer', articleId: other.id, respondsToId: answered.id };
    delete (answer as Record<string, unknown>).viaId;
    expect((await target.load([writeFile(folder.directory, 'follow-up.json', { articles: [other], statements: [answer] })])).ok).toBe(true);
    const before = await target.read(storedFacts);

    const file = writeFile(folder.directory, 'seed.json', { ...bundle, statements: bundle.statements.filter((statement) => statement.id !== answered.id && statement.respondsToId !== answered.id) });
    const result = await target.load([file]);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        file,
        path: '$.articles[0]',
        message: `re-loading "${bundle.articles[0]!.id}" without its stored statement "${answered.id}" would remove it, but stored "statement/follow-up-answer" (respondsToId) refers to it; keep the statement in this bundle, or load what refers to it without the reference`,
      },
    ]);
    expect(await target.read(storedFacts)).toEqual(before);
  });
});
