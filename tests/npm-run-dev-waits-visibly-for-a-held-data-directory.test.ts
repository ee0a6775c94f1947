import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { lockDataDirectory } from '../src/store/data-directory-lock';
import { temporaryDirectory } from './support/bundles';

describe('npm run dev on a data directory another process holds', () => {
  it('says it waits for the holder, and starts once the directory is released', async () => {
    const folder = temporaryDirectory('dev-held');
    const release = lockDataDirectory(folder.directory);
    // Its own process group, so the watcher and the server it runs are stopped together.
    const dev = spawn('npm', ['run', '--silent', 'dev'], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, DATA_DIR: folder.directory, PORT: '0', MONGODB_URI: '', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const output: string[] = [];
    const waitFor = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = (line: string) => {
          output.push(line);
          if (pattern.test(line)) resolve();
        };
        createInterface({ input: dev.stdout! }).on('line', check);
        createInterface({ input: dev.stderr! }).on('line', check);
      });
    try {
      const waiting = waitFor(/is in use by process .*Waiting for it to be released/);
      const listening = waitFor(/"url":"http:\/\/[^"]+\/graphql"/);
      await waiting;
      expect(output.join('\n')).toContain(`process ${process.pid}`);
      release();
      await listening;
    } finally {
      release();
      if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
      await new Promise((resolve) => dev.once('exit', resolve));
      folder.remove();
    }
  }, 90_000);
});
