import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../src/config';
import { listBundleFiles, loadBundles } from '../src/ingest/load-bundles';
import { formatProblem } from '../src/ingest/problem';
import { createStore } from '../src/store/create-store';

const USAGE = `Usage: npm run seed -- [--dry-run] [--drop] [PATH ...]

Validates annotated article bundles (JSON files, or folders of them) and loads them into the
configured store: MongoDB when MONGODB_URI is set, else the embedded store. Nothing is written
when any record is invalid. PATH defaults to seed/data.

  --dry-run   validate and report only
  --drop      empty the collections first, so they hold exactly this input`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, drop: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = readConfig();
  const files = await listBundleFiles(positionals.length > 0 ? positionals : [config.seedDirectory]);
  if (files.length === 0) {
    console.error(`No .json bundle files found in ${positionals.join(', ') || config.seedDirectory}`);
    return 2;
  }
  const store = await createStore(config);
  try {
    const started = performance.now();
    const result = await loadBundles(store, files, { dryRun: values['dry-run'], drop: values.drop });
    if (!result.ok) {
      for (const problem of result.problems) console.error(formatProblem(problem));
      console.error(`\n${result.problems.length} problem(s) in ${result.files} file(s); nothing was written.`);
      return 1;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`${result.dryRun ? 'Validated (dry run, nothing written)' : 'Loaded'} ${result.files} file(s) into the ${store.engine} store in ${seconds.toFixed(2)} s`);
    for (const [collection, counts] of Object.entries(result.summary)) {
      console.log(`  ${collection.padEnd(10)} ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
