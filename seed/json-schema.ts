import fs from 'node:fs';
import path from 'node:path';
import { Bundle } from '../src/ingest/bundle.schema';
import { bundleJsonSchema } from '../src/ingest/bundle-json-schema';
import { projectRoot } from '../src/project-root';

/**
 * Writes schema/seed-bundle.schema.json, the JSON Schema of seed bundles, generated from the
 * zod definition the loader uses, so editors validate files as people write them.
 * With --check, fails instead when the committed file is stale.
 */
const target = path.join(projectRoot(), 'schema', 'seed-bundle.schema.json');
const schema = {
  ...bundleJsonSchema(Bundle),
  title: 'attribution-gateway seed bundle',
  description:
    'Annotated articles: actors, reports, articles and their statements. Generated from src/ingest/bundle.schema.ts by `npm run codegen`; ' +
    'the loader also checks what JSON Schema cannot: the rules across fields of a record, references resolve, evidence spans match the body, chains have no cycles.',
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(`${path.relative(projectRoot(), target)} is stale: run npm run codegen`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, text);
}
