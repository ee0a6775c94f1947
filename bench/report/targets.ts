import { ratio } from '../stats';
import type { BenchResults, EngineResult, TargetResult, WorkloadAtSize } from './results';

/** The thresholds of the issue, in one place. */
export const THRESHOLDS = {
  naiveOverBatchedAtHundred: 20,
  treeP50LargestOverSmallest: 1.5,
  gatewayOverBareThroughput: 0.6,
  embeddedSeedDocumentsPerSecond: 100_000,
  rssIdleMiBAtLargest: 1024,
  rssUnderLoadMiBAtLargest: 1536,
  openSeconds: 1,
  workloadP50LargestOverSmallest: 1.5,
  singleExecutionMsAtLargest: 50,
} as const;

/**
 * The seed-loading floor is set on the 10,000-article corpus. A quick run loads a smaller one,
 * where starting the reader threads weighs on fewer documents: it is reported, not judged.
 */
const SEED_LOAD_TARGET_ARTICLES = 10_000;

/** NaN is "not measured"; +Infinity (a workload too slow to put under load) is a miss. */
function judged(target: Omit<TargetResult, 'status' | 'margin'>): TargetResult {
  if (Number.isNaN(target.value)) return { ...target, status: 'NOT MEASURED', margin: Number.NaN };
  const pass = target.direction === 'at-least' ? target.value >= target.threshold : target.value <= target.threshold;
  const margin = target.direction === 'at-least' ? target.value / target.threshold - 1 : 1 - target.value / target.threshold;
  return { ...target, status: pass ? 'PASS' : 'MISS', margin };
}

function treeAt(engine: EngineResult): Array<{ articles: number; tree: WorkloadAtSize }> {
  return engine.sizes.flatMap((size) => {
    const tree = size.workloads.find((workload) => workload.workload === 'article-tree');
    return tree ? [{ articles: size.articles, tree }] : [];
  });
}

/** The workload's measurement at the smallest and at the largest corpus size of the engine's run. */
function smallestAndLargest(engine: EngineResult, name: string): { small?: WorkloadAtSize; large?: WorkloadAtSize; smallArticles: number; largeArticles: number } {
  const first = engine.sizes[0];
  const last = engine.sizes[engine.sizes.length - 1];
  const find = (size: typeof first) => size?.workloads.find((workload) => workload.workload === name);
  return { small: find(first), large: find(last), smallArticles: first?.articles ?? Number.NaN, largeArticles: last?.articles ?? Number.NaN };
}

const thousands = (value: number): string => value.toLocaleString('en');

/** Items 1 and 2 of the issue: memory at the largest corpus, idle and under load, and opening at every size. */
function memoryAndOpenTargets(engine: EngineResult): TargetResult[] {
  const largest = engine.sizes[engine.sizes.length - 1];
  const at = largest ? ` at ${thousands(largest.articles)} articles` : '';
  const opens = engine.sizes.map((size) => size.openSeconds);
  return [
    judged({
      name: `rss-idle (${engine.engine})`,
      statement: `Server RSS idle at the largest corpus under ${THRESHOLDS.rssIdleMiBAtLargest.toLocaleString('en')} MiB (store open, after GC, before load)`,
      measured: largest ? `${fixed(largest.baselineMemory.rssMiB, 0)} MiB${at} (heap ${fixed(largest.baselineMemory.heapUsedMiB, 0)} MiB)` : 'not measured',
      value: largest?.baselineMemory.rssMiB ?? Number.NaN,
      threshold: THRESHOLDS.rssIdleMiBAtLargest,
      direction: 'at-most',
    }),
    judged({
      name: `rss-under-load (${engine.engine})`,
      statement: `Server RSS peak under the benchmark's load at the largest corpus under ${THRESHOLDS.rssUnderLoadMiBAtLargest.toLocaleString('en')} MiB`,
      measured: largest ? `${fixed(largest.loadMemory.rssMiB, 0)} MiB${at} (heap ${fixed(largest.loadMemory.heapUsedMiB, 0)} MiB)` : 'not measured',
      value: largest?.loadMemory.rssMiB ?? Number.NaN,
      threshold: THRESHOLDS.rssUnderLoadMiBAtLargest,
      direction: 'at-most',
    }),
    judged({
      name: `open-seconds (${engine.engine})`,
      statement: `Opening the loaded store as \`npm start\` does: under ${THRESHOLDS.openSeconds} s at every size (slowest shown)`,
      measured: engine.sizes.map((size) => `${thousands(size.articles)}: ${fixed(size.openSeconds, 3)} s`).join('; ') || 'not measured',
      value: opens.length > 0 ? Math.max(...opens) : Number.NaN,
      threshold: THRESHOLDS.openSeconds,
      direction: 'at-most',
    }),
  ];
}

