import fs from 'node:fs';
import path from 'node:path';
import type { ParsedArticle, ArticleRecord, EvidenceSpan, ParsedStatement, StatementRecord } from './bundle.schema';
import { closestSubstring, describeCharacter, firstDifference, normaliseQuotes, widenToWords, type ClosestMatch } from './closest-text';
import { withoutByteOrderMark } from './byte-order-mark';
import type { RecordProblem } from './bundle-facts';

/** How many places a message lists where a text occurs. */
const PLACES_SHOWN = 5;
/** Characters of a text quoted in a message. */
const QUOTED = 80;

const excerpt = (text: string): string => JSON.stringify(text.length > QUOTED ? `${text.slice(0, QUOTED)}…` : text);

/** A record made ready to store (unless a problem stops it: then no record) and what is wrong with it. */
export interface Resolved<T> {
  record: T | undefined;
  problems: RecordProblem[];
}

/**
 * The article with its body: as written, or read from `bodyFile`, a text file in the bundle's
 * folder or below it (never outside: a bundle names only files that travel with it).
 */
export function resolveArticle(article: ParsedArticle, bundleFile: string): Resolved<ArticleRecord> {
  const { body, bodyFile, ...rest } = article;
  if (body !== undefined) return { record: { ...rest, body }, problems: [] };
  const folder = path.dirname(path.resolve(bundleFile));
  const target = path.resolve(folder, bodyFile as string);
  const fail = (message: string): Resolved<ArticleRecord> => ({ record: undefined, problems: [{ field: 'bodyFile', message }] });
  const inside = (candidate: string, root: string) => {
    const relative = path.relative(root, candidate);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  if (!inside(target, folder)) return fail(`"${bodyFile}" is outside the bundle's folder; name a file in ${folder} or below it`);
  let text: string;
  try {
    // Through links too: the file itself must be in the folder.
    if (!inside(fs.realpathSync(target), fs.realpathSync(folder))) return fail(`"${bodyFile}" leads outside the bundle's folder (a link); name a file in ${folder} or below it`);
    text = withoutByteOrderMark(fs.readFileSync(target, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(`cannot read "${bodyFile}" beside the bundle (${target}): ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`);
  }
  if (!/\S/.test(text)) return fail(`"${bodyFile}" holds no text; expected the article body`);
  return { record: { ...rest, body: text }, problems: [] };
}

/** Where `text` occurs in `body`, every time (overlapping occurrences count). */
function occurrences(body: string, text: string): number[] {
  const found: number[] = [];
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) found.push(at);
  return found;
}

const startAndEnd = (match: ClosestMatch): [number, number] => [match.start, match.end];

/** Why a text is not in the body: the closest text there, and the first character that differs. */
function notInBody(text: string, body: string): string {
  const closest = widenToWords(body, ...startAndEnd(closestSubstring(text, body)));
  const near = body.slice(closest.start, closest.end);
  const differs = firstDifference(text, near);
  return (
    `the text is not in the article body; the closest is at ${closest.start}-${closest.end}: ${excerpt(near)}, ` +
    `which differs from the first at character ${differs + 1} of the text: the body has ${describeCharacter(near, differs)}, the text ${describeCharacter(text, differs)}`
  );
}

/** One evidence item with offsets: given, or found from its text (the `occurrence`-th time it is in the body). */
function resolveSpan(item: ParsedStatement['evidence'][number], body: string | undefined, articleId: string): EvidenceSpan | string {
  if (item.start !== undefined && item.end !== undefined) return { start: item.start, end: item.end, text: item.text };
  if (body === undefined) return `evidence given as text alone needs its article in the same bundle, and "${articleId}" is not in it; give start and end, or move the statement to its article's bundle`;
  const found = occurrences(body, item.text);
  if (found.length === 0) return notInBody(item.text, body);
  const places = `${found.slice(0, PLACES_SHOWN).join(', ')}${found.length > PLACES_SHOWN ? ', …' : ''}`;
  if (item.occurrence === undefined && found.length > 1) return `the text occurs ${found.length} times in the article body (at ${places}); add "occurrence": 1 to ${found.length} to say which`;
  const occurrence = item.occurrence ?? 1;
  const start = found[occurrence - 1];
  if (start === undefined) return `occurrence ${occurrence} asked for, but the text occurs ${found.length === 1 ? 'once' : `${found.length} times`} in the article body (at ${places})`;
  return { start, end: start + item.text.length, text: item.text };
}

/** The quoted fragments of a statement: `quotes` where a bundle gives several, else its one `quote`. */
function quotedFragments(statement: ParsedStatement): Array<{ field: string; fragment: string }> {
  const quotes = (statement as { quotes?: readonly string[] }).quotes;
  if (quotes) return quotes.map((fragment, index) => ({ field: `quotes[${index}]`, fragment }));
  return statement.quote === undefined ? [] : [{ field: 'quote', fragment: statement.quote }];
}

/** Quoted words that are not in the statement's evidence (typographic quotes and apostrophes count as plain ones). */
function checkQuotes(statement: ParsedStatement, evidence: readonly EvidenceSpan[]): RecordProblem[] {
  const texts = evidence.map((span) => normaliseQuotes(span.text));
  const problems: RecordProblem[] = [];
  for (const { field, fragment } of quotedFragments(statement)) {
    const wanted = normaliseQuotes(fragment);
    if (texts.some((text) => text.includes(wanted))) continue;
    // Normalising keeps lengths, so offsets found in the normalised texts hold in the originals.
    const nearest = texts
      .map((text, index) => ({ index, ...closestSubstring(wanted, text) }))
      .reduce((best, candidate) => (candidate.distance < best.distance ? candidate : best));
    const span = (evidence[nearest.index] as EvidenceSpan).text;
    const words = widenToWords(span, nearest.start, nearest.end);
    const near = span.slice(words.start, words.end);
    problems.push({ field, message: `the quoted words are not in the statement's evidence text (typographic quotes and apostrophes aside); the closest there is ${excerpt(near)} (evidence[${nearest.index}])` });
  }
  return problems;
}

/**
 * The statement with every evidence span's offsets (found in `body`, the article's body when it
 * is in the same bundle, for spans given as text alone), its quotes checked against them.
 * `body` is null for an article of the bundle that has problems of its own.
 */
export function resolveStatement(statement: ParsedStatement, body: string | null | undefined): Resolved<StatementRecord> {
  // Its article is in the bundle but unusable (already reported): text-only evidence cannot be found.
  if (body === null && statement.evidence.some((item) => item.start === undefined)) return { record: undefined, problems: [] };
  const evidence: EvidenceSpan[] = [];
  const problems: RecordProblem[] = [];
  statement.evidence.forEach((item, index) => {
    const span = resolveSpan(item, body ?? undefined, statement.articleId);
    if (typeof span === 'string') problems.push({ field: `evidence[${index}]`, message: span });
    else evidence.push(span);
  });
  if (problems.length > 0) return { record: undefined, problems };
  // Quotes not in the evidence are problems of a record still fit to check against its article.
  return { record: { ...statement, evidence }, problems: checkQuotes(statement, evidence) };
}
