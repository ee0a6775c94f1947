import { ActorRepository } from '../actor/actor.repo';
import { ArticleRepository } from '../article/article.repo';
import { ReportRepository } from '../report/report.repo';
import { StatementRepository } from '../statement/statement.repo';
import type { Store } from '../store/store';

/** One repository per collection, all over the same store. */
export function createRepositories(store: Store) {
  return {
    articles: new ArticleRepository(store),
    statements: new StatementRepository(store),
    actors: new ActorRepository(store),
    reports: new ReportRepository(store),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
