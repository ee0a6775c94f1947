import fs from 'node:fs';
import path from 'node:path';
import type { Bundle } from '../src/ingest/bundle.schema';
import type { StoredDocument } from '../src/store/store';
import { seedBundle, temporaryDirectory, writeFile } from './support/bundles';
import { countAll, loadEngines, type LoadHarness } from './support/load-targets';

const BODY_FILE = 'north-korea-troops.txt';

/** Where `text` occurs in `body`, every time. */
function occurrences(body: string, text: string): number[] {
  const found: number[] = [];
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) found.push(at);
  return found;
}

/**
 * The seed bundle as an author would write it without counting characters: the body in a text
 * file beside the bundle, each evidence span as its text alone (with its occurrence when the
 * text appears more than once).
 */
function writtenAsText(bundle: Bundle, directory: string): Record<string, unknown> {
  const body = bundle.articles[0]!.body;
  fs.writeFileSync(path.join(directory, BODY_FILE), body);
  const { body: _body, ...article } = bundle.articles[0]!;
  return {
    ...bundle,
    articles: [{ ...article, bodyFile: BODY_FILE }],
    statements: bundle.statements.map((statement) => ({
      ...statement,
      evidence: statement.evidence.map(({ start, text }) => {
        const places = occurrences(body, text);
        return places.length > 1 ? { text, occurrence: places.indexOf(start) + 1 } : { text };
      }),
    })),
  };
}

const byId = (documents: StoredDocument[]) => [...documents].sort((a, b) => a._id.localeCompare(b._id));

