import type { z } from 'zod';
import type { CollectionName } from '../store/collections';
import { ActorRecord, ArticleRecord, BUNDLE_FORMATS, BundleShell, CROSS_FIELD_RULES_HOLD, ReportRecord, StatementRecord, type ParsedArticle, type Bundle, type ParsedStatement } from './bundle.schema';
import { resolveArticle, resolveStatement, type Resolved } from './resolve-records';
import { RECORD_COLLECTIONS, type RecordPositions } from './bundle-facts';
import { jsonPath, type Problem } from './problem';
import { compileFastPath, REJECTED } from './schema-fast-path';
import { withoutByteOrderMark } from './byte-order-mark';
import { locateSyntaxError } from './locate-syntax-error';

/** A record that failed validation but has an id, so references to it are not also reported. */
export interface InvalidRecord {
  collection: CollectionName;
  id: string;
  path: string;
  /** Index in its collection's array. */
  position: number;
  /** The record as written, so its well-formed references can still be checked. */
  raw: Record<string, unknown>;
}

/** The file's valid records (none when the file itself is unusable), and what was wrong with the rest. */
export interface ParsedBundle {
  bundle: Bundle | undefined;
  /** Where each valid record sat in the file. */
  positions: RecordPositions;
  problems: Problem[];
  invalidRecords: InvalidRecord[];
}

const noPositions = (): RecordPositions => ({ actors: [], reports: [], articles: [], statements: [] });
const RECORD_SCHEMAS = { actors: ActorRecord, reports: ReportRecord, articles: ArticleRecord, statements: StatementRecord } as const;
/** The same schemas, compiled for records that are fine (most of them); zod explains the others. */
const FAST_PATHS = {
  actors: compileFastPath(ActorRecord, { formats: BUNDLE_FORMATS, crossFieldRulesHold: CROSS_FIELD_RULES_HOLD.actors }),
  reports: compileFastPath(ReportRecord, { formats: BUNDLE_FORMATS, crossFieldRulesHold: CROSS_FIELD_RULES_HOLD.reports }),
  articles: compileFastPath(ArticleRecord, { formats: BUNDLE_FORMATS, crossFieldRulesHold: CROSS_FIELD_RULES_HOLD.articles }),
  statements: compileFastPath(StatementRecord, { formats: BUNDLE_FORMATS, crossFieldRulesHold: CROSS_FIELD_RULES_HOLD.statements }),
} as const;

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The offset JSON.parse reports ("at position 12", or "line 2 column 3" on newer engines), when it says. */
function syntaxErrorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const lines = text.split('\n').slice(0, Number(lineColumn[1]) - 1);
    return lines.reduce((sum, line) => sum + line.length + 1, 0) + Number(lineColumn[2]) - 1;
  }
  return text.length;
}

/** What a zod issue expected and found, in words. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const found = valueAt(input, issue.path);
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
  const received = found === undefined ? 'nothing (the field is missing)' : JSON.stringify(found)?.slice(0, 120);
  return `${issue.message.replace(/^Invalid input: /, '')}; found ${received}`;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Parses one file's text as a bundle, reporting every syntax or shape problem found. */
