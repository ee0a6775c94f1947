import { spawn } from 'node:child_process';
import path from 'node:path';
import { EmbeddedStore } from '../src/store/embedded/index';
import { seedBundle, temporaryDirectory, writeFile } from './support/bundles';
import { SEED_DIRECTORY } from './support/gateway';

const LOAD = path.join(__dirname, '..', 'seed', 'load.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run seed` (its script, directly) on the embedded store in `dataDirectory`. */
function seed(dataDirectory: string, args: string[], options: { closeStdout?: boolean } = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', LOAD, '--store', 'embedded', ...args], {
    env: { ...process.env, DATA_DIR: dataDirectory },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  if (options.closeStdout) child.stdout.destroy();
  else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the seed command', () => {
  let folder: ReturnType<typeof temporaryDirectory>;

  beforeEach(() => {
    folder = temporaryDirectory('seed-command');
  });

  afterEach(() => folder.remove());

  it('loads, reports per collection and exits 0; a second run reports everything unchanged', async () => {
    const first = await seed(folder.directory, ['--quiet', SEED_DIRECTORY]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Loaded 40 documents from 1 file\(s\) into the embedded store in [\d.]+ s \([\d,]+ documents\/s\)$/m);
    expect(first.stdout).toMatch(/^ {2}statements \d+ inserted, 0 updated, 0 unchanged$/m);

    const again = await seed(folder.directory, ['--quiet', SEED_DIRECTORY]);
    expect(again.code).toBe(0);
    for (const collection of ['actors', 'reports', 'articles', 'statements']) {
      expect(again.stdout).toMatch(new RegExp(`^ {2}${collection} +0 inserted, 0 updated, [1-9]\\d* unchanged$`, 'm'));
    }
  }, 60_000);

  it('lists every problem with file and path, exits 1 and writes nothing', async () => {
    const bundle = seedBundle();
    (bundle.statements[0] as Record<string, unknown>).stance = 'SHOUTS';
    (bundle.actors[0] as Record<string, unknown>).kind = 'ALIEN';
    const file = writeFile(folder.directory, 'bad.json', bundle);
    const dataDirectory = path.join(folder.directory, 'data');

    const run = await seed(dataDirectory, ['--quiet', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file} $.actors[0].kind`);
    expect(run.stderr).toContain(`${file} $.statements[0].stance`);
    expect(run.stderr).toContain('2 problem(s) in 1 file(s); nothing was written.');

    const check = await seed(dataDirectory, ['--quiet', '--dry-run', SEED_DIRECTORY]);
    expect(check.stdout).toMatch(/^ {2}statements \d+ inserted, 0 updated, 0 unchanged$/m);
  }, 60_000);

  it('dry-runs beside a gateway holding the data directory, comparing with what it committed and writing nothing', async () => {
    const dataDirectory = path.join(folder.directory, 'data');
    expect((await seed(dataDirectory, ['--quiet', SEED_DIRECTORY])).code).toBe(0);
    const held = await EmbeddedStore.open(dataDirectory);
    try {
      const bundle = seedBundle();
      const statement = bundle.statements[0] as Record<string, unknown>;
      statement.claim = `${String(statement.claim)} (revised)`;
      const file = writeFile(folder.directory, 'revised.json', bundle);

      const write = await seed(dataDirectory, ['--quiet', file]);
      expect(write.code).toBe(2);
      expect(write.stderr).toMatch(/The data directory .* is in use by process \d+/);

      const dryRun = await seed(dataDirectory, ['--quiet', '--dry-run', file]);
      expect(dryRun.stderr).toBe('');
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toMatch(/^Dry run \(nothing written\): would load 40 documents/m);
      expect(dryRun.stdout).toMatch(/^ {2}statements +0 inserted, 1 updated, \d+ unchanged$/m);
      expect(dryRun.stdout).toMatch(/^ {2}actors +0 inserted, 0 updated, \d+ unchanged$/m);
      const [stored] = await (held.find('statements', { _id: statement.id }) as Promise<unknown> as Promise<{ _id: string; claim: string }[]>);
      expect(stored?.claim).not.toContain('(revised)');
    } finally {
      await held.close();
    }
    const again = await seed(dataDirectory, ['--quiet', '--dry-run', SEED_DIRECTORY]);
    expect(again.stdout).toMatch(/^ {2}statements +0 inserted, 0 updated, [1-9]\d* unchanged$/m);
  }, 120_000);

  it('refuses a bad option with exit code 2 and the usage', async () => {
    const run = await seed(folder.directory, ['--store', 'postgres']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--store must be embedded or mongo, not "postgres"');
  }, 60_000);

  it('finishes the load when its output is closed early, instead of crashing on the closed pipe', async () => {
    const run = await seed(folder.directory, [SEED_DIRECTORY], { closeStdout: true });
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.code).toBe(0);

    const again = await seed(folder.directory, ['--quiet', SEED_DIRECTORY]);
    expect(again.stdout).toMatch(/^ {2}statements +0 inserted, 0 updated, [1-9]\d* unchanged$/m);
  }, 60_000);
});
