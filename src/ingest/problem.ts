/** One thing wrong with the input, located precisely enough for a person to fix it. */
export interface Problem {
  file: string;
  /** JSON path of the offending value, e.g. `$.statements[3].speakerIds[0]`; absent for syntax errors. */
  path?: string;
  /** 1-based line and column, for syntax errors. */
  line?: number;
  column?: number;
  message: string;
}

/** `$.a[0].b` from a path of keys and indexes. */
export function jsonPath(keys: ReadonlyArray<PropertyKey>): string {
  return keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${String(key)}`), '$');
}

/** One line per problem: `file:line:column: message` or `file $.path: message`. */
export function formatProblem(problem: Problem): string {
  if (problem.line !== undefined) return `${problem.file}:${problem.line}:${problem.column ?? 1}: ${problem.message}`;
  return `${problem.file} ${problem.path ?? '$'}: ${problem.message}`;
}