export function parseBundleFile(file: string, fileText: string): ParsedBundle {
  const text = withoutByteOrderMark(fileText);
  const failed = (problem: Omit<Problem, 'file'>): ParsedBundle => ({ bundle: undefined, positions: noPositions(), problems: [{ file, ...problem }], invalidRecords: [] });
  if (text.trim() === '') return failed({ line: 1, column: 1, message: 'the file is empty; expected a JSON bundle object' });
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    // JSON.parse often gives no position: a parser made to locate errors says where and what.
    const located = locateSyntaxError(text);
    if (located) return failed({ ...lineAndColumn(text, located.offset), message: `invalid JSON: ${located.message}` });
    const message = (error as Error).message;
    return failed({ ...lineAndColumn(text, syntaxErrorOffset(text, message)), message: `invalid JSON: ${message}` });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return failed({ path: '$', message: `expected an article bundle object with "actors", "reports", "articles" and "statements" arrays; found ${Array.isArray(input) ? 'an array' : JSON.stringify(input)}` });
  }
  const shell = BundleShell.safeParse(input);
  if (!shell.success) return { bundle: undefined, positions: noPositions(), problems: shell.error.issues.map((issue) => ({ file, path: jsonPath(issue.path), message: describeIssue(issue, input) })), invalidRecords: [] };

  // Each record is validated on its own, so one bad record hides no problem of the others.
  const bundle: Bundle = { actors: [], reports: [], articles: [], statements: [] };
  const positions = noPositions();
  const problems: Problem[] = [];
  const invalidRecords: InvalidRecord[] = [];
  for (const collection of RECORD_COLLECTIONS) {
    const fastPath = FAST_PATHS[collection];
    shell.data[collection].forEach((element, index) => {
      const valid = fastPath(element);
      if (valid !== REJECTED) {
        (bundle[collection] as unknown[]).push(valid);
        positions[collection].push(index);
        return;
      }
      const result = RECORD_SCHEMAS[collection].safeParse(element);
      if (result.success) {
        (bundle[collection] as unknown[]).push(result.data);
        positions[collection].push(index);
        return;
      }
      for (const issue of result.error.issues) {
        problems.push({ file, path: jsonPath([collection, index, ...issue.path]), message: describeIssue(issue, element) });
      }
      const id = (element as { id?: unknown } | null)?.id;
      if (typeof id === 'string') invalidRecords.push({ collection, id, path: `$.${collection}[${index}]`, position: index, raw: element as Record<string, unknown> });
    });
  }
  const parsed = { bundle, positions, problems, invalidRecords };
  // Only now are records ready to store: bodies read from their files, evidence given as text found in them.
  keepResolved(file, parsed, 'articles', (article) => resolveArticle(article as unknown as ParsedArticle, file));
  // An article of this bundle with problems of its own has no body to find evidence in (null).
  const bodies = new Map<string, string | null>(invalidRecords.filter((record) => record.collection === 'articles').map((record) => [record.id, null]));
  for (const article of bundle.articles) bodies.set(article.id, article.body);
  keepResolved(file, parsed, 'statements', (statement) => resolveStatement(statement as unknown as ParsedStatement, bodies.get(statement.articleId)));
  return parsed;
}

/**
 * Replaces each valid record of a collection with its resolved form, reporting its problems at
 * its own path; a record that cannot be resolved becomes an invalid one.
 */
function keepResolved<C extends 'articles' | 'statements'>(file: string, parsed: ParsedBundle & { bundle: Bundle }, collection: C, resolve: (record: Bundle[C][number]) => Resolved<Bundle[C][number]>): void {
  const records = parsed.bundle[collection] as Array<Bundle[C][number]>;
  const positions = parsed.positions[collection];
  const keptRecords: Array<Bundle[C][number]> = [];
  const keptPositions: number[] = [];
  records.forEach((record, index) => {
    const position = positions[index] as number;
    const resolved = resolve(record);
    const path = `$.${collection}[${position}]`;
    for (const problem of resolved.problems) parsed.problems.push({ file, path: `${path}.${problem.field}`, message: problem.message });
    if (resolved.record !== undefined) {
      keptRecords.push(resolved.record);
      keptPositions.push(position);
    } else parsed.invalidRecords.push({ collection, id: record.id, path, position, raw: record as unknown as Record<string, unknown> });
  });
  (parsed.bundle[collection] as Array<Bundle[C][number]>) = keptRecords;
  parsed.positions[collection] = keptPositions;
}

/** The records at the given paths (`$.actors[3]`) of a bundle text, as the schema parses them (an article with its body read). */
export function readRecordsAt(file: string, text: string, paths: readonly string[]): Map<string, unknown> {
  const raw = JSON.parse(withoutByteOrderMark(text)) as Record<string, unknown[] | undefined>;
  const records = new Map<string, unknown>();
  for (const path of paths) {
    const match = /^\$\.(actors|reports|articles|statements)\[(\d+)\]$/.exec(path);
    if (!match) continue;
    const collection = match[1] as CollectionName;
    const parsed = RECORD_SCHEMAS[collection].safeParse(raw[collection]?.[Number(match[2])]);
    // Two definitions of an article are the same if their bodies are, wherever each is written.
    const record = parsed.success && collection === 'articles' ? resolveArticle(parsed.data as ParsedArticle, file).record : parsed.data;
    records.set(path, parsed.success ? record : undefined);
  }
  return records;
}
