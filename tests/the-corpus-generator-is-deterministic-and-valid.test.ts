import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus, serializeBundle, type CorpusOptions } from '../seed/generator/corpus';
import { parseGenerateArgs } from '../seed/generator/cli-args';
import { OutputFolderNotEmptyError, writeCorpus, type CorpusSummary } from '../seed/generator/write-corpus';
import { Bundle, type ActorRecord, type ReportRecord, type StatementInput } from '../src/ingest/bundle.schema';
import { listBundleFiles, loadBundles } from '../src/ingest/load-bundles';
import { formatProblem } from '../src/ingest/problem';
import { EmbeddedStore } from '../src/store/embedded/index';
import { startGateway } from './support/gateway';

const temporaryDirectories: string[] = [];

async function temporaryDirectory(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corpus-generator-'));
  temporaryDirectories.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(temporaryDirectories.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** File name -> contents of every file a run wrote. */
async function contentsOf(dir: string): Promise<Map<string, string>> {
  const names = (await fs.readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await fs.readFile(path.join(dir, name), 'utf8')] as const)));
}

async function written(options: CorpusOptions): Promise<{ dir: string; summary: CorpusSummary }> {
  const dir = await temporaryDirectory();
  return { dir, summary: await writeCorpus(options, dir) };
}

describe('the corpus generator', () => {
  const small: CorpusOptions = { articles: 30, seed: 7, perFile: 10 };

  it('writes byte-identical files for the same options', async () => {
    const [first, second] = await Promise.all([written(small), written(small)]);
    const [a, b] = await Promise.all([contentsOf(first.dir), contentsOf(second.dir)]);
    expect([...a.keys()]).toEqual(['actors.json', 'bundle-000001.json', 'bundle-000002.json', 'bundle-000003.json']);
    expect(b).toEqual(a);
    for (const text of a.values()) {
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).not.toContain('$schema');
    }
  });

  it('writes a different corpus for a different seed', async () => {
    const [one, other] = await Promise.all([written(small), written({ ...small, seed: 8 })]);
    const [a, b] = await Promise.all([contentsOf(one.dir), contentsOf(other.dir)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const name of a.keys()) expect(b.get(name)).not.toEqual(a.get(name));
  });

  it('gives each article the same content however the articles are grouped into files', () => {
    const articlesOf = (perFile: number) => [...generateCorpus({ ...small, perFile })].flatMap(({ bundle }) => bundle.articles);
    expect(articlesOf(7)).toEqual(articlesOf(10));
  });

  it('writes files that parse back to exactly the bundles it generated', async () => {
    for (const { file, bundle } of generateCorpus(small)) {
      const parsed = Bundle.safeParse(JSON.parse(serializeBundle(bundle)));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      expect(parsed.data).toEqual(bundle);
    }
  });

  it('refuses a folder that already holds JSON files unless told to replace an earlier corpus', async () => {
    const { dir } = await written({ articles: 3, seed: 1, perFile: 1 });
    await expect(writeCorpus({ articles: 2, seed: 1, perFile: 1 }, dir)).rejects.toThrow(OutputFolderNotEmptyError);
    const summary = await writeCorpus({ articles: 2, seed: 1, perFile: 1 }, dir, { replace: true });
    expect(summary.files).toBe(3);
    expect((await fs.readdir(dir)).sort()).toEqual(['actors.json', 'bundle-000001.json', 'bundle-000002.json']);
  });

  it('rejects command-line arguments that are not positive whole numbers, or a missing --out', () => {
    expect(parseGenerateArgs(['--articles', '10', '--seed', '3', '--per-file', '5', '--out', 'x'])).toEqual({
      options: { articles: 10, seed: 3, perFile: 5 },
      out: 'x',
      replace: false,
      help: false,
    });
    expect(parseGenerateArgs(['--articles', '0', '--out', 'x'])).toEqual({ error: expect.stringContaining('--articles') });
    expect(parseGenerateArgs(['--articles', '2.5', '--out', 'x'])).toEqual({ error: expect.stringContaining('whole number') });
    expect(parseGenerateArgs(['--articles', '10', '--per-file', '-1', '--out', 'x'])).toHaveProperty('error');
    expect(parseGenerateArgs(['--articles', '10'])).toEqual({ error: expect.stringContaining('--out is required') });
    expect(parseGenerateArgs(['--articles', '10', '--out', 'x', '--colour'])).toHaveProperty('error');
  });
});

