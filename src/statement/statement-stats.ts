import type { StanceValue } from '../vocabulary';
import type { StatementDocument } from './statement.model';

/** A speaker and a count, before the speaker is loaded. */
export interface SpeakerCountSource {
  actorId: string;
  count: number;
}

/** An article and how many statements an actor made in it, before the article is loaded. */
export interface ArticleAppearanceSource {
  articleId: string;
  count: number;
}

/** An actor's citation counts, before the actor is loaded. */
export interface SourceCitationSource {
  _id: string;
  statementCount: number;
  reportCount: number;
  claimCount: number;
  total: number;
}

/** Counts of an article's statements. */
export interface ArticleStatementStats {
  statementCount: number;
  byStance: Array<{ stance: StanceValue; count: number }>;
  bySpeaker: SpeakerCountSource[];
}

/** Entries of a tally, highest count first, ties by key. */
function mostFirst<K extends string>(tally: Map<K, number>): Array<[K, number]> {
  return [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Counts an article's statements by stance and by speaker (a joint statement counts for each speaker). */
export function articleStatementStats(statements: readonly StatementDocument[]): ArticleStatementStats {
  const stances = new Map<StanceValue, number>();
  const speakers = new Map<string, number>();
  for (const statement of statements) {
    stances.set(statement.stance, (stances.get(statement.stance) ?? 0) + 1);
    for (const speakerId of statement.speakerIds) speakers.set(speakerId, (speakers.get(speakerId) ?? 0) + 1);
  }
  return {
    statementCount: statements.length,
    byStance: mostFirst(stances).map(([stance, count]) => ({ stance, count })),
    bySpeaker: mostFirst(speakers).map(([actorId, count]) => ({ actorId, count })),
  };
}
