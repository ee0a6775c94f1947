/**
 * `npx tsx bench/render.ts [results.json]`: writes the Markdown report again from a results file
 * (default bench/results/latest.json), e.g. after a change to the report's layout, without rerunning.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { renderMarkdown } from './report/markdown';
import type { BenchResults } from './report/results';

async function main(): Promise<void> {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, 'results', 'latest.json'));
  const results = JSON.parse(await fs.readFile(file, 'utf8')) as BenchResults;
  const out = file.replace(/\.json$/, '.md');
  await fs.writeFile(out, renderMarkdown(results));
  console.log(`Wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