describe('a 200-article corpus', () => {
  let dir: string;
  let summary: CorpusSummary;
  const actors = new Map<string, ActorRecord>();
  const reports = new Map<string, ReportRecord>();
  const statements: StatementInput[] = [];

  beforeAll(async () => {
    ({ dir, summary } = await written({ articles: 200, seed: 42, perFile: 50 }));
    for (const file of await listBundleFiles([dir])) {
      const bundle = Bundle.parse(JSON.parse(await fs.readFile(file, 'utf8')));
      for (const actor of bundle.actors) actors.set(actor.id, actor);
      for (const report of bundle.reports) reports.set(report.id, report);
      statements.push(...bundle.statements);
    }
  });

  it('is accepted whole by the loader, which inserts every document the generator reported', async () => {
    const store = EmbeddedStore.temporary();
    try {
      const result = await loadBundles(store, await listBundleFiles([dir]));
      if (!result.ok) throw new Error(result.problems.slice(0, 20).map(formatProblem).join('\n'));
      expect(summary).toMatchObject({ files: 5, articles: 200 });
      expect(result.summary).toEqual({
        actors: { inserted: summary.actors, updated: 0, unchanged: 0 },
        reports: { inserted: summary.reports, updated: 0, unchanged: 0 },
        articles: { inserted: summary.articles, updated: 0, unchanged: 0 },
        statements: { inserted: summary.statements, updated: 0, unchanged: 0 },
      });
    } finally {
      await store.close();
    }
  });

  it('has 10 to 40 statements per article, ordered by where their evidence starts', () => {
    const byArticle = new Map<string, StatementInput[]>();
    for (const statement of statements) byArticle.set(statement.articleId, [...(byArticle.get(statement.articleId) ?? []), statement]);
    expect(byArticle.size).toBe(200);
    for (const own of byArticle.values()) {
      expect(own.length).toBeGreaterThanOrEqual(10);
      expect(own.length).toBeLessThanOrEqual(40);
      const starts = own.map((statement) => statement.evidence[0]?.start ?? -1);
      expect(starts).toEqual([...starts].sort((x, y) => x - y));
    }
  });

  it('has affiliation chains at most 4 actors deep, some of them exactly 4', () => {
    const depth = (id: string): number => {
      const next = actors.get(id)?.affiliationId;
      return next ? 1 + depth(next) : 1;
    };
    const depths = [...actors.keys()].map(depth);
    expect(Math.max(...depths)).toBe(4);
  });

  it('has relay chains from a statement’s via report at most 4 reports deep, some of them exactly 4', () => {
    const depth = (id: string): number => 1 + Math.max(0, ...(reports.get(id)?.relayIds ?? []).map(depth));
    const depths = statements.flatMap((statement) => (statement.viaId ? [depth(statement.viaId)] : []));
    expect(Math.max(...depths)).toBe(4);
    expect(depths.length / statements.length).toBeGreaterThan(0.35);
    expect(depths.length / statements.length).toBeLessThan(0.65);
  });

  it('has unnamed actors, statements with several speakers, and statements answering earlier ones', () => {
    const unnamed = [...actors.values()].filter((actor) => !actor.named).length;
    expect(unnamed / actors.size).toBeGreaterThan(0.08);
    expect(unnamed / actors.size).toBeLessThan(0.25);
    expect(statements.filter((statement) => statement.speakerIds.length >= 2).length).toBeGreaterThan(0);

    const position = new Map(statements.map((statement, index) => [statement.id, { index, articleId: statement.articleId }]));
    const answers = statements.filter((statement) => statement.respondsToId);
    expect(answers.length / statements.length).toBeGreaterThan(0.1);
    statements.forEach((statement, index) => {
      if (!statement.respondsToId) return;
      const answered = position.get(statement.respondsToId);
      expect(answered?.articleId).toBe(statement.articleId);
      expect(answered?.index).toBeLessThan(index);
    });
  });

  it('quotes words that appear in the statement’s own evidence', () => {
    const quoted = statements.filter((statement) => statement.quote !== undefined);
    expect(quoted.length).toBeGreaterThan(0);
    for (const statement of quoted) {
      expect(statement.quoteKind).not.toBe('PARAPHRASE');
      expect(statement.evidence.some((span) => span.text.includes(statement.quote ?? '\u0000'))).toBe(true);
    }
    expect(statements.filter((statement) => statement.quoteKind !== 'PARAPHRASE' && statement.quote === undefined)).toEqual([]);
  });
});

