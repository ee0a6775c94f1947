import type { ArmResult, BenchResults, EngineResult, TargetResult } from './results';
import { ratio } from '../stats';

const number = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');
const ms = (value: number | undefined): string => (value === undefined ? '–' : number(value, value < 10 ? 2 : 1));
const seconds = (value: number | undefined, digits: number): string => (value !== undefined && Number.isFinite(value) ? `${number(value, digits)} s` : 'n/a');
const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');
const percent = (value: number): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${(value * 100).toFixed(0)}%` : 'n/a');

/** A cell's text with its pipes escaped, so it cannot split the row. */
const cell = (text: string): string => text.replaceAll('|', '\\|');

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

function targetRow(target: TargetResult): string[] {
  const threshold = `${target.direction === 'at-least' ? '≥' : '≤'} ${number(target.threshold, target.threshold < 10 ? 1 : 0)}`;
  return [target.statement, target.measured, threshold, `**${target.status}**`, percent(target.margin)];
}

const rps = (arm: ArmResult | undefined): string => (arm ? number(arm.requestsPerSecond, arm.requestsPerSecond < 100 ? 1 : 0) : '–');
const connections = (count: number): string => (count > 0 ? String(count) : 'not loaded');

function engineSections(engine: EngineResult, results: BenchResults): string[] {
  const sections: string[] = [];
  const workloadNames = results.workloads.filter((workload) => workload.status === 'ran').map((workload) => workload.name);
  const sizesOf = (name: string) => engine.sizes.flatMap((size) => size.workloads.filter((entry) => entry.workload === name).map((entry) => ({ articles: size.articles, entry })));

  sections.push(
    `### Store round trips per query (${engine.engine}): DataLoaders on vs off`,
    table(
      ['workload', 'articles', 'batched', 'naive', 'naive / batched', 'levels', 'most calls to one collection in a level', 'calls per level'],
      workloadNames.flatMap((name) =>
        sizesOf(name).map(({ articles, entry }) => [
          name,
          number(articles),
          String(entry.roundTrips.batched),
          String(entry.roundTrips.naive),
          times(entry.roundTrips.ratio),
          String(entry.roundTrips.batchedWaves.waves),
          String(entry.roundTrips.batchedWaves.maxCallsPerCollectionPerWave),
          entry.roundTrips.batchedWaves.shape,
        ]),
      ),
    ),
  );

  sections.push(
    `### Latency by corpus size (${engine.engine}), milliseconds, median of ${results.settings.rounds} rounds`,
    table(
      ['workload', 'articles', 'conn.', 'alone', 'gateway p50', 'gateway p99', 'bare http p50', 'bare http p99', 'in-process p50', 'in-process p99', 'gateway p50 / smallest size'],
      workloadNames.flatMap((name) => {
        const rows = sizesOf(name);
        const first = rows.find((row) => row.entry.arms.gateway)?.entry.arms.gateway?.p50Ms ?? Number.NaN;
        return rows.map(({ articles, entry }) => [
          name,
          number(articles),
          connections(entry.connections),
          ms(entry.singleExecutionMs),
          ms(entry.arms.gateway?.p50Ms),
          ms(entry.arms.gateway?.p99Ms),
          ms(entry.arms.bareHttp?.p50Ms),
          ms(entry.arms.bareHttp?.p99Ms),
          ms(entry.arms.inProcess?.p50Ms),
          ms(entry.arms.inProcess?.p99Ms),
          entry.arms.gateway ? times(ratio(entry.arms.gateway.p50Ms, first)) : '–',
        ]);
      }),
    ),
  );

  sections.push(
    `### Throughput (${engine.engine}), requests per second, median of ${results.settings.rounds} rounds`,
    table(
      ['workload', 'articles', 'gateway (HTTP)', 'bare node:http + graphql-js', 'graphql-js execute in-process', 'in-process, naive resolvers', 'gateway / bare http', 'gateway / in-process', 'batched / naive'],
      workloadNames.flatMap((name) =>
        sizesOf(name).map(({ articles, entry }) => [
          name,
          number(articles),
          rps(entry.arms.gateway),
          rps(entry.arms.bareHttp),
          rps(entry.arms.inProcess),
          rps(entry.arms.inProcessNaive),
          entry.arms.gateway && entry.arms.bareHttp ? times(ratio(entry.arms.gateway.requestsPerSecond, entry.arms.bareHttp.requestsPerSecond)) : '–',
          entry.arms.gateway && entry.arms.inProcess ? times(ratio(entry.arms.gateway.requestsPerSecond, entry.arms.inProcess.requestsPerSecond)) : '–',
          entry.arms.inProcess && entry.arms.inProcessNaive ? times(ratio(entry.arms.inProcess.requestsPerSecond, entry.arms.inProcessNaive.requestsPerSecond)) : '–',
        ]),
      ),
    ),
  );

  sections.push(
    `### Server memory (${engine.engine}), MiB: the process holding the store and both servers`,
    table(
      ['articles', 'corpus ready in', 'opened in', 'RSS idle', 'heap used idle', 'RSS peak under load', 'heap peak under load', 'RSS peak, gateway', 'heap peak, gateway', 'RSS peak, bare http', 'heap peak, bare http'],
      engine.sizes.map((size) => {
        const peak = (arm: 'gateway' | 'bareHttp', field: 'rssMiB' | 'heapUsedMiB') => {
          const values = size.workloads.flatMap((entry) => (entry.arms[arm]?.memory ? [entry.arms[arm].memory[field]] : []));
          return values.length > 0 ? number(Math.max(...values)) : '–';
        };
        return [
          number(size.articles),
          seconds(size.readySeconds, 1),
          seconds(size.openSeconds, 3),
          number(size.baselineMemory.rssMiB),
          number(size.baselineMemory.heapUsedMiB),
          number(size.loadMemory?.rssMiB ?? Number.NaN),
          number(size.loadMemory?.heapUsedMiB ?? Number.NaN),
          peak('gateway', 'rssMiB'),
          peak('gateway', 'heapUsedMiB'),
          peak('bareHttp', 'rssMiB'),
          peak('bareHttp', 'heapUsedMiB'),
        ];
      }),
    ),
  );
  return sections;
}

