/**
 * `npm run bench [-- --quick]`: measures the gateway on synthetic corpora of three sizes and
 * writes bench/results/latest.json and latest.md. See the Benchmarks section of README.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { resolvers } from '../src/graphql/resolvers';
import { readTypeDefs } from '../src/graphql/type-defs';
import { projectRoot } from '../src/project-root';
import type { Store } from '../src/store/store';
import { measureRoundTrips } from './arms/in-process';
import { loadEmbeddedCorpusStore } from './corpus/embedded-stores';
import { buildHundredStatementStore, HUNDRED, HUNDRED_ARTICLE_ID } from './corpus/hundred-statement-article';
import { measureMongoSeedLoad, openMongoCorpusStore } from './corpus/mongo-stores';
import { pickVariables, type CorpusPicks } from './corpus/pick-variables';
import { corpusDocuments, prepareCorpus, type PreparedCorpus } from './corpus/prepare-corpus';
import type { SeedLoadMeasurement } from './corpus/seed-load';
import { startLoadClient, type LoadClient } from './load/load-client';
import { collectGarbage } from './load/memory-sampler';
import { describeMachine } from './machine';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './options';
import { renderMarkdown } from './report/markdown';
import type { BenchResults, EngineResult, SizeResult, WorkloadStatus } from './report/results';
import { evaluateTargets } from './report/targets';
import { runSize, type ReadyWorkload } from './run-size';
import { buildExecutableSchema } from './schema/executable-schema';
import { GATEWAY_VALIDATION_RULES } from '../src/server';
import { checkWorkload } from './schema/workload-availability';
import { ARTICLE_TREE, WORKLOADS, readWorkloadSource } from './workloads/workloads';

const log = (line: string): void => console.log(line);

interface Corpus {
  prepared: PreparedCorpus;
  picks: CorpusPicks;
}

/** A store holding one corpus, ready to measure, and how to let go of it. */
interface OpenedStore {
  store: Store;
  /** Seconds until it held the corpus (loading it, or finding it loaded). */
  readySeconds: number;
  /** Seconds to open it as `npm start` does, once the corpus was in place. */
  openSeconds: number;
  close(): Promise<void>;
}

async function measureEngine(
  engine: EngineResult['engine'],
  corpora: readonly Corpus[],
  open: (corpus: PreparedCorpus) => Promise<OpenedStore>,
  common: { options: BenchOptions; ready: readonly ReadyWorkload[]; load: LoadClient; warn: (line: string) => void },
): Promise<EngineResult> {
  const schema = buildExecutableSchema(readTypeDefs(), resolvers);
  const sizes: SizeResult[] = [];
  for (const { prepared, picks } of corpora) {
    const opened = await open(prepared);
    try {
      log(`${engine}, ${prepared.articles.toLocaleString('en')} articles:`);
      sizes.push(
        await runSize({
          options: common.options,
          schema,
          rules: [...GATEWAY_VALIDATION_RULES],
          workloads: common.ready,
          store: opened.store,
          articles: prepared.articles,
          picks,
          readySeconds: opened.readySeconds,
          openSeconds: opened.openSeconds,
          load: common.load,
          log,
          warn: common.warn,
        }),
      );
    } finally {
      await opened.close();
      // Frees the previous corpus's store before the next is opened.
      collectGarbage();
    }
  }
  return { engine, sizes };
}

