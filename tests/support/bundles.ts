import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bundle } from '../../src/ingest/bundle.schema';
import { SEED_DIRECTORY } from './gateway';

export const SEED_BUNDLE_FILE = path.join(SEED_DIRECTORY, 'afp-2024-10-22-north-korea-troops.json');

/** A fresh, mutable copy of the seed bundle as plain JSON. */
export function seedBundle(): Bundle & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(SEED_BUNDLE_FILE, 'utf8')) as Bundle & Record<string, unknown>;
}

/** A temporary folder, removed by the returned function. */
export function temporaryDirectory(prefix: string): { directory: string; remove: () => void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { directory, remove: () => fs.rmSync(directory, { recursive: true, force: true }) };
}

/** Writes `content` (text as is, anything else as pretty JSON) to `name` in `directory`; returns the path. */
export function writeFile(directory: string, name: string, content: unknown): string {
  const file = path.join(directory, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return file;
}