/**
 * Opening, memory and one execution alone of every workload, one row per engine and size, the
 * engines side by side: the figures the memory, opening and latency targets read.
 */
function startUpAndAloneSection(results: BenchResults): string[] {
  const workloadNames = results.workloads.filter((workload) => workload.status === 'ran').map((workload) => workload.name);
  const rows = results.engines.flatMap((engine) =>
    engine.sizes.map((size) => [
      engine.engine,
      number(size.articles),
      seconds(size.openSeconds, 3),
      number(size.baselineMemory.rssMiB),
      number(size.baselineMemory.heapUsedMiB),
      number(size.loadMemory?.rssMiB ?? Number.NaN),
      number(size.loadMemory?.heapUsedMiB ?? Number.NaN),
      ...workloadNames.map((name) => ms(size.workloads.find((entry) => entry.workload === name)?.singleExecutionMs)),
    ]),
  );
  return [
    '## Opening, memory and one execution alone, by engine and size',
    '',
    'Opened in: the loaded store opened as `npm start` opens it (`EmbeddedStore.open` on the data directory; for mongo, a new connection that checks the indexes). ' +
      'Memory of the server process, MiB: idle is after opening and a full garbage collection, before any request; the peak under load spans every workload and arm at that size. ' +
      'Sizes run smallest first in one process and RSS seldom shrinks, so a size\'s idle RSS includes what earlier sizes left: it may overstate, never understate. ' +
      'One execution alone: in-process, batched, the median of up to 5 after a warm-up, in milliseconds.',
    '',
    table(['engine', 'articles', 'opened in', 'RSS idle', 'heap idle', 'RSS peak under load', 'heap peak under load', ...workloadNames.map((name) => `${name} alone`)], rows),
    '',
  ];
}

