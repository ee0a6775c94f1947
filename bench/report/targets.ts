import { ratio } from '../stats';
import type { BenchResults, EngineResult, TargetResult, WorkloadAtSize } from './results';

/** The thresholds of the issue, in one place. */
export const THRESHOLDS = {
  naiveOverBatchedAtHundred: 20,
  treeP50LargestOverSmallest: 1.5,
  gatewayOverBareThroughput: 0.6,
  embeddedSeedDocumentsPerSecond: 100_000,
} as const;

/**
 * The seed-loading floor is set on the 10,000-article corpus. A quick run loads a smaller one,
 * where starting the reader threads weighs on fewer documents: it is reported, not judged.
 */
const SEED_LOAD_TARGET_ARTICLES = 10_000;

function judged(target: Omit<TargetResult, 'status' | 'margin'>): TargetResult {
  if (!Number.isFinite(target.value)) return { ...target, status: 'NOT MEASURED', margin: Number.NaN };
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

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** Judges every target of the issue on this run's numbers, per engine where the target applies. */
export function evaluateTargets(results: Omit<BenchResults, 'targets'>): TargetResult[] {
  const targets: TargetResult[] = [];
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
  }
  const embeddedLoad = results.seedLoading.find((load) => load.engine === 'embedded' && load.articles === results.settings.seedLoadSize);
  const atTargetSize = embeddedLoad?.articles === SEED_LOAD_TARGET_ARTICLES;
  targets.push(
    judged({
      name: 'embedded-seed-loading',
      statement: `Seed loading into the embedded store: at least ${THRESHOLDS.embeddedSeedDocumentsPerSecond.toLocaleString('en')} documents per second`,
      measured: embeddedLoad
        ? `${embeddedLoad.documents.toLocaleString('en')} documents (${embeddedLoad.articles.toLocaleString('en')}-article corpus) in ${fixed(embeddedLoad.seconds, 1)} s = ${Math.round(embeddedLoad.documentsPerSecond).toLocaleString('en')}/s` +
          (atTargetSize ? '' : `; judged only on the ${SEED_LOAD_TARGET_ARTICLES.toLocaleString('en')}-article corpus (a full run)`)
        : 'not measured',
      value: atTargetSize ? embeddedLoad.documentsPerSecond : Number.NaN,
      threshold: THRESHOLDS.embeddedSeedDocumentsPerSecond,
      direction: 'at-least',
    }),
  );
  return targets;
}
