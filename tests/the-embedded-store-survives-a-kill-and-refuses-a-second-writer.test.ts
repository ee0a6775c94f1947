import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { DATABASE_FILE, EmbeddedStore, LOADING_FILE } from '../src/store/embedded/index';
import { DataDirectoryInUseError } from '../src/store/data-directory-lock';
import { temporaryDirectory } from './support/bundles';

const CHILD = path.join(__dirname, 'support', 'embedded-writer-process.ts');

function startChild(...args: string[]): { child: ChildProcess; lines: AsyncIterableIterator<string> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, lines };
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.once('exit', (code, signal) => resolve(signal ?? code));
  });
}

describe('the durable embedded store', () => {
  let folder: ReturnType<typeof temporaryDirectory>;

  beforeEach(() => {
    folder = temporaryDirectory('embedded-durability');
  });

  afterEach(() => folder.remove());

  /** Opens the folder's store as the server or the loader does, runs `use` on it, and closes it whatever happens. */
  async function withStore(use: (store: EmbeddedStore) => Promise<void>): Promise<void> {
    const store = await EmbeddedStore.open(folder.directory);
    try {
      await use(store);
    } finally {
      await store.close();
    }
  }

  it('keeps every acknowledged write when its process is killed with SIGKILL, and reopens cleanly', async () => {
    const acknowledged: string[] = [];
    const { child, lines } = startChild('write', folder.directory, '100000');
    for await (const line of lines) {
      if (line.startsWith('ack ')) acknowledged.push(`actor/durable-${line.slice(4)}`);
      if (acknowledged.length === 300) break;
    }
    child.kill('SIGKILL');
    expect(await exited(child)).toBe('SIGKILL');

    await withStore(async (reopened) => {
      const found = await reopened.find('actors', { _id: { $in: acknowledged } });
      expect(found).toHaveLength(acknowledged.length);
      expect(await reopened.count('actors', {})).toBeGreaterThanOrEqual(acknowledged.length);
    });
  }, 60_000);

  it('leaves the store as it was when a first load is killed halfway', async () => {
    const { child, lines } = startChild('stage', folder.directory);
    for await (const line of lines) if (line === 'staged 4') break;
    child.kill('SIGKILL');
    expect(await exited(child)).toBe('SIGKILL');
    // The load was building its own file, beside the database.
    expect(fs.readdirSync(folder.directory)).toContain(LOADING_FILE);

    await withStore(async (reopened) => {
      expect(await reopened.count('actors', {})).toBe(0);
      expect(fs.readdirSync(folder.directory)).not.toContain(LOADING_FILE);
      // And the store takes the next load.
      const staged = reopened.beginStagedWrite();
      await staged.upsertMany('actors', [{ _id: 'actor/a', name: 'A' } as never]);
      await staged.commit();
      expect(await reopened.count('actors', {})).toBe(1);
    });
  }, 60_000);

  it('builds a first load in a new file, writing nothing to the database or its log before the commit', async () => {
    const database = path.join(folder.directory, DATABASE_FILE);
    const sizes = () => [database, `${database}-wal`].map((file) => (fs.existsSync(file) ? fs.statSync(file).size : 0));
    await withStore(async (writer) => {
      const before = sizes();
      const staged = writer.beginStagedWrite();
      for (let batch = 0; batch < 5; batch += 1) {
        await staged.upsertMany('actors', Array.from({ length: 1000 }, (_, index) => ({ _id: `actor/${batch}-${index}`, name: `Actor ${batch} ${index}`, aliases: ['an alias'] }) as never));
      }
      expect(fs.statSync(path.join(folder.directory, LOADING_FILE)).size).toBeGreaterThan(0);
      expect(sizes()).toEqual(before);
      await staged.commit();
      expect(fs.readdirSync(folder.directory)).not.toContain(LOADING_FILE);
      expect(await writer.count('actors', {})).toBe(5000);
      expect((await writer.textSearch('actors', 'alias', 3)).length).toBe(3);
      // The store writes on, through the new file: one upsert, then a load into a store that is no longer empty.
      await writer.upsertMany('actors', [{ _id: 'actor/next', name: 'Next' } as never]);
      const next = writer.beginStagedWrite();
      expect(fs.readdirSync(folder.directory)).not.toContain(LOADING_FILE);
      await next.upsertMany('actors', [{ _id: 'actor/last', name: 'Last' } as never]);
      await next.commit();
    });
    await withStore(async (store) => {
      expect(await store.count('actors', {})).toBe(5002);
      expect(await store.find('actors', { _id: { $in: ['actor/next', 'actor/last', 'actor/4-999'] } }, { sort: { _id: 1 } })).toEqual([
        { _id: 'actor/4-999', name: 'Actor 4 999', aliases: ['an alias'] },
        { _id: 'actor/last', name: 'Last' },
        { _id: 'actor/next', name: 'Next' },
      ]);
    });
  }, 30_000);

  it('does not put a new file in place while another process reads the database: the load fails, the old documents stay', async () => {
    await withStore(async (writer) => {
      await writer.upsertMany('actors', [{ _id: 'actor/old', name: 'Old' } as never]);
      // A dry run's connection in the middle of a read keeps the database's log in use.
      const reading = new Database(path.join(folder.directory, DATABASE_FILE), { readonly: true });
      const rows = reading.prepare('SELECT id FROM actors').iterate();
      rows.next();
      try {
        const replacing = writer.beginStagedWrite({ replace: true });
        await replacing.upsertMany('actors', [{ _id: 'actor/new', name: 'New' } as never]);
        await expect(replacing.commit()).rejects.toThrow(/Another process is reading .*attribution\.sqlite; the load was not committed/);
      } finally {
        rows.return?.();
        reading.close();
      }
      expect(fs.readdirSync(folder.directory)).not.toContain(LOADING_FILE);
      expect(await writer.find('actors', {})).toEqual([{ _id: 'actor/old', name: 'Old' }]);
      await writer.upsertMany('actors', [{ _id: 'actor/after', name: 'After' } as never]);
      expect(await writer.count('actors', {})).toBe(2);
    });
  }, 30_000);

  it('shows a staged load to nobody until its commit, then keeps it; an abandoned one leaves nothing', async () => {
    await withStore(async (writer) => {
      const first = writer.beginStagedWrite();
      expect(await first.upsertMany('actors', [{ _id: 'actor/a', name: 'A' } as never, { _id: 'actor/b', name: 'B' } as never])).toEqual({ inserted: 2, updated: 0, unchanged: 0, updatedIds: [] });
      // Until the commit, what is stored is nothing.
      expect(await writer.findByIds('actors', ['actor/a'], ['name'])).toEqual([]);
      expect(await writer.count('actors', {})).toBe(0);
      await first.commit();
      expect(await writer.findByIds('actors', ['actor/a', 'actor/b'], ['name'])).toEqual([{ _id: 'actor/a', name: 'A' }, { _id: 'actor/b', name: 'B' }]);

      const second = writer.beginStagedWrite();
      expect(await second.upsertMany('actors', [{ _id: 'actor/a', name: 'A' } as never, { _id: 'actor/b', name: 'Bee' } as never, { _id: 'actor/c', name: 'C' } as never])).toEqual({ inserted: 1, updated: 1, unchanged: 1, updatedIds: ['actor/b'] });
      await second.commit();

      const abandoned = writer.beginStagedWrite();
      await abandoned.upsertMany('actors', [{ _id: 'actor/d', name: 'D' } as never]);
      await abandoned.abort();
    });
    await withStore(async (store) => {
      expect(await store.find('actors', {}, { sort: { _id: 1 } })).toEqual([
        { _id: 'actor/a', name: 'A' },
        { _id: 'actor/b', name: 'Bee' },
        { _id: 'actor/c', name: 'C' },
      ]);
    });
  }, 30_000);

  it('replaces everything (--drop) only at the commit; given up, it leaves the old documents', async () => {
    await withStore(async (writer) => {
      const first = writer.beginStagedWrite();
      await first.upsertMany('actors', [{ _id: 'actor/old', name: 'Old' } as never]);
      await first.upsertMany('articles', [{ _id: 'article/old', title: 'Old' } as never]);
      await first.commit();

      const abandoned = writer.beginStagedWrite({ replace: true });
      expect(await abandoned.upsertMany('actors', [{ _id: 'actor/old', name: 'Old' } as never])).toEqual({ inserted: 1, updated: 0, unchanged: 0, updatedIds: [] });
      expect(await writer.count('articles', {})).toBe(1);
      await abandoned.abort();
      expect(await writer.findByIds('articles', ['article/old'], ['title'])).toEqual([{ _id: 'article/old', title: 'Old' }]);

      const replacing = writer.beginStagedWrite({ replace: true });
      await replacing.upsertMany('actors', [{ _id: 'actor/new', name: 'New' } as never]);
      await replacing.commit();
    });
    await withStore(async (store) => {
      expect(await store.find('actors', {})).toEqual([{ _id: 'actor/new', name: 'New' }]);
      expect(await store.count('articles', {})).toBe(0);
    });
  });

  it('leaves an empty store empty when a first load is given up', async () => {
    await withStore(async (writer) => {
      const staged = writer.beginStagedWrite();
      await staged.upsertMany('actors', [{ _id: 'actor/a', name: 'A' } as never]);
      await staged.abort();
    });
    await withStore(async (store) => {
      expect(await store.count('actors', {})).toBe(0);
    });
  });

  it('serves after a restart what was written before it', async () => {
    const first = await EmbeddedStore.open(folder.directory);
    await first.upsertMany('actors', [{ _id: 'actor/kept', name: 'Kept', born: new Date(Date.UTC(1961, 0, 2)) } as never]);
    await first.close();
    await withStore(async (second) => {
      const [kept] = await (second.find('actors', { _id: 'actor/kept' }) as Promise<unknown> as Promise<{ _id: string; born: Date }[]>);
      expect(kept?.born.toISOString()).toBe('1961-01-02T00:00:00.000Z');
      expect(await second.upsertMany('actors', [kept as never])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    });
  });

  it('refuses a second writer with an error naming the process that holds the directory', async () => {
    const { child, lines } = startChild('hold', folder.directory);
    try {
      expect((await lines.next()).value).toBe('ready');
      const refusal = await EmbeddedStore.open(folder.directory).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(DataDirectoryInUseError);
      expect((refusal as Error).message).toContain(`in use by process ${child.pid}`);
      expect((refusal as Error).message).toContain('embedded-writer-process.ts hold');
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    // The holder is gone: its stale lock is taken over.
    const store = await EmbeddedStore.open(folder.directory);
    await store.close();
  }, 30_000);

  it('refuses the seed loader while a server holds the directory, and the server while the loader does', async () => {
    // First a server holds it, then the loader.
    await withStore(async () => {
      await expect(EmbeddedStore.open(folder.directory)).rejects.toBeInstanceOf(DataDirectoryInUseError);
    });
    await withStore(async () => {
      await expect(EmbeddedStore.open(folder.directory)).rejects.toBeInstanceOf(DataDirectoryInUseError);
    });
  });

  it('refuses a data directory of the previous storage layout with what to do, leaving its file untouched', async () => {
    const file = path.join(folder.directory, 'embedded.sqlite');
    const old = new Database(file);
    old.exec('CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, UNIQUE (collection, id))');
    old.close();
    const before = fs.readFileSync(file);
    await expect(EmbeddedStore.open(folder.directory)).rejects.toThrow(/embedded\.sqlite holds documents in the storage layout before tables and indexes.*load your bundles again/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(folder.directory)).toEqual(['embedded.sqlite']);
  });
});
