import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding the gateway's package.json, found from this file's place so it is the
 * same whether the code runs from `src/` (tsx, ts-jest) or from `dist/src/` (built).
 */
export function projectRoot(): string {
  let directory = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(directory, 'package.json')) && fs.existsSync(path.join(directory, 'schema'))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No project root (package.json beside schema/) above ${__dirname}`);
    directory = parent;
  }
}
