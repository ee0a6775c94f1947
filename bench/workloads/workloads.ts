import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';
import type { CorpusPicks } from '../corpus/pick-variables';

/** A standard workload: a named GraphQL operation kept in the repository, with variables picked from the corpus. */
export interface Workload {
  /** Stable key, used in results. */
  readonly name: string;
  /** What it asks, for the report. */
  readonly title: string;
  /** The `.graphql` file holding the operation, relative to the project root. */
  readonly file: string;
  readonly operationName: string;
  /**
   * Schema coordinates (`Type.field`) the operation needs beyond the long-standing fields. When
   * the schema lacks one, the workload is skipped and the report says so; nothing else skips it.
   */
  readonly requires: readonly string[];
  readonly variables: (picks: CorpusPicks) => Record<string, unknown>;
}

/** Page size of the paged workloads: the schema's default. */
const PAGE = 20;

export const ARTICLE_TREE: Workload = {
  name: 'article-tree',
  title: 'Article tree (the query clients send)',
  // The query clients send, as the repository keeps it: the benchmark follows it as it evolves.
  file: 'src/graphql/operations/article-tree.graphql',
  operationName: 'ArticleTree',
  requires: [],
  variables: (picks) => ({ id: picks.treeArticleId }),
};

/** Every standard workload, the tree query first (the targets are about it). */
export const WORKLOADS: readonly Workload[] = [
  ARTICLE_TREE,
  {
    name: 'actor-statements',
    title: "An actor's statements (paged, nested speakers)",
    file: 'bench/workloads/actor-statements.graphql',
    operationName: 'ActorStatements',
    requires: [],
    variables: (picks) => ({ id: picks.topActorId, first: PAGE }),
  },
  {
    name: 'filtered-statements',
    title: 'Statements filtered by stance and date range',
    file: 'bench/workloads/filtered-statements.graphql',
    operationName: 'DenialsInRange',
    requires: [],
    variables: (picks) => ({ from: picks.denialsFrom, to: picks.denialsTo, first: PAGE }),
  },
  {
    name: 'search',
    title: 'Full-text search',
    file: 'bench/workloads/search.graphql',
    operationName: 'Search',
    requires: ['Query.search'],
    variables: (picks) => ({ query: picks.searchQuery, first: PAGE }),
  },
  {
    name: 'provenance-path',
    title: 'Provenance path of a statement, depth 4',
    file: 'bench/workloads/provenance-path.graphql',
    operationName: 'ProvenancePath',
    requires: ['Statement.attributionPath'],
    variables: (picks) => ({ id: picks.provenanceStatementId }),
  },
];

/** The operation text of a workload. */
export function readWorkloadSource(workload: Workload): string {
  return fs.readFileSync(path.join(projectRoot(), workload.file), 'utf8');
}
