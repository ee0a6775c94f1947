import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DATABASE_FILE } from '../src/store/embedded/index';
import { temporaryDirectory } from './support/bundles';

const MAIN = path.join(__dirname, '..', 'src', 'main.ts');

describe('the gateway process', () => {
  it('serves the seed on an empty data directory, then on SIGTERM drains, closes the store and exits 0', async () => {
    const folder = temporaryDirectory('gateway-process');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN], {
      env: { ...process.env, DATA_DIR: folder.directory, PORT: '0', MONGODB_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output: string[] = [];
      let url: string | undefined;
      for await (const line of createInterface({ input: child.stdout! })) {
        output.push(line);
        url = /(http:\/\/\S+\/graphql)/.exec(line)?.[1];
        if (url) break;
      }
      expect(output.join('\n')).toMatch(/Loaded 40 documents from 1 seed file/);
      const response = await fetch(url as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ about { storeEngine } articles { totalCount } }' }) });
      expect(await response.json()).toEqual({ data: { about: { storeEngine: 'embedded' }, articles: { totalCount: 1 } } });
      expect(fs.existsSync(path.join(folder.directory, 'LOCK'))).toBe(true);

      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      // The store was closed: lock released, write-ahead log checkpointed away.
      expect(fs.readdirSync(folder.directory)).toEqual([DATABASE_FILE]);
    } finally {
      child.kill('SIGKILL');
      folder.remove();
    }
  }, 60_000);
});
