import fs from 'node:fs/promises';
import path from 'node:path';

/** The JSON files named, or found (recursively, sorted) in the folders named; a clear error for a missing path. */
export async function listBundleFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`Cannot read ${input}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
    });
    if (stat.isDirectory()) {
      const entries = await fs.readdir(input, { withFileTypes: true, recursive: true });
      files.push(
        ...entries
          .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
          .map((entry) => path.join(entry.parentPath, entry.name))
          .sort(),
      );
    } else {
      files.push(input);
    }
  }
  return files;
}
