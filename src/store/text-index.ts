import type { StoredDocument } from './store';
import { foldText, termsOf, type TextSearch } from './text-search';

/** Field name -> weight, as in a MongoDB text index's `weights`. */
export type TextIndexWeights = Readonly<Record<string, number>>;

/**
 * The strings a document holds at a (dotted) path: a string, or each string of an array,
 * as MongoDB's text index reads a field. Anything else holds no text.
 */
function stringsAt(document: unknown, path: readonly string[]): string[] {
  if (typeof document === 'string') return path.length === 0 ? [document] : [];
  if (Array.isArray(document)) return document.flatMap((element) => stringsAt(element, path));
  if (path.length === 0 || typeof document !== 'object' || document === null) return [];
  return stringsAt((document as Record<string, unknown>)[path[0] as string], path.slice(1));
}

/**
 * A term's contribution to the score of one string, MongoDB's way (FTSSpec::_scoreStringV2):
 * repeats add less and less (1 + 1/2 + 1/4 ...), and the share of the string's terms it
 * makes up lifts it, so a term in a short title beats the same term in a long body.
 */
function stringScore(weight: number, count: number, termCount: number): number {
  const frequency = 2 - 2 ** (1 - count);
  return weight * frequency * (0.5 * (count / termCount) + 0.5);
}

/**
 * The term -> score map of a document: the score of each term, summed over the indexed fields
 * (and over the strings of an array field). A document's score for a query is the sum of the
 * scores of the query's terms it holds, so it is computed once here, at indexing.
 */
function termScores(document: StoredDocument, paths: ReadonlyArray<readonly [string[], number]>): Map<string, number> {
  const scores = new Map<string, number>();
  for (const [path, weight] of paths) {
    for (const text of stringsAt(document, path)) {
      const terms = termsOf(text);
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) scores.set(term, (scores.get(term) ?? 0) + stringScore(weight, count, terms.length));
    }
  }
  return scores;
}

/** The documents holding one term: parallel typed arrays of document ordinals and scores, grown by doubling. */
class PostingList {
  ordinals = new Int32Array(4);
  scores = new Float64Array(4);
  length = 0;

  push(ordinal: number, score: number): void {
    if (this.length === this.ordinals.length) {
      const ordinals = new Int32Array(this.length * 2);
      ordinals.set(this.ordinals);
      this.ordinals = ordinals;
      const scores = new Float64Array(this.length * 2);
      scores.set(this.scores);
      this.scores = scores;
    }
    this.ordinals[this.length] = ordinal;
    this.scores[this.length] = score;
    this.length += 1;
  }

  /** Keeps live postings only, renumbered through `renumber` (-1 = dead); returns the new length. */
  compact(renumber: Int32Array): number {
    let kept = 0;
    for (let index = 0; index < this.length; index += 1) {
      const ordinal = renumber[this.ordinals[index] as number] as number;
      if (ordinal < 0) continue;
      this.ordinals[kept] = ordinal;
      this.scores[kept] = this.scores[index] as number;
      kept += 1;
    }
    this.length = kept;
    return kept;
  }
}

/** A removed document's postings stay until this many are dead and they outnumber the live ones. */
const COMPACT_AFTER = 1024;

/**
 * The inverted index behind the embedded engine's `$text`: term -> (document, score) postings
 * over the weighted fields of one collection. Documents are numbered (ordinals) so a posting
 * costs 12 bytes; replacing or removing a document only marks its ordinal dead, and the dead
 * postings are swept out in one pass once they are the majority, so upserts stay cheap.
 */
export class TextIndex {
  private readonly paths: ReadonlyArray<readonly [string[], number]>;
  private postings = new Map<string, PostingList>();
  private readonly ordinalOf = new Map<string, number>();
  /** Document id by ordinal; undefined once that document is removed or replaced. */
  private idAt: Array<string | undefined> = [];
  private dead = 0;