/** The Markdown report: machine, targets with margins, then one table per question. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, settings } = results;
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Run \`${results.command}\` (${results.mode} mode) on ${machine.date.slice(0, 10)}: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}. ` +
      `Took ${number(results.totalSeconds / 60, 1)} min. Corpora of ${settings.sizes.map((size) => number(size)).join(', ')} articles (seed ${settings.seed}); ` +
      `${settings.rounds} rounds per arm of ${settings.roundSeconds} s over HTTP (after ${settings.warmupSeconds} s of warm-up) and ${settings.inProcessSeconds} s in-process; ` +
      `up to ${settings.maxConnections} concurrent requests; MongoDB ${settings.mongodb ? 'included' : 'not measured (MONGODB_URI unset)'}. ` +
      'Timings are noisy: compare ratios within this run, not with another machine. Raw numbers: [latest.json](latest.json).',
    '',
    '## Targets',
    '',
    table(['target', 'measured', 'threshold', 'result', 'margin'], results.targets.map(targetRow)),
    '',
  ];
  const notRun = results.workloads.filter((workload) => workload.status !== 'ran');
  if (notRun.length > 0) {
    lines.push('## Workloads not measured', '');
    for (const workload of notRun) lines.push(`- **${workload.status === 'skipped' ? 'SKIPPED' : 'INVALID'}: ${workload.name}** (${workload.file}): ${workload.reason ?? ''}`);
    lines.push('');
  }
  if (results.warnings.length > 0) {
    lines.push('## Warnings', '', ...results.warnings.map((warning) => `- ${warning}`), '');
  }
  const hundred = results.hundredStatementTree;
  lines.push(
    '## Round trips at 100 statements per article',
    '',
    `The tree query on one article of ${hundred.statements} statements (the corpus's first statements, moved into one article with their actors and reports): ` +
      `${hundred.batched} round trips batched in ${hundred.batchedWaves.waves} levels (${hundred.batchedWaves.shape}), ${hundred.naive} naive, ${hundred.ratio.toFixed(1)}x.`,
    '',
    '## Seed loading',
    '',
    `Every load of a corpus in this run, into a new store, with the project's seed loader (\`loadBundles\`: reading, validation and writing). ` +
      `The target reads the embedded load of the ${number(results.settings.seedLoadSize)}-article corpus. ` +
      '"Of which the commit" is the time from the last file to the end: the cross-file checks, then the commit, in which the embedded store builds every secondary index. ' +
      '"Ceiling set by the commit" is the rate a load could not pass even if reading, validating and writing the files took no time: the documents over the commit alone.',
    '',
    table(
      ['engine', 'corpus', 'files', 'documents', 'seconds', 'of which the commit', 'documents / s', 'ceiling set by the commit, documents / s'],
      results.seedLoading.map((load) => [
        load.engine,
        `${number(load.articles)} articles`,
        number(load.files),
        number(load.documents),
        number(load.seconds, 1),
        load.commitSeconds === null ? 'n/a' : number(load.commitSeconds, 1),
        number(load.documentsPerSecond),
        load.commitSeconds === null ? 'n/a' : number(load.documents / load.commitSeconds),
      ]),
    ),
    '',
  );
  lines.push(...startUpAndAloneSection(results));
  for (const engine of results.engines) lines.push(...engineSections(engine, results).flatMap((section) => [section, '']));
  lines.push(
    '## Workloads and corpora',
    '',
    table(
      ['workload', 'operation', 'status'],
      results.workloads.map((workload) => [workload.title, `[${workload.file}](../../${workload.file})`, workload.status === 'ran' ? 'measured' : `${workload.status}: ${workload.reason ?? ''}`]),
    ),
    '',
    table(
      ['articles', 'statements', 'reports', 'actors', 'documents', 'JSON MB', 'tree article (statements)', 'top actor (statements)', 'denials window', 'search', 'provenance statement (chain)'],
      results.corpora.map((corpus) => [
        number(corpus.articles),
        number(corpus.statements),
        number(corpus.reports),
        number(corpus.actors),
        number(corpus.documents),
        number(corpus.megabytes),
        `${corpus.picks.treeArticleId} (${corpus.picks.treeArticleStatements})`,
        `${corpus.picks.topActorId} (${number(corpus.picks.topActorStatements)})`,
        `${corpus.picks.denialsFrom} to ${corpus.picks.denialsTo}`,
        `"${corpus.picks.searchQuery}"`,
        `${corpus.picks.provenanceStatementId} (${corpus.picks.provenanceChainLength})`,
      ]),
    ),
    '',
    'Arms: **gateway** is `createGateway` (Apollo Server on node:http, as served by `npm start`, store stats off); **bare http** is `bench/arms/bare-http-server.ts`, ' +
      'node:http + graphql-js over the same schema, resolvers and context factory (parsed documents cached, as Apollo does); **in-process** is graphql-js `execute` of the parsed ' +
      'document with `createContext(store)`, and **naive** the same with `createContext(store, { batching: false })`. HTTP load comes from autocannon in a separate process on ' +
      'loopback; the arms of a workload alternate round by round and use the same concurrency. Latency is measured per response by the client (in-process: per execution). ' +
      '"Levels" are the turns of the event loop in which a request starts store calls.',
    '',
  );
  return lines.join('\n');
}
