import fs from 'node:fs';
import path from 'node:path';

/** A GraphQL operation kept in the repository, offered to GraphiQL users as a ready tab. */
export interface ExampleOperation {
  /** The file's text as written, comments included. */
  readonly query: string;
  /** JSON text of the variables to run it with, or null when it needs none. */
  readonly variables: string | null;
}

/** A line `# Example variables: {...}` in an operation file gives the variables its tab opens with. */
const EXAMPLE_VARIABLES = /^#\s*Example variables:\s*(\{.*\})\s*$/m;

/**
 * Reads operation files (`.graphql`) in the order given, folders in name order, so GraphiQL's tabs
 * are the very documents the explorer and the benchmarks send. `fallbackVariables` serves files
 * that carry no example line. A bad example line names its file.
 */
export function readExampleOperations(sources: readonly string[], fallbackVariables: string | null = null): ExampleOperation[] {
  const files = sources.flatMap((source) =>
    fs.statSync(source).isDirectory()
      ? fs.readdirSync(source).filter((name) => name.endsWith('.graphql')).sort().map((name) => path.join(source, name))
      : [source],
  );
  return files.map((file) => {
    const query = fs.readFileSync(file, 'utf8');
    const example = EXAMPLE_VARIABLES.exec(query)?.[1];
    if (example === undefined) return { query, variables: fallbackVariables };
    try {
      return { query, variables: JSON.stringify(JSON.parse(example), null, 2) };
    } catch (error) {
      throw new Error(`${file}: the "# Example variables:" line is not JSON: ${(error as Error).message}`);
    }
  });
}
