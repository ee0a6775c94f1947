import type { SourceCitation, Store } from '../store/store';
import { CollectionReader } from '../repository/collection-reader';
import type { NestedQuery } from '../repository/nested-query';
import type { Ordering, PageArgs } from '../pagination/keyset';
import type { Page } from '../pagination/page';
import type { Filter } from '../store/store';
import type { StanceValue } from '../vocabulary';
import type { StatementDocument } from './statement.model';

/** Reference fields a statement list can hang from. */
export type StatementParentField = 'speakerIds' | 'viaId' | 'respondsToId' | 'respondsToReportId';

/** An actor's statements, summed up. */
export interface SpeakerSummary {
  _id: string;
  statementCount: number;
  byStance: Array<{ stance: StanceValue; count: number }>;
  /** Every article the speaker speaks in, most statements first. */
  articles: Array<{ articleId: string; count: number }>;
}

/** The only code that queries the `statements` collection. */
export class StatementRepository {
  private readonly reader: CollectionReader<'statements'>;

  constructor(private readonly store: Store) {
    this.reader = new CollectionReader(store, 'statements');
  }

  byIds(ids: readonly string[]): Promise<StatementDocument[]> {
    return this.reader.byIds(ids);
  }

  /** Every statement of the articles, in order of appearance. */
  byArticleIds(articleIds: readonly string[]): Promise<StatementDocument[]> {
    return this.reader.byReference('articleId', articleIds, { articleId: 1, position: 1, _id: 1 });
  }

  /** Statements matching a full-text search of claims and quotes, most relevant first. */
  search(text: string, limit: number, after?: Filter): Promise<Array<{ score: number; document: StatementDocument }>> {
    return this.reader.textSearch(text, limit, after);
  }

  countSearch(text: string): Promise<number> {
    return this.reader.countText(text);
  }

  page(args: PageArgs, filter: Filter, ordering: Ordering): Promise<Page<StatementDocument>> {
    return this.reader.page(args, filter, ordering);
  }

  /** A page of statements for each parent (speaker, via report or answered statement). */
  pagesBy(field: StatementParentField, parentIds: readonly string[], query: NestedQuery, totalCount: (parentId: string) => Promise<number>): Promise<Map<string, Page<StatementDocument>>> {
    return this.reader.pagesByReference(field, parentIds, query, totalCount);
  }

  countsBy(field: StatementParentField, parentIds: readonly string[], filter: Filter): Promise<Map<string, number>> {
    return this.reader.countsByReference(field, parentIds, filter);
  }

  /** For each speaker: statement count, counts by stance, and the articles spoken in with counts (most first). */
  async speakerSummaries(speakerIds: readonly string[]): Promise<Map<string, SpeakerSummary>> {
    const rows = await this.store.speakerTallies(speakerIds);
    const tallies = new Map<string, { stances: Map<StanceValue, number>; articles: Map<string, number>; total: number }>();
    for (const { speakerId, stance, articleId, count } of rows) {
      const tally = tallies.get(speakerId) ?? { stances: new Map(), articles: new Map(), total: 0 };
      tally.total += count;
      tally.stances.set(stance as StanceValue, (tally.stances.get(stance as StanceValue) ?? 0) + count);
      tally.articles.set(articleId, (tally.articles.get(articleId) ?? 0) + count);
      tallies.set(speakerId, tally);
    }
    const mostFirst = <K extends string>(counts: Map<K, number>) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return new Map(
      [...tallies].map(([speaker, tally]) => [
        speaker,
        {
          _id: speaker,
          statementCount: tally.total,
          byStance: mostFirst(tally.stances).map(([stance, count]) => ({ stance, count })),
          articles: mostFirst(tally.articles).map(([articleId, count]) => ({ articleId, count })),
        },
      ]),
    );
  }

  /**
   * Actors the corpus relies on most: statements made plus reports citing them, with the claims
   * whose own path cites them (their derivation steps) counted beside, optionally only actors of
   * some kinds, highest total first: one store call.
   */
  sourceCitations(limit: number, kinds: readonly string[] | null): Promise<SourceCitation[]> {
    return this.store.sourceCitations(limit, kinds);
  }
}
