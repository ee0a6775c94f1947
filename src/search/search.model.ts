import type { ActorDocument } from '../actor/actor.model';
import type { ArticleDocument } from '../article/article.model';
import type { StatementDocument } from '../statement/statement.model';

/** Anything search can find. */
export type SearchResultSource = ArticleDocument | StatementDocument | ActorDocument;

/** A found document with its relevance and cursor. */
export interface SearchHit {
  cursor: string;
  score: number;
  node: SearchResultSource;
}

/** One page of search results, most relevant first. */
export interface SearchPage {
  edges: SearchHit[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}
