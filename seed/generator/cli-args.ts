import { parseArgs } from 'node:util';
import { DEFAULT_PER_FILE, type CorpusOptions } from './corpus';

/** The corpus CLI's parsed arguments. */
export interface GenerateArgs {
  options: Required<CorpusOptions>;
  out: string;
  replace: boolean;
  help: boolean;
}

/** The help text, printed with `--help` and after an argument error. */
export const GENERATE_USAGE = `Usage: npm run seed:generate -- --articles N --out DIR [--seed S] [--per-file K] [--replace]

Writes a synthetic corpus of annotated article bundles, valid for npm run seed: DIR/actors.json
(the shared actors) and DIR/bundle-000001.json, ... (K articles each, with their statements and
reports). The same N, S and K always give byte-identical files.

  --articles N   number of articles (1 to ${(1_000_000).toLocaleString('en-US')})
  --out DIR      output folder, created if missing; it must hold no .json files
  --seed S       PRNG seed, 0 to 4294967295 (default 1)
  --per-file K   articles per bundle file (default ${DEFAULT_PER_FILE})
  --replace      delete an earlier generated corpus in DIR first`;

const MAX_ARTICLES = 1_000_000;

/** A whole number within bounds, or a message saying what was wrong. */
function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number | string {
  if (raw === undefined) return `${flag} is required`;
  if (!/^\d+$/.test(raw.trim())) return `${flag} must be a whole number; got "${raw}"`;
  const value = Number(raw);
  return value < min || value > max ? `${flag} must be between ${min} and ${max.toLocaleString('en-US')}; got ${raw}` : value;
}

/** Parses and checks the CLI arguments; `{ error }` carries a message for the user. */
export function parseGenerateArgs(argv: readonly string[]): GenerateArgs | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        articles: { type: 'string' },
        seed: { type: 'string', default: '1' },
        'per-file': { type: 'string', default: String(DEFAULT_PER_FILE) },
        out: { type: 'string' },
        replace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  const placeholder = { options: { articles: 1, seed: 1, perFile: DEFAULT_PER_FILE }, out: '', replace: false, help: true };
  if (values.help) return placeholder;
  const articles = wholeNumber('--articles', values.articles, 1, MAX_ARTICLES);
  const seed = wholeNumber('--seed', values.seed, 0, 0xffffffff);
  const perFile = wholeNumber('--per-file', values['per-file'], 1, MAX_ARTICLES);
  for (const checked of [articles, seed, perFile]) if (typeof checked === 'string') return { error: checked };
  if (values.out === undefined || values.out.trim() === '') return { error: '--out is required: the folder to write the corpus to' };
  return { options: { articles: articles as number, seed: seed as number, perFile: perFile as number }, out: values.out, replace: values.replace, help: false };
}