/**
 * Item 3 of the issue, per workload: gateway p50 flat from the smallest to the largest corpus (the
 * tree query's is the target above), and one execution alone at the largest corpus within budget.
 */
function workloadTargets(engine: EngineResult, names: readonly string[]): TargetResult[] {
  const targets: TargetResult[] = [];
  for (const name of names.filter((workload) => workload !== 'article-tree')) {
    const { small, large, smallArticles, largeArticles } = smallestAndLargest(engine, name);
    const smallP50 = small?.arms.gateway?.p50Ms ?? Number.NaN;
    const largeP50 = large?.arms.gateway?.p50Ms ?? Number.NaN;
    const notLoaded = large !== undefined && large.connections === 0;
    targets.push(
      judged({
        name: `${name}-p50-flat (${engine.engine})`,
        statement: `${name}: gateway p50 at the largest corpus within ${THRESHOLDS.workloadP50LargestOverSmallest}x of the smallest`,
        measured: notLoaded
          ? `not put under load at ${thousands(largeArticles)} articles: ${fixed(large.singleExecutionMs, 0)} ms alone`
          : `${fixed(largeP50)} ms at ${thousands(largeArticles)} / ${fixed(smallP50)} ms at ${thousands(smallArticles)} articles = ${fixed(ratio(largeP50, smallP50))}x`,
        value: notLoaded ? Number.POSITIVE_INFINITY : smallArticles === largeArticles ? Number.NaN : ratio(largeP50, smallP50),
        threshold: THRESHOLDS.workloadP50LargestOverSmallest,
        direction: 'at-most',
      }),
    );
  }
  for (const name of names) {
    const { large, largeArticles } = smallestAndLargest(engine, name);
    targets.push(
      judged({
        name: `${name}-single-execution (${engine.engine})`,
        statement: `${name}: one execution alone at the largest corpus under ${THRESHOLDS.singleExecutionMsAtLargest} ms`,
        measured: large ? `${fixed(large.singleExecutionMs)} ms at ${thousands(largeArticles)} articles` : 'not measured',
        value: large?.singleExecutionMs ?? Number.NaN,
        threshold: THRESHOLDS.singleExecutionMsAtLargest,
        direction: 'at-most',
      }),
    );
  }
  return targets;
}

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** Judges every target of the issue on this run's numbers, per engine where the target applies. */
export function evaluateTargets(results: Omit<BenchResults, 'targets'>): TargetResult[] {
  const targets: TargetResult[] = [];
  const ranWorkloads = results.workloads.filter((workload) => workload.status === 'ran').map((workload) => workload.name);
  for (const engine of results.engines) {
    const trees = treeAt(engine);
    const worstPerLevel = Math.max(...trees.map(({ tree }) => tree.roundTrips.batchedWaves.maxCallsPerCollectionPerWave));
    targets.push(
      judged({
        name: `tree-round-trips-per-level (${engine.engine})`,
        statement: 'Tree query: at most one store round trip per collection per level, at every size',
        measured: trees.map(({ articles, tree }) => `${articles.toLocaleString('en')}: ${tree.roundTrips.batched} calls in ${tree.roundTrips.batchedWaves.waves} levels`).join('; ') + `; most calls to one collection in one level: ${worstPerLevel}`,
        value: trees.length > 0 ? worstPerLevel : Number.NaN,
        threshold: 1,
        direction: 'at-most',
      }),
    );
  }
  const hundred = results.hundredStatementTree;
  targets.push(
    judged({
      name: 'tree-naive-over-batched-at-100',
      statement: `Tree query at 100 statements per article: at least ${THRESHOLDS.naiveOverBatchedAtHundred}x fewer round trips than naive resolvers`,
      measured: `${hundred.naive} naive / ${hundred.batched} batched = ${fixed(hundred.ratio, 1)}x`,
      value: hundred.ratio,
      threshold: THRESHOLDS.naiveOverBatchedAtHundred,
      direction: 'at-least',
    }),
  );
  for (const engine of results.engines) {
    const trees = treeAt(engine);
    const smallest = trees[0];
    const largest = trees[trees.length - 1];
    const small = smallest?.tree.arms.gateway?.p50Ms ?? Number.NaN;
    const large = largest?.tree.arms.gateway?.p50Ms ?? Number.NaN;
    targets.push(
      judged({
        name: `tree-p50-flat (${engine.engine})`,
        statement: `Tree query p50 latency (HTTP gateway) at the largest corpus within ${THRESHOLDS.treeP50LargestOverSmallest}x of the smallest`,
        measured: `${fixed(large)} ms at ${largest?.articles.toLocaleString('en') ?? '?'} / ${fixed(small)} ms at ${smallest?.articles.toLocaleString('en') ?? '?'} articles = ${fixed(ratio(large, small))}x`,
        value: smallest === largest ? Number.NaN : ratio(large, small),
        threshold: THRESHOLDS.treeP50LargestOverSmallest,
        direction: 'at-most',
      }),
    );
    const ratios = trees.map(({ articles, tree }) => ({ articles, value: ratio(tree.arms.gateway?.requestsPerSecond ?? Number.NaN, tree.arms.bareHttp?.requestsPerSecond ?? Number.NaN) }));
    const worst = ratios.reduce((low, entry) => (Number.isNaN(low) || entry.value < low ? entry.value : low), Number.NaN);
    targets.push(
      judged({
        name: `gateway-over-bare-throughput (${engine.engine})`,
        statement: `Tree query throughput: HTTP gateway at least ${THRESHOLDS.gatewayOverBareThroughput}x bare node:http + graphql-js, at every size (worst shown)`,
        measured: ratios.map(({ articles, value }) => `${articles.toLocaleString('en')}: ${fixed(value)}x`).join('; '),
        value: worst,
        threshold: THRESHOLDS.gatewayOverBareThroughput,
        direction: 'at-least',
      }),
    );
    targets.push(...memoryAndOpenTargets(engine), ...workloadTargets(engine, ranWorkloads));
  }
  const embeddedLoad = results.seedLoading.find((load) => load.engine === 'embedded' && load.articles === results.settings.seedLoadSize);
  const atTargetSize = embeddedLoad?.articles === SEED_LOAD_TARGET_ARTICLES;
  targets.push(
    judged({
      name: 'embedded-seed-loading',
      statement: `Seed loading into the embedded store: at least ${THRESHOLDS.embeddedSeedDocumentsPerSecond.toLocaleString('en')} documents per second`,
      measured: embeddedLoad
        ? `${embeddedLoad.documents.toLocaleString('en')} documents (${embeddedLoad.articles.toLocaleString('en')}-article corpus) in ${fixed(embeddedLoad.seconds, 1)} s = ${Math.round(embeddedLoad.documentsPerSecond).toLocaleString('en')}/s` +
          (embeddedLoad.commitSeconds === null
            ? ''
            : `; its commit (cross-file checks, index builds) alone took ${fixed(embeddedLoad.commitSeconds, 1)} s: at most ${Math.round(embeddedLoad.documents / embeddedLoad.commitSeconds).toLocaleString('en')} documents/s even if nothing else took time`) +
          (atTargetSize ? '' : `; judged only on the ${SEED_LOAD_TARGET_ARTICLES.toLocaleString('en')}-article corpus (a full run)`)
        : 'not measured',
      value: atTargetSize ? embeddedLoad.documentsPerSecond : Number.NaN,
      threshold: THRESHOLDS.embeddedSeedDocumentsPerSecond,
      direction: 'at-least',
    }),
  );
  return targets;
}
