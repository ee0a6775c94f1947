/**
 * MongoDB's `$text` `$search` string as an FTS5 query. MongoDB's rules: words match any of them
 * (OR); a "quoted phrase" must occur (each phrase, AND), and then the words only rank; a word or
 * phrase after `-` must not occur; stop words are ignored. FTS5's porter tokenizer stems and
 * folds both the indexed text and these terms, as MongoDB's English stemmer does.
 */

/** MongoDB's English stop words: a search for "the troops" looks for "troops". */
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

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu;

/** An FTS5 string literal: the tokenizer splits it into the same tokens as the indexed text. */
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map(([word]) => word).filter((word) => !STOP_WORDS.has(word.toLowerCase().replace(/\u2019/g, "'")));
}

/** The FTS5 query for a `$search` string, or undefined when nothing in it can match (only stop words or exclusions). */
export function ftsQuery(search: string): string | undefined {
  const words: string[] = [];
  const phrases: string[] = [];
  const excluded: string[] = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/gu;
  for (const match of search.matchAll(pattern)) {
    const [, minus, phrase, token] = match;
    if (phrase !== undefined) {
      if (wordsOf(phrase).length === 0) continue;
      (minus ? excluded : phrases).push(literal(phrase));
    } else if (token !== undefined) {
      const negated = token.startsWith('-');
      for (const word of wordsOf(negated ? token.slice(1) : token)) (negated ? excluded : words).push(literal(word));
    }
  }
  const positive = phrases.length > 0 ? phrases.join(' AND ') : words.join(' OR ');
  if (positive.length === 0) return undefined;
  return excluded.length === 0 ? `(${positive})` : `(${positive}) NOT (${excluded.join(' OR ')})`;
}