async function main(): Promise<number> {
  const started = performance.now();
  const root = projectRoot();
  const parsed = parseBenchArgs(process.argv.slice(2), process.env, root);
  if ('error' in parsed) {
    console.error(`${parsed.error}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if ('help' in parsed) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const options = parsed;
  const machine = describeMachine();
  const warnings: string[] = [];
  const warn = (line: string): void => {
    warnings.push(line);
    console.warn(`WARNING: ${line}`);
  };
  log(`attribution-gateway bench (${options.mode}): ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);

  // Which workloads this schema can run: skipped ones are said out loud, invalid ones fail the run.
  const schema = buildExecutableSchema(readTypeDefs(), resolvers);
  const statuses: WorkloadStatus[] = [];
  const ready: ReadyWorkload[] = [];
  for (const workload of WORKLOADS) {
    const source = readWorkloadSource(workload);
    const availability = checkWorkload(schema, source, workload.requires, [...GATEWAY_VALIDATION_RULES]);
    const base = { name: workload.name, title: workload.title, file: workload.file };
    if (availability.status === 'ready') {
      ready.push({ workload, source, document: availability.document });
      statuses.push({ ...base, status: 'ran' });
    } else {
      statuses.push({ ...base, status: availability.status, reason: availability.reason });
      console.warn(`\n*** ${availability.status === 'skipped' ? 'SKIPPED' : 'INVALID'} ${workload.name} (${base.file}): ${availability.reason} ***\n`);
    }
  }
  if (!ready.some((entry) => entry.workload === ARTICLE_TREE)) throw new Error('The article tree workload does not validate; the targets cannot be measured');

  const corpora: Corpus[] = [];
  for (const articles of options.sizes) {
    const prepared = await prepareCorpus(options.cacheDirectory, articles, options.seed, log);
    corpora.push({ prepared, picks: await pickVariables(prepared) });
  }
  // Seed loading is measured on every corpus the run loads; the target reads the `seedLoadSize` one.
  const seedLoading: SeedLoadMeasurement[] = [];
  if (!options.sizes.includes(options.seedLoadSize)) {
    const extra = await loadEmbeddedCorpusStore(await prepareCorpus(options.cacheDirectory, options.seedLoadSize, options.seed, log), options.cacheDirectory, log);
    seedLoading.push(extra.load);
    await extra.dispose();
  }
  if (options.mongodbUri) {
    const seedCorpus = corpora.find((corpus) => corpus.prepared.articles === options.seedLoadSize)?.prepared ?? (await prepareCorpus(options.cacheDirectory, options.seedLoadSize, options.seed, log));
    seedLoading.push(await measureMongoSeedLoad(options.mongodbUri, seedCorpus, log));
  }

  const load = await startLoadClient();
  const engines: EngineResult[] = [];
  let hundred: BenchResults['hundredStatementTree'] | undefined;
  try {
    const common = { options, ready, load, warn };
    engines.push(
      await measureEngine(
        'embedded',
        corpora,
        async (corpus) => {
          const opened = await loadEmbeddedCorpusStore(corpus, options.cacheDirectory, log);
          seedLoading.push(opened.load);
          if (!hundred) {
            // The 100-statement article is built once, from the first corpus, in a store of its own.
            const hundredStore = await buildHundredStatementStore(opened.store);
            const tree = ready.find((entry) => entry.workload === ARTICLE_TREE) as ReadyWorkload;
            const { data: _data, ...trips } = await measureRoundTrips(
              { schema, document: tree.document, operationName: ARTICLE_TREE.operationName, variables: { id: HUNDRED_ARTICLE_ID } },
              hundredStore,
              'the tree query at 100 statements',
            );
            hundred = { ...trips, statements: HUNDRED };
            await hundredStore.close();
          }
          return { store: opened.store, readySeconds: opened.load.seconds, openSeconds: opened.openSeconds, close: opened.dispose };
        },
        common,
      ),
    );
    const uri = options.mongodbUri;
    if (uri) {
      engines.push(
        await measureEngine(
          'mongo',
          corpora,
          async (corpus) => {
            const begun = performance.now();
            const opened = await openMongoCorpusStore(uri, corpus, log);
            if (opened.load) seedLoading.push(opened.load);
            return { store: opened.store, readySeconds: (performance.now() - begun) / 1000, openSeconds: opened.openSeconds, close: () => opened.store.close() };
          },
          common,
        ),
      );
    }
  } finally {
    await load.close();
  }
  if (!hundred) throw new Error('The 100-statement tree was not measured');

  const partial: Omit<BenchResults, 'targets'> = {
    machine,
    mode: options.mode,
    command: options.mode === 'quick' ? 'npm run bench -- --quick' : 'npm run bench',
    settings: {
      seed: options.seed,
      sizes: options.sizes,
      seedLoadSize: options.seedLoadSize,
      rounds: options.rounds,
      roundSeconds: options.roundSeconds,
      warmupSeconds: options.warmupSeconds,
      inProcessSeconds: options.inProcessSeconds,
      maxConnections: options.maxConnections,
      mongodb: Boolean(options.mongodbUri),
    },
    totalSeconds: (performance.now() - started) / 1000,
    corpora: corpora.map(({ prepared, picks }) => ({
      articles: prepared.articles,
      actors: prepared.summary.actors,
      statements: prepared.summary.statements,
      reports: prepared.summary.reports,
      documents: corpusDocuments(prepared.summary),
      megabytes: prepared.summary.bytes / 1e6,
      generationSeconds: prepared.summary.seconds,
      picks,
    })),
    workloads: statuses,
    seedLoading,
    hundredStatementTree: hundred,
    engines,
    warnings,
  };
  const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
  await fs.mkdir(options.resultsDirectory, { recursive: true });
  await fs.writeFile(path.join(options.resultsDirectory, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  await fs.writeFile(path.join(options.resultsDirectory, 'latest.md'), renderMarkdown(results));

  log('');
  for (const target of results.targets) log(`${target.status.padEnd(12)} ${target.statement}: ${target.measured}`);
  for (const workload of statuses.filter((status) => status.status !== 'ran')) log(`${workload.status.toUpperCase().padEnd(12)} ${workload.name}: ${workload.reason ?? ''}`);
  log(`\nWrote ${path.relative(root, path.join(options.resultsDirectory, 'latest.md'))} and latest.json in ${((performance.now() - started) / 60000).toFixed(1)} min`);
  return statuses.some((status) => status.status === 'invalid') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