  constructor(readonly weights: TextIndexWeights) {
    this.paths = Object.entries(weights).map(([field, weight]) => [field.split('.'), weight] as const);
  }

  /** Indexes the document's text; a document with none costs nothing. */
  add(document: StoredDocument): void {
    this.remove(document._id);
    const scores = termScores(document, this.paths);
    if (scores.size === 0) return;
    const ordinal = this.idAt.length;
    this.idAt.push(document._id);
    this.ordinalOf.set(document._id, ordinal);
    for (const [term, score] of scores) {
      let list = this.postings.get(term);
      if (!list) {
        list = new PostingList();
        this.postings.set(term, list);
      }
      list.push(ordinal, score);
    }
  }

  /** Forgets the document with this id, if indexed. */
  remove(id: string): void {
    const ordinal = this.ordinalOf.get(id);
    if (ordinal === undefined) return;
    this.ordinalOf.delete(id);
    this.idAt[ordinal] = undefined;
    this.dead += 1;
    if (this.dead >= COMPACT_AFTER && this.dead > this.ordinalOf.size) this.compact();
  }

  /** Forgets every document. */
  clear(): void {
    this.postings = new Map();
    this.ordinalOf.clear();
    this.idAt = [];
    this.dead = 0;
  }

  /**
   * The ids of the documents matching a parsed `$search`, with their scores, in index order:
   * documents holding any term, less those holding a negated term, then (reading the document
   * through `documentOf`) those lacking a phrase or holding a negated phrase.
   */
  search(query: TextSearch, documentOf: (id: string) => StoredDocument | undefined): Map<string, number> {
    const matches = new Map<string, number>();
    if (query.terms.length === 0) return matches;
    const totals = new Float64Array(this.idAt.length);
    const touched: number[] = [];
    for (const term of query.terms) {
      this.forEachPosting(term, (ordinal, score) => {
        const total = totals[ordinal] as number;
        if (total === 0) touched.push(ordinal);
        totals[ordinal] = total + score;
      });
    }
    for (const term of query.negatedTerms) this.forEachPosting(term, (ordinal) => void (totals[ordinal] = -1));
    const checkPhrases = query.phrases.length > 0 || query.negatedPhrases.length > 0;
    for (const ordinal of touched) {
      const score = totals[ordinal] as number;
      const id = this.idAt[ordinal] as string;
      if (score < 0) continue;
      if (checkPhrases) {
        const document = documentOf(id);
        if (!document || !this.phrasesAgree(document, query)) continue;
      }
      matches.set(id, score);
    }
    return matches;
  }

  private forEachPosting(term: string, visit: (ordinal: number, score: number) => void): void {
    const list = this.postings.get(term);
    if (!list) return;
    for (let index = 0; index < list.length; index += 1) {
      const ordinal = list.ordinals[index] as number;
      if (this.idAt[ordinal] !== undefined) visit(ordinal, list.scores[index] as number);
    }
  }

  /** Phrases match as MongoDB's do: a case- and diacritic-insensitive substring of one indexed string. */
  private phrasesAgree(document: StoredDocument, query: TextSearch): boolean {
    const texts = this.paths.flatMap(([path]) => stringsAt(document, path).map(foldText));
    const contains = (phrase: string): boolean => texts.some((text) => text.includes(phrase));
    return query.phrases.every(contains) && !query.negatedPhrases.some(contains);
  }

  private compact(): void {
    const renumber = new Int32Array(this.idAt.length).fill(-1);
    const idAt: string[] = [];
    for (const [ordinal, id] of this.idAt.entries()) {
      if (id === undefined) continue;
      renumber[ordinal] = idAt.length;
      this.ordinalOf.set(id, idAt.length);
      idAt.push(id);
    }
    for (const [term, list] of this.postings) if (list.compact(renumber) === 0) this.postings.delete(term);
    this.idAt = idAt;
    this.dead = 0;
  }
}
