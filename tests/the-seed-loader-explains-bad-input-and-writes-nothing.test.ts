import type { Problem } from '../src/ingest/problem';
import { LIST_BOUNDS } from '../src/list-bounds';
import { seedBundle, temporaryDirectory, writeFile } from './support/bundles';
import { countAll, loadEngines, type LoadHarness } from './support/load-targets';

const NOTHING = { actors: 0, reports: 0, articles: 0, statements: 0 };

describe.each(loadEngines())('bad seed input loaded into the $name', (engine) => {
  let target: LoadHarness;
  let folder: ReturnType<typeof temporaryDirectory>;

  beforeEach(async () => {
    target = await engine.open();
    folder = temporaryDirectory('bad-seed');
  });

  afterEach(async () => {
    await target.dispose();
    folder.remove();
  });

  /** Loads the file and expects exactly the given problems and an untouched (empty) store. */
  const expectRejected = async (file: string, expected: Array<Partial<Problem>>): Promise<Problem[]> => {
    const result = await target.load([file]);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(expected.length);
    expected.forEach((problem, index) => expect(problems[index]).toMatchObject({ file, ...problem }));
    expect(await countAll(target)).toEqual(NOTHING);
    return problems;
  };

  it('points at the line and column of a JSON syntax error', async () => {
    const file = writeFile(folder.directory, 'syntax.json', '{\n  "actors": [\n    { "id": "actor/a" "name": "A" }\n  ]\n}\n');
    const [problem] = await expectRejected(file, [{ line: 3, column: 23 }]);
    expect(problem?.message).toBe('invalid JSON: expected "," between elements (or a closing bracket); found "\\"name\\""');
  });

  it('points at a trailing comma itself, after the last element of an array or the last field of an object', async () => {
    const array = writeFile(folder.directory, 'array-comma.json', '{\n  "actors": [\n    { "id": "actor/a", "name": "A", "kind": "PERSON", "named": true },\n  ]\n}\n');
    const [inArray] = await expectRejected(array, [{ line: 3, column: 70 }]);
    expect(inArray?.message).toBe('invalid JSON: trailing comma after the last element of an array; remove it');
    const object = writeFile(folder.directory, 'object-comma.json', '{\n  "actors": [\n    { "id": "actor/a", }\n  ]\n}\n');
    const [inObject] = await expectRejected(object, [{ line: 3, column: 22 }]);
    expect(inObject?.message).toBe('invalid JSON: trailing comma after the last field of an object; remove it');
  });

  it('accepts a byte-order mark at the start of a bundle, and counts columns after it', async () => {
    const seed = writeFile(folder.directory, 'bom-seed.json', `\uFEFF${JSON.stringify(seedBundle(), null, 2)}`);
    const loaded = await target.load([seed]);
    expect(loaded.ok && loaded.summary.statements.inserted).toBe(18);
    await target.dispose();
    target = await engine.open();
    const broken = writeFile(folder.directory, 'bom-broken.json', '\uFEFF{ "actors": [ { "id": "actor/a", } ] }');
    const [problem] = await expectRejected(broken, [{ line: 1, column: 32 }]);
    expect(problem?.message).toMatch(/trailing comma/);
  });

  it('suggests the closest loaded or stored id for a reference to an unknown one', async () => {
    const bundle = seedBundle();
    bundle.statements[7]!.speakerIds = ['actor/robert-wod'];
    const [typo] = await expectRejected(writeFile(folder.directory, 'typo.json', bundle), [{ path: '$.statements[7].speakerIds[0]' }]);
    expect(typo?.message).toBe(`refers to "actor/robert-wod", which is neither in this run nor stored; did you mean "actor/robert-wood" (${folder.directory}/typo.json)?`);

    expect((await target.load([writeFile(folder.directory, 'seed.json', seedBundle())])).ok).toBe(true);
    const follow = { reports: [{ id: 'report/wood-follow-up', kind: 'SPEECH', publisherId: 'actor/robert-wod' }] };
    const result = await target.load([writeFile(folder.directory, 'follow-up.json', follow)]);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual(['refers to "actor/robert-wod", which is neither in this run nor stored; did you mean "actor/robert-wood" (stored)?']);
  });

  it('names a missing required field by its JSON path', async () => {
    const bundle = seedBundle();
    delete (bundle.statements[4] as Record<string, unknown>).stance;
    const [problem] = await expectRejected(writeFile(folder.directory, 'missing.json', bundle), [{ path: '$.statements[4].stance' }]);
    expect(problem?.message).toMatch(/expected one of "ASSERTS"\|"DENIES".*found nothing \(the field is missing\)/);
  });

  it('refuses lists longer than the bounds the query cost limit counts on', async () => {
    const bundle = seedBundle();
    const speakers = bundle.statements[4]!.speakerIds;
    bundle.statements[4]!.speakerIds = Array.from({ length: LIST_BOUNDS.speakersPerStatement + 1 }, (_, index) => speakers[index % speakers.length]!);
    const [problem] = await expectRejected(writeFile(folder.directory, 'too-many-speakers.json', bundle), [{ path: '$.statements[4].speakerIds' }]);
    expect(problem?.message).toContain(String(LIST_BOUNDS.speakersPerStatement));
  });

  it('says which enum values are allowed and what was found', async () => {
    const bundle = seedBundle();
    (bundle.actors[2] as Record<string, unknown>).kind = 'POLITICIAN';
    const [problem] = await expectRejected(writeFile(folder.directory, 'enum.json', bundle), [{ path: '$.actors[2].kind' }]);
    expect(problem?.message).toMatch(/expected one of "PERSON".*found "POLITICIAN"/);
  });

  it('reports a reference to an id defined nowhere', async () => {
    const bundle = seedBundle();
    bundle.statements[7]!.speakerIds = ['actor/nobody-at-all'];
    const [problem] = await expectRejected(writeFile(folder.directory, 'dangling.json', bundle), [{ path: '$.statements[7].speakerIds[0]' }]);
    expect(problem?.message).toBe('refers to "actor/nobody-at-all", which is neither in this run nor stored');
  });

  it('reports an id defined twice with different content, pointing at both', async () => {
    const bundle = seedBundle();
    bundle.actors.push({ ...bundle.actors[1]!, name: 'Another name' });
    const [problem] = await expectRejected(writeFile(folder.directory, 'duplicate.json', bundle), [{ path: `$.actors[${bundle.actors.length - 1}].id` }]);
    expect(problem?.message).toMatch(/^duplicate id "actor\/north-korea": already defined differently at .*duplicate\.json \$\.actors\[1\]$/);
  });

  it('reports an evidence span whose text does not match the body', async () => {
    const bundle = seedBundle();
    bundle.statements[0]!.evidence[0]!.start += 1;
    const [problem] = await expectRejected(writeFile(folder.directory, 'span.json', bundle), [{ path: '$.statements[0].evidence[0].text' }]);
    expect(problem?.message).toMatch(/span text does not match the article body at \d+-\d+: the body has ".*", the span says ".*"/);
  });

  it('requires a statement to be in the bundle of its article, whichever file of the run holds that article', async () => {
    const { statements: annotated, ...rest } = seedBundle();
    // Without their own path steps, which would be refused too when apart from their reports' bundle.
    const statements = annotated.map(({ derivations: _derivations, ...statement }) => statement);
    const articleFile = writeFile(folder.directory, 'article.json', rest);
    const statementsFile = writeFile(folder.directory, 'statements.json', { statements });
    for (const files of [[articleFile, statementsFile], [statementsFile, articleFile]]) {
      const result = await target.load(files);
      const problems = result.ok ? [] : result.problems;
      expect(problems).toHaveLength(statements.length);
      problems.forEach((problem, index) =>
        expect(problem).toEqual({
          file: statementsFile,
          path: `$.statements[${index}].articleId`,
          message: `a statement must be in the same bundle as its article (or its article already stored); "${statements[0]!.articleId}" is in ${articleFile}`,
        }),
      );
      expect(await countAll(target)).toEqual(NOTHING);
    }
  });

  it('checks the spans of statements loaded without their article against the stored article', async () => {
    const { statements, ...rest } = seedBundle();
    const stored = await target.load([writeFile(folder.directory, 'article.json', rest)]);
    expect(stored.ok).toBe(true);
    // Two that answer no other statement, so nothing else is missing.
    const [first, second] = statements.filter((statement) => statement.respondsToId === undefined);
    second!.evidence[0]!.start += 1;
    const result = await target.load([writeFile(folder.directory, 'statements.json', { statements: [first, second] })]);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '$.statements[1].evidence[0].text' });
    expect(problems[0]?.message).toMatch(/^span text does not match the article body at/);
    expect((await countAll(target)).statements).toBe(0);

    second!.evidence[0]!.start -= 1;
    const fixed = await target.load([writeFile(folder.directory, 'statements.json', { statements: [first, second] })]);
    expect(fixed.ok && fixed.summary.statements).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
  });

  it('reports an affiliation cycle', async () => {
    const bundle = seedBundle();
    const northKorea = bundle.actors.find((actor) => actor.id === 'actor/north-korea')!;
    northKorea.affiliationId = 'actor/dprk-un-representative';
    const [problem] = await expectRejected(writeFile(folder.directory, 'cycle.json', bundle), [{ path: '$.actors[1].affiliationId' }]);
    expect(problem?.message).toBe('affiliation cycle: actor/north-korea -> actor/dprk-un-representative -> actor/dprk-un-delegation -> actor/north-korea');
  });

  it('reports a relay cycle', async () => {
    const bundle = seedBundle();
    const post = bundle.reports.find((report) => report.id === 'report/telegram-flags-photo-post')!;
    post.relayIds = ['report/yonhap-north-korea-troops'];
    const problems = await expectRejected(writeFile(folder.directory, 'relay-cycle.json', bundle), [{}]);
    expect(problems[0]?.message).toMatch(/^relay cycle: report\/(telegram-flags-photo-post|yonhap-telegram-photo) -> .* -> report\//);
  });

  it('says when a file is not an article bundle at all', async () => {
    const file = writeFile(folder.directory, 'not-a-bundle.json', [{ name: 'a list, not a bundle' }]);
    const [problem] = await expectRejected(file, [{ path: '$' }]);
    expect(problem?.message).toMatch(/expected an article bundle object .* found an array/);
    const other = writeFile(folder.directory, 'other-object.json', { type: 'FeatureCollection', features: [] });
    const result = await target.load([other]);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['unknown fields "type", "features"']);
  });

  it('says when a file is empty', async () => {
    const [problem] = await expectRejected(writeFile(folder.directory, 'empty.json', ''), [{ line: 1, column: 1 }]);
    expect(problem?.message).toMatch(/the file is empty/);
  });

  it('reports every problem of a run, not only the first, and writes nothing', async () => {
    const bundle = seedBundle();
    (bundle.actors[0] as Record<string, unknown>).named = 'yes';
    bundle.statements[2]!.viaId = 'report/missing';
    bundle.statements[3]!.evidence[0]!.text = 'not in the body';
    const good = writeFile(folder.directory, 'a-good.json', { actors: [{ id: 'actor/fine', name: 'Fine', kind: 'PERSON', named: true }] });
    const bad = writeFile(folder.directory, 'b-bad.json', bundle);
    const result = await target.load([good, bad]);
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.file === bad ? 'bad' : 'good'} ${problem.path}`)).toEqual([
      'bad $.actors[0].named',
      // Its quote is no longer in its evidence either.
      'bad $.statements[3].quote',
      'bad $.statements[3].evidence[0].text',
      'bad $.statements[2].viaId',
    ]);
    expect(await countAll(target)).toEqual(NOTHING);
  });

  it('gives three messages for a bundle with three different mistakes, including a reference inside an invalid record', async () => {
    const bundle = seedBundle();
    (bundle.actors[9] as Record<string, unknown>).kind = 'POLITICIAN';
    bundle.actors[9]!.affiliationId = 'actor/city-council';
    bundle.statements[5]!.evidence[0]!.end += 1;
    const problems = await expectRejected(writeFile(folder.directory, 'three.json', bundle), [
      { path: '$.actors[9].kind' },
      { path: '$.statements[5].evidence[0].text' },
      { path: '$.actors[9].affiliationId' },
    ]);
    expect(problems[2]?.message).toBe('refers to "actor/city-council", which is neither in this run nor stored');
  });

  it('locates problems of valid records that come after an invalid one at their own positions', async () => {
    const bundle = seedBundle();
    (bundle.actors[0] as Record<string, unknown>).kind = 'POLITICIAN';
    bundle.actors[3]!.affiliationId = 'actor/nowhere';
    await expectRejected(writeFile(folder.directory, 'positions.json', bundle), [{ path: '$.actors[0].kind' }, { path: '$.actors[3].affiliationId' }]);
  });

  it('writes a record repeated identically across files once', async () => {
    const bundle = seedBundle();
    const shared = { actors: [bundle.actors[0]!, { id: 'actor/only-here', name: 'Only here', kind: 'PERSON', named: true }] };
    const files = [writeFile(folder.directory, 'a-seed.json', bundle), writeFile(folder.directory, 'b-shared.json', shared), writeFile(folder.directory, 'c-shared.json', shared)];
    const result = await target.load(files);
    expect(result.ok && result.summary.actors).toEqual({ inserted: bundle.actors.length + 1, updated: 0, unchanged: 0 });
    expect((await countAll(target)).actors).toBe(bundle.actors.length + 1);
  });

  it('writes nothing in a dry run but says what would change', async () => {
    const result = await target.load([writeFile(folder.directory, 'seed.json', seedBundle())], { dryRun: true });
    expect(result.ok && result.summary.statements).toEqual({ inserted: 18, updated: 0, unchanged: 0 });
    expect(await countAll(target)).toEqual(NOTHING);
  });

  it('counts updates when a record changes, and resolves references to stored documents', async () => {
    const bundle = seedBundle();
    expect((await target.load([writeFile(folder.directory, 'seed.json', bundle)])).ok).toBe(true);
    const follow = {
      actors: [{ ...bundle.actors[9]!, role: 'Deputy US ambassador to the United Nations' }],
      reports: [{ id: 'report/wood-follow-up', kind: 'SPEECH', publisherId: 'actor/robert-wood', relayIds: ['report/unnamed-reports-dprk-forces'] }],
    };
    const result = await target.load([writeFile(folder.directory, 'follow-up.json', follow)]);
    expect(result.ok && result.summary).toMatchObject({ actors: { inserted: 0, updated: 1, unchanged: 0 }, reports: { inserted: 1, updated: 0, unchanged: 0 } });
  });

  it('refuses to move a stored statement to another article', async () => {
    const bundle = seedBundle();
    expect((await target.load([writeFile(folder.directory, 'seed.json', bundle)])).ok).toBe(true);
    const moved = { ...bundle.articles[0]!, id: 'article/copy' };
    const statement = { ...bundle.statements[0]!, articleId: 'article/copy' };
    const result = await target.load([writeFile(folder.directory, 'moved.json', { articles: [moved], statements: [statement] })]);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      'statement "statement/nk-troops-dprk-denial" is stored in "article/afp-2024-10-22-north-korea-troops"; a statement id cannot move to "article/copy" (use a new id, or --drop)',
    ]);
  });

  it('still finds a moved statement after an earlier file stopped the writing', async () => {
    const bundle = seedBundle();
    expect((await target.load([writeFile(folder.directory, 'seed.json', bundle)])).ok).toBe(true);
    const broken = writeFile(folder.directory, 'a-broken.json', { actors: [{ ...bundle.actors[0]!, kind: 'ALIEN' }] });
    const moved = writeFile(folder.directory, 'b-moved.json', { articles: [{ ...bundle.articles[0]!, id: 'article/copy' }], statements: [{ ...bundle.statements[0]!, articleId: 'article/copy' }] });
    const result = await target.load([broken, moved]);
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.file} ${problem.path}`)).toEqual([`${broken} $.actors[0].kind`, `${moved} $.statements[0].articleId`]);
  });
});
