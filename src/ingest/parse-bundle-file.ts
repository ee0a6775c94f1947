import type { z } from 'zod';
import { Bundle } from './bundle.schema';
import { jsonPath, type Problem } from './problem';

export type ParsedBundle = { ok: true; bundle: Bundle } | { ok: false; problems: Problem[] };

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The offset JSON.parse reports ("at position 12", or "line 2 column 3" on newer engines). */
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
export function parseBundleFile(file: string, text: string): ParsedBundle {
  if (text.trim() === '') return { ok: false, problems: [{ file, line: 1, column: 1, message: 'the file is empty; expected a JSON bundle object' }] };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, problems: [{ file, ...lineAndColumn(text, syntaxErrorOffset(text, message)), message: `invalid JSON: ${message}` }] };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ file, path: '$', message: `expected an article bundle object with "actors", "reports", "articles" and "statements" arrays; found ${Array.isArray(input) ? 'an array' : JSON.stringify(input)}` }] };
  }
  const result = Bundle.safeParse(input);
  if (result.success) return { ok: true, bundle: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => ({ file, path: jsonPath(issue.path), message: describeIssue(issue, input) })) };
}