describe('the corpus generator and per-claim attribution', () => {
  const statements = [...generateCorpus({ articles: 200, seed: 11, perFile: 100 })].flatMap(({ bundle }) => bundle.statements);
  // Dispatches that carry claims with different steps: one record, several paths.
  const byDispatch = new Map<string, StatementInput[]>();
  for (const statement of statements) if (statement.derivations) byDispatch.set(statement.viaId as string, [...(byDispatch.get(statement.viaId as string) ?? []), statement]);
  const divergent = [...byDispatch.values()].filter((group) => new Set(group.map((statement) => JSON.stringify(statement.derivations))).size > 1);

  it('sends claims of different origins through one dispatch, each with its own step there', () => {
    expect(divergent.length).toBeGreaterThan(20);
    for (const group of divergent) {
      for (const statement of group) expect(statement.derivations?.map((step) => step.reportId)).toEqual([statement.viaId]);
    }
    // Every claim through a shared dispatch has its step, or it would inherit the others' links.
    const through = new Map<string, number>();
    for (const statement of statements) if (statement.viaId) through.set(statement.viaId, (through.get(statement.viaId) ?? 0) + 1);
    for (const [dispatch, group] of byDispatch) expect([dispatch, group.length]).toEqual([dispatch, through.get(dispatch)]);
  });

  it('gives each claim of a shared dispatch the path its step says, once loaded', async () => {
    const store = EmbeddedStore.temporary();
    const folder = await temporaryDirectory();
    for (const { file, bundle } of generateCorpus({ articles: 200, seed: 11, perFile: 100 })) await fs.writeFile(path.join(folder, file), serializeBundle(bundle));
    const loaded = await loadBundles(store, await listBundleFiles([folder]));
    if (!loaded.ok) throw new Error(loaded.problems.slice(0, 20).map(formatProblem).join('\n'));
    const gateway = await startGateway(store);
    try {
      for (const statement of divergent.slice(0, 10).flat()) {
        const response = await gateway.query<{ statement: { attributionPath: { hops: Array<{ depth: number; report: { id: string }; sources: Array<{ id: string }>; relays: Array<{ id: string }> }> } } }>(
          'query($id: ID!) { statement(id: $id) { attributionPath { hops { depth report { id } sources { id } relays { id } } } } }',
          { id: statement.id },
        );
        expect(response.errors).toBeUndefined();
        const [step] = statement.derivations ?? [];
        const first = response.data?.statement.attributionPath.hops[0];
        expect([statement.id, first]).toEqual([
          statement.id,
          { depth: 1, report: { id: step?.reportId }, sources: (step?.sourceIds ?? []).map((id) => ({ id })), relays: (step?.relayIds ?? []).map((id) => ({ id })) },
        ]);
      }
    } finally {
      await gateway.close();
      await store.close();
    }
  }, 60_000);
});

describe('the corpus generator and the claim convention', () => {
  const statements = [...generateCorpus({ articles: 200, seed: 3, perFile: 100 })].flatMap(({ bundle }) => bundle.statements);

  it('states every claim affirmatively, leaving denial and doubt to the stance', () => {
    const negated = statements.filter((statement) => /\b(not|never|no)\b|n't\b|n’t\b/i.test(statement.claim));
    expect(statements.length).toBeGreaterThan(1000);
    expect(negated.map((statement) => statement.claim)).toEqual([]);
    expect(statements.some((statement) => statement.stance === 'DENIES')).toBe(true);
  });
});