describe.each(loadEngines())('bundles written without offsets, loaded into the $name', (engine) => {
  let target: LoadHarness;
  let folder: ReturnType<typeof temporaryDirectory>;

  beforeEach(async () => {
    target = await engine.open();
    folder = temporaryDirectory('text-evidence');
  });

  afterEach(async () => {
    await target.dispose();
    folder.remove();
  });

  const stored = () => target.read(async (store) => ({ articles: byId(await store.find('articles', {})), statements: byId(await store.find('statements', {})) }));

  it('stores the same offsets as the same bundle written with offsets', async () => {
    const bundle = seedBundle();
    expect((await target.load([writeFile(folder.directory, 'with-offsets.json', bundle)])).ok).toBe(true);
    const withOffsets = await stored();
    await target.dispose();
    target = await engine.open();

    const written = writtenAsText(bundle, folder.directory);
    expect(JSON.stringify(written)).not.toMatch(/"start"/);
    const result = await target.load([writeFile(folder.directory, 'as-text.json', written)]);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(await stored()).toEqual(withOffsets);
  });

  it('finds a repeated text at the occurrence given, and asks for one when it is missing', async () => {
    const bundle = writtenAsText(seedBundle(), folder.directory) as { statements: Array<{ evidence: unknown[]; quote?: string }> };
    const body = seedBundle().articles[0]!.body;
    const places = occurrences(body, 'North Korea');
    // Its quote is not in these words.
    delete bundle.statements[0]!.quote;
    bundle.statements[0]!.evidence = [{ text: 'North Korea', occurrence: 3 }];
    expect((await target.load([writeFile(folder.directory, 'third.json', bundle)])).ok).toBe(true);
    const denial = await target.read((store) => (store.find('statements', { _id: 'statement/nk-troops-dprk-denial' }) as Promise<unknown> as Promise<StoredDocument & { evidence: unknown[] }[]>));
    expect(denial[0]?.evidence).toEqual([{ start: places[2], end: places[2]! + 'North Korea'.length, text: 'North Korea' }]);

    bundle.statements[0]!.evidence = [{ text: 'North Korea' }];
    const file = writeFile(folder.directory, 'ambiguous.json', bundle);
    const result = await target.load([file]);
    expect(result.ok ? [] : result.problems).toEqual([
      { file, path: '$.statements[0].evidence[0]', message: `the text occurs ${places.length} times in the article body (at ${places.slice(0, 5).join(', ')}, …); add "occurrence": 1 to ${places.length} to say which` },
    ]);
  });

  it('refuses text that is not in the body, naming the closest text and the first character that differs', async () => {
    const bundle = writtenAsText(seedBundle(), folder.directory) as { statements: Array<{ evidence: unknown[] }> };
    bundle.statements[0]!.evidence = [{ text: "dismissing Seoul's claims" }];
    const at = seedBundle().articles[0]!.body.indexOf('dismissing Seoul’s claims');
    const file = writeFile(folder.directory, 'missing.json', bundle);
    const result = await target.load([file]);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        file,
        path: '$.statements[0].evidence[0]',
        message:
          `the text is not in the article body; the closest is at ${at}-${at + 25}: "dismissing Seoul’s claims", which differs from the first at character 17 of the text: the body has "’" (U+2019), the text "'" (U+0027)`,
      },
    ]);
    expect(await countAll(target)).toEqual({ actors: 0, reports: 0, articles: 0, statements: 0 });
  });

  it('reads a body file only from the bundle’s folder', async () => {
    const bundle = writtenAsText(seedBundle(), folder.directory) as { articles: Array<Record<string, unknown>> };
    bundle.articles[0]!.bodyFile = '../outside.txt';
    const outside = writeFile(folder.directory, 'outside.json', bundle);
    bundle.articles[0]!.bodyFile = 'missing.txt';
    const missing = writeFile(folder.directory, 'missing-body.json', bundle);
    bundle.articles[0]!.body = 'Both.';
    bundle.articles[0]!.bodyFile = BODY_FILE;
    const both = writeFile(folder.directory, 'both.json', bundle);
    const result = await target.load([outside, missing, both]);
    const problems = result.ok ? [] : result.problems;
    // Without its body, the article's text-only evidence is not looked for: one problem, not one per span.
    expect(problems.filter((problem) => problem.file === missing)).toHaveLength(1);
    expect(problems.filter((problem) => problem.path?.startsWith('$.articles[0]'))).toEqual([
      { file: outside, path: '$.articles[0].bodyFile', message: `"../outside.txt" is outside the bundle's folder; name a file in ${folder.directory} or below it` },
      { file: missing, path: '$.articles[0].bodyFile', message: `cannot read "missing.txt" beside the bundle (${path.join(folder.directory, 'missing.txt')}): no such file` },
      { file: both, path: '$.articles[0].body', message: 'expected the article text as "body" or as "bodyFile" (a text file beside the bundle), exactly one of them; found "Both."' },
    ]);
  });

  it('refuses evidence given as text when the article is not in the same bundle', async () => {
    const { statements, ...rest } = seedBundle();
    expect((await target.load([writeFile(folder.directory, 'article.json', rest)])).ok).toBe(true);
    const [first] = statements.filter((statement) => statement.respondsToId === undefined);
    const file = writeFile(folder.directory, 'statement.json', { statements: [{ ...first, evidence: [{ text: first!.evidence[0]!.text }] }] });
    const result = await target.load([file]);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        file,
        path: '$.statements[0].evidence[0]',
        message: `evidence given as text alone needs its article in the same bundle, and "${first!.articleId}" is not in it; give start and end, or move the statement to its article's bundle`,
      },
    ]);
  });
});

describe.each(loadEngines())('quotes checked against their evidence, loaded into the $name', (engine) => {
  let target: LoadHarness;
  let folder: ReturnType<typeof temporaryDirectory>;

  beforeEach(async () => {
    target = await engine.open();
    folder = temporaryDirectory('quotes');
  });

  afterEach(async () => {
    await target.dispose();
    folder.remove();
  });

  it('refuses a quote that is not in the evidence, with the closest text found there', async () => {
    const bundle = seedBundle();
    bundle.statements[0]!.quote = 'baseless rumor';
    const file = writeFile(folder.directory, 'quote.json', bundle);
    const result = await target.load([file]);
    expect(result.ok ? [] : result.problems).toEqual([
      { file, path: '$.statements[0].quote', message: 'the quoted words are not in the statement\'s evidence text (typographic quotes and apostrophes aside); the closest there is "groundless rumor" (evidence[0])' },
    ]);
    expect(await countAll(target)).toEqual({ actors: 0, reports: 0, articles: 0, statements: 0 });
  });

  it('matches typographic quotes and apostrophes with plain ones', async () => {
    const bundle = seedBundle();
    const index = bundle.statements.findIndex((statement) => statement.quote?.includes('’'));
    bundle.statements[index]!.quote = bundle.statements[index]!.quote!.replaceAll('’', "'");
    bundle.statements[0]!.quote = 'Seoul\'s claims as "groundless rumor"';
    const result = await target.load([writeFile(folder.directory, 'plain.json', bundle)]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
