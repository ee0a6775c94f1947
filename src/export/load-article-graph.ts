import type { ActorDocument } from '../actor/actor.model';
import type { ActorRepository } from '../actor/actor.repo';
import type { ArticleDocument } from '../article/article.model';
import type { ArticleRepository } from '../article/article.repo';
import type { ReportDocument } from '../report/report.model';
import type { ReportRepository } from '../report/report.repo';
import type { StatementDocument } from '../statement/statement.model';
import type { StatementRepository } from '../statement/statement.repo';

/** Everything the exports say about one article: its statements and every actor and report they reach. */
export interface ArticleGraph {
  readonly article: ArticleDocument;
  /** In order of appearance in the article. */
  readonly statements: readonly StatementDocument[];
  /** Speakers, publishers, cited sources and their whole affiliation chains, by id. */
  readonly actors: ReadonlyMap<string, ActorDocument>;
  /** Via reports and everything they relay, transitively, by id. */
  readonly reports: ReadonlyMap<string, ReportDocument>;
  /** True when a chain went deeper than the cap; references past it are left out of the exports. */
  readonly truncated: boolean;
}

/** The only repository methods the loader needs; other methods may change without touching it. */
export interface ArticleGraphRepositories {
  readonly articles: Pick<ArticleRepository, 'byIds'>;
  readonly statements: Pick<StatementRepository, 'byArticleIds'>;
  readonly actors: Pick<ActorRepository, 'byIds'>;
  readonly reports: Pick<ReportRepository, 'byIds'>;
}

/**
 * Levels of actors and reports followed after the statements. Ingestion refuses loops and real
 * chains are a handful deep (account -> post -> agency report); the cap bounds the cost of a
 * pathological store, and the already-asked sets make a loop end even without it.
 */
export const MAX_CHAIN_DEPTH = 16;

/**
 * Loads an article's attribution graph level by level, one batched call per collection per
 * level: article and statements together, then speakers and via reports, then affiliations,
 * publishers, sources and relayed reports until no new id turns up. The cost follows the depth
 * of the chains, never the number of statements: at most 2 + 2 × MAX_CHAIN_DEPTH calls.
 * Answers null for an unknown article.
 */
export async function loadArticleGraph(
  repositories: ArticleGraphRepositories,
  articleId: string,
  maxDepth: number = MAX_CHAIN_DEPTH,
): Promise<ArticleGraph | null> {
  // Both in one level: an unknown article costs the statements call, a known one saves a level.
  const [articles, statements] = await Promise.all([
    repositories.articles.byIds([articleId]),
    repositories.statements.byArticleIds([articleId]),
  ]);
  const article = articles.find((candidate) => candidate._id === articleId);
  if (!article) return null;

  const actors = new Map<string, ActorDocument>();
  const reports = new Map<string, ReportDocument>();
  const askedActors = new Set<string>();
  const askedReports = new Set<string>();
  let nextActors = notYetAsked([article.publisherId, ...statements.flatMap((statement) => statement.speakerIds)], askedActors);
  let nextReports = notYetAsked(statements.flatMap((statement) => [statement.viaId, statement.respondsToReportId]), askedReports);

  for (let depth = 0; depth < maxDepth && (nextActors.length > 0 || nextReports.length > 0); depth += 1) {
    const [foundActors, foundReports] = await Promise.all([
      nextActors.length > 0 ? repositories.actors.byIds(nextActors) : Promise.resolve<ActorDocument[]>([]),
      nextReports.length > 0 ? repositories.reports.byIds(nextReports) : Promise.resolve<ReportDocument[]>([]),
    ]);
    for (const actor of foundActors) actors.set(actor._id, actor);
    for (const report of foundReports) reports.set(report._id, report);
    nextActors = notYetAsked(
      [
        ...foundActors.map((actor) => actor.affiliationId),
        ...foundReports.flatMap((report) => [report.publisherId, report.seenById, ...report.sourceIds]),
      ],
      askedActors,
    );
    nextReports = notYetAsked(foundReports.flatMap((report) => report.relayIds), askedReports);
  }

  return { article, statements, actors, reports, truncated: nextActors.length > 0 || nextReports.length > 0 };
}

/** The ids not asked for yet, each once, now marked as asked (what makes a loop end). */
function notYetAsked(ids: ReadonlyArray<string | null>, asked: Set<string>): string[] {
  const fresh: string[] = [];
  for (const id of ids) {
    if (id === null || asked.has(id)) continue;
    asked.add(id);
    fresh.push(id);
  }
  return fresh;
}
