import { stem } from './porter-stemmer';

/**
 * Text analysis for the embedded engine's `$text`: how indexed strings and `$search` strings
 * become terms, the same way on both sides, close to MongoDB's English text index (version 3):
 * case-insensitive, diacritic-insensitive, English stop words dropped, words stemmed.
 */

/** MongoDB's English stop words (src/mongo/db/fts/stop_words_english.txt). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any are aren't as at be because been before being below between both but by can't cannot could couldn't " +
    "did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's " +
    "hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on " +
    "once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs " +
    "them themselves then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're " +
    "we've were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your " +
    'yours yourself yourselves'
  ).split(' '),
);

/**
 * A word is a run of letters, digits and inner apostrophes: MongoDB's English tokenizer does not
 * split "don't", and everything else (spaces, punctuation, hyphens) delimits words.
 */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

const ASCII = /^[ -~\t\n\r]*$/;

/** Lower case without diacritics: "Élysée" -> "elysee". Also unifies typographic apostrophes. */
export function foldText(text: string): string {
  // Plain ASCII has nothing to decompose or strip; most text is, and this is the hot path.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

/** Words stemmed lately: a corpus repeats a small vocabulary, and stemming is most of indexing's cost. */
const stems = new Map<string, string>();
const STEM_CACHE_SIZE = 50_000;

/** The term a folded word is indexed under, or undefined for a stop word. */
function termOf(word: string): string | undefined {
  if (STOP_WORDS.has(word)) return undefined;
  let term = stems.get(word);
  if (term === undefined) {
    // Snowball's step 0: a possessive ending is not part of the word.
    term = stem(word.endsWith("'s") ? word.slice(0, -2) : word);
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    stems.set(word, term);
  }
  return term;
}

/** The terms of a string, in order and with repeats: folded, stop words dropped, stemmed. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const [word] of foldText(text).matchAll(WORD)) {
    const term = termOf(word);
    if (term) terms.push(term);
  }
  return terms;
}

/** A `$search` string, parsed as MongoDB parses it. */
export interface TextSearch {
  /** Terms a document needs at least one of (ORed), including the words of positive phrases. */
  terms: string[];
  /** Terms a matching document must not contain. */
  negatedTerms: string[];
  /** Folded phrases a matching document must each contain. */
  phrases: string[];
  /** Folded phrases a matching document must not contain. */
  negatedPhrases: string[];
}

/**
 * Parses a `$search` string: words are ORed; a "quoted phrase" must appear; a `-` right before
 * a word or phrase, at the start or after whitespace, negates it until the next whitespace
 * ("-foo-bar" negates both). Words inside a negated phrase are not terms. As in MongoDB.
 */
export function parseTextSearch(search: string): TextSearch {
  const positive: string[] = [];
  const negative: string[] = [];
  const phrases: string[] = [];
  const negatedPhrases: string[] = [];
  let negating = false;
  let index = 0;
  while (index < search.length) {
    const character = search[index] as string;
    const afterWhitespace = index === 0 || /\s/u.test(search[index - 1] as string);
    if (/\s/u.test(character)) {
      negating = false;
      index += 1;
    } else if (character === '-') {
      if (afterWhitespace) negating = true;
      index += 1;
    } else if (character === '"') {
      const close = search.indexOf('"', index + 1);
      const end = close === -1 ? search.length : close;
      const phrase = search.slice(index + 1, end);
      if (negating) {
        negatedPhrases.push(foldText(phrase));
      } else {
        phrases.push(foldText(phrase));
        positive.push(phrase);
      }
      index = end + 1;
    } else {
      let end = index;
      while (end < search.length && !/[\s"-]/u.test(search[end] as string)) end += 1;
      (negating ? negative : positive).push(search.slice(index, end));
      index = end;
    }
  }
  const unique = (words: readonly string[]): string[] => [...new Set(words.flatMap(termsOf))];
  return { terms: unique(positive), negatedTerms: unique(negative), phrases, negatedPhrases };
}
