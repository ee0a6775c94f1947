/** Where in a text a piece of text comes closest, and how far it is from it. */
export interface ClosestMatch {
  start: number;
  end: number;
  /** Edits (insertions, deletions, substitutions) between the piece and `text.slice(start, end)`. */
  distance: number;
}

/**
 * The substring of `text` nearest to `piece` by edit distance (Sellers' algorithm: a match may
 * start anywhere). Time is the product of the lengths: meant for explaining a refusal, not for
 * the path of records that are fine.
 */
export function closestSubstring(piece: string, text: string): ClosestMatch {
  const m = piece.length;
  // Per column of `text`: the cost of the best alignment ending there, and where it starts.
  let cost = Array.from({ length: m + 1 }, (_, i) => i);
  let from = new Array<number>(m + 1).fill(0);
  let best: ClosestMatch = { start: 0, end: 0, distance: m };
  for (let j = 1; j <= text.length; j += 1) {
    const nextCost = [0];
    const nextFrom = [j];
    const character = text.charCodeAt(j - 1);
    for (let i = 1; i <= m; i += 1) {
      const substitute = (cost[i - 1] as number) + (piece.charCodeAt(i - 1) === character ? 0 : 1);
      const skipText = (cost[i] as number) + 1;
      const skipPiece = (nextCost[i - 1] as number) + 1;
      if (substitute <= skipText && substitute <= skipPiece) {
        nextCost.push(substitute);
        nextFrom.push(from[i - 1] as number);
      } else if (skipText <= skipPiece) {
        nextCost.push(skipText);
        nextFrom.push(from[i] as number);
      } else {
        nextCost.push(skipPiece);
        nextFrom.push(nextFrom[i - 1] as number);
      }
    }
    cost = nextCost;
    from = nextFrom;
    if ((cost[m] as number) < best.distance) best = { start: from[m] as number, end: j, distance: cost[m] as number };
  }
  return best;
}

/** A range of `text` widened to whole words, so a message quotes "groundless rumor", not "oundless rumor". */
export function widenToWords(text: string, start: number, end: number): { start: number; end: number } {
  const isWord = (index: number) => /[\p{L}\p{N}]/u.test(text[index] ?? ' ');
  let from = start;
  let to = end;
  while (from > 0 && isWord(from - 1) && isWord(from)) from -= 1;
  while (to < text.length && isWord(to) && isWord(to - 1)) to += 1;
  return { start: from, end: to };
}

/** The index of the first character where two strings differ (the shorter one's length if one starts the other). */
export function firstDifference(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let index = 0; index < shorter; index += 1) if (a.charCodeAt(index) !== b.charCodeAt(index)) return index;
  return shorter;
}

/** A character named for a message: `"’" (U+2019)`, or "the end of the text". */
export function describeCharacter(text: string, index: number): string {
  const character = text[index];
  if (character === undefined) return 'the end of the text';
  return `${JSON.stringify(character)} (U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Typographic single and double quotes, apostrophes and primes, as their plain forms, so "it’s" matches "it's". */
export function normaliseQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g, "'").replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"');
}
