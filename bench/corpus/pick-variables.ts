import fs from 'node:fs/promises';
import { listBundleFiles } from '../../src/ingest/load-bundles';
import { readCached, writeCached } from './cache-files';
import type { PreparedCorpus } from './prepare-corpus';

/**
 * Ids and values the workloads ask about, picked from a corpus by fixed rules, so the same corpus
 * always gives the same variables and corpora of different sizes give comparable ones.
 */
export interface CorpusPicks {
  /** The picking rules' version: picks cached under other rules are picked again. */
  version: number;
  /** The first article (in corpus order) with the statement count closest to `TREE_STATEMENTS`. */
  treeArticleId: string;
  treeArticleStatements: number;
  /** The actor with the most statements (ties: the smallest id), for the paged reverse relation. */
  topActorId: string;
  topActorName: string;
  topActorStatements: number;
  /** The calendar month holding the median `madeAt` of DENIES statements, as [from, to). */
  denialsFrom: string;
  denialsTo: string;
  /**
   * Full-text query: the surname of the named person with the most statements, as someone
   * looking a person up types it (a whole name would also match everyone sharing the first name).
   */
  searchQuery: string;
  /** The first statement whose via report starts a relay chain `PROVENANCE_DEPTH` reports long (or the longest there is). */
  provenanceStatementId: string;
  provenanceChainLength: number;
}

/** The tree query's article: a typical one (the generator writes 10 to 40 statements, 25 on average). */
export const TREE_STATEMENTS = 25;
/** Bumped whenever a rule changes. */
const PICKS_VERSION = 2;
/** The provenance workload follows paths to this depth. */
export const PROVENANCE_DEPTH = 4;

/** The parts of a bundle file the picks read (the files leave out empty lists). */
interface ScannedBundle {
  actors?: Array<{ id: string; name: string; kind: string; named: boolean }>;
  reports?: Array<{ id: string; relayIds?: string[] }>;
  statements?: Array<{ id: string; articleId: string; speakerIds: string[]; stance: string; madeAt?: string; viaId?: string }>;
}

/** Reports in the longest relay chain starting at `reportId` (itself included), within one bundle. */
function chainLength(reportId: string, relaysOf: Map<string, readonly string[]>, memo: Map<string, number>, visiting = new Set<string>()): number {
  const known = memo.get(reportId);
  if (known !== undefined) return known;
  // Chains cannot loop (the loader refuses cycles); the guard only keeps a damaged corpus from hanging the bench.
  if (visiting.has(reportId)) return 0;
  visiting.add(reportId);
  let longest = 0;
  for (const relayId of relaysOf.get(reportId) ?? []) longest = Math.max(longest, chainLength(relayId, relaysOf, memo, visiting));
  visiting.delete(reportId);
  memo.set(reportId, longest + 1);
  return longest + 1;
}

/** The first day of the month of `day` (YYYY-MM-DD) and of the month after it. */
function monthAround(day: string): [string, string] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return [`${day.slice(0, 7)}-01`, `${next}-01`];
}

/** Reads the corpus file by file (one in memory at a time) and applies the picking rules. */
async function scanCorpus(corpus: PreparedCorpus): Promise<CorpusPicks> {
  const statementsPerArticle = new Map<string, number>();
  const statementsPerActor = new Map<string, number>();
  const actorNames = new Map<string, string>();
  const namedPeople = new Set<string>();
  const denialDays: string[] = [];
  let provenance: { id: string; length: number } | undefined;

  for (const file of await listBundleFiles([corpus.paths.corpusDirectory])) {
    const bundle = JSON.parse(await fs.readFile(file, 'utf8')) as ScannedBundle;
    for (const actor of bundle.actors ?? []) {
      actorNames.set(actor.id, actor.name);
      if (actor.kind === 'PERSON' && actor.named) namedPeople.add(actor.id);
    }
    const relaysOf = new Map((bundle.reports ?? []).map((report) => [report.id, report.relayIds ?? []] as const));
    const lengths = new Map<string, number>();
    for (const statement of bundle.statements ?? []) {
      statementsPerArticle.set(statement.articleId, (statementsPerArticle.get(statement.articleId) ?? 0) + 1);
      for (const speakerId of statement.speakerIds) statementsPerActor.set(speakerId, (statementsPerActor.get(speakerId) ?? 0) + 1);
      if (statement.stance === 'DENIES' && statement.madeAt) denialDays.push(statement.madeAt.slice(0, 10));
      if (statement.viaId && (provenance?.length ?? 0) < PROVENANCE_DEPTH) {
        const length = Math.min(PROVENANCE_DEPTH, chainLength(statement.viaId, relaysOf, lengths));
        if (length > (provenance?.length ?? 0)) provenance = { id: statement.id, length };
      }
    }
  }

  let tree: [string, number] | undefined;
  for (const entry of statementsPerArticle) {
    if (!tree || Math.abs(entry[1] - TREE_STATEMENTS) < Math.abs(tree[1] - TREE_STATEMENTS)) tree = entry;
  }
  const most = (entries: Iterable<[string, number]>): [string, number] | undefined => {
    let best: [string, number] | undefined;
    for (const entry of entries) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    return best;
  };
  const top = most(statementsPerActor);
  const person = most([...statementsPerActor].filter(([id]) => namedPeople.has(id)));
  denialDays.sort();
  const medianDay = denialDays[Math.floor(denialDays.length / 2)];
  if (!tree || !top || !medianDay || !provenance) throw new Error(`The corpus in ${corpus.paths.corpusDirectory} lacks statements to pick workload variables from`);
  const [denialsFrom, denialsTo] = monthAround(medianDay);
  const topActorName = actorNames.get(top[0]) ?? top[0];
  const personName = person ? (actorNames.get(person[0]) ?? '') : '';
  return {
    version: PICKS_VERSION,
    treeArticleId: tree[0],
    treeArticleStatements: tree[1],
    topActorId: top[0],
    topActorName,
    topActorStatements: top[1],
    denialsFrom,
    denialsTo,
    searchQuery: personName.split(' ').pop() || topActorName,
    provenanceStatementId: provenance.id,
    provenanceChainLength: provenance.length,
  };
}

/** The corpus's picks, from the cache or scanned now (and cached). */
export async function pickVariables(corpus: PreparedCorpus): Promise<CorpusPicks> {
  const cached = corpus.generatedNow ? undefined : await readCached<CorpusPicks>(corpus.paths.picksFile);
  if (cached?.version === PICKS_VERSION) return cached;
  const picks = await scanCorpus(corpus);
  await writeCached(corpus.paths.picksFile, picks);
  return picks;
}
