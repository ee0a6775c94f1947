import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../src/config';
import { listBundleFiles, loadBundles } from '../src/ingest/load-bundles';
import { formatProblem } from '../src/ingest/problem';
import { openLoadTarget } from '../src/store/create-store';
import { StoreUnavailableError } from '../src/store/store-errors';
import { DataDirectoryInUseError } from '../src/store/data-directory-lock';
import { EmbeddedStore } from '../src/store/embedded/index';
import { createProgressReporter } from './progress';

const USAGE = `Usage: npm run seed -- [--dry-run] [--drop] [--store embedded|mongo] [PATH ...]

Validates annotated article bundles (JSON files, or folders of them) and loads them into a store:
MongoDB when MONGODB_URI is set (or --store mongo), else the embedded store in DATA_DIR. Nothing
is written when any record is invalid; every problem is listed. PATH defaults to seed/data.

  --dry-run         validate and report what would change; write nothing (allowed while a
                    gateway holds the data directory)
  --drop            empty the collections first, so they hold exactly this input
  --store ENGINE    embedded or mongo (mongo needs MONGODB_URI)
  --quiet           no progress output`;

/** Exit codes: 0 loaded, 1 invalid input (nothing written), 2 bad usage or environment. */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        drop: { type: 'boolean', default: false },
        store: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = readConfig();
  if (values.store !== undefined && values.store !== 'embedded' && values.store !== 'mongo') {
    console.error(`--store must be embedded or mongo, not ${JSON.stringify(values.store)}`);
    return 2;
  }
  if (values.store === 'mongo' && !config.mongodbUri) {
    console.error('--store mongo needs MONGODB_URI (for example mongodb://127.0.0.1:27017/attribution)');
    return 2;
  }
  const files = await listBundleFiles(positionals.length > 0 ? positionals : [config.seedDirectory]);
  if (files.length === 0) {
    console.error(`No .json bundle files in ${positionals.join(', ') || config.seedDirectory}`);
    return 2;
  }
  const storeConfig = values.store === 'embedded' ? { ...config, mongodbUri: undefined } : config;
  // A dry run on the embedded engine reads the committed data read-only and takes no lock: it may run beside a gateway.
  const store = values['dry-run'] && !storeConfig.mongodbUri ? (EmbeddedStore.openReadOnly(storeConfig.dataDirectory) ?? EmbeddedStore.temporary()) : await openLoadTarget(storeConfig);
  const progress = createProgressReporter();
  try {
    const result = await loadBundles(store, files, {
      dryRun: values['dry-run'],
      drop: values.drop,
      ...(values.quiet ? {} : { onProgress: progress.update }),
    });
    progress.done();
    if (!result.ok) {
      for (const problem of result.problems) console.error(formatProblem(problem));
      console.error(`\n${result.problems.length} problem(s) in ${result.files} file(s); nothing was written.`);
      return 1;
    }
    const rate = Math.round(result.documents / Math.max(result.seconds, 1e-6));
    console.log(
      `${result.dryRun ? 'Dry run (nothing written): would load' : 'Loaded'} ${result.documents.toLocaleString('en')} documents from ${result.files} file(s) ` +
        `into the ${store.engine} store in ${result.seconds.toFixed(2)} s (${rate.toLocaleString('en')} documents/s)`,
    );
    for (const [collection, counts] of Object.entries(result.summary)) {
      const removed = result.removed[collection as keyof typeof result.removed];
      console.log(`  ${collection.padEnd(10)} ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged${removed > 0 ? `, ${removed} removed` : ''}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * A reader that stops early (`npm run seed | head -1`) closes the pipe; the load goes on and
 * finishes (or fails) as it would have, its further output dropped, instead of crashing on EPIPE.
 */
function dropOutputOnceItsReaderIsGone(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
dropOutputOnceItsReaderIsGone(process.stdout);
dropOutputOnceItsReaderIsGone(process.stderr);

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError || error instanceof StoreUnavailableError;
    console.error(known ? (error as Error).message : error);
    process.exit(2);
  },
);
