import path from 'node:path';
import { GENERATE_USAGE, parseGenerateArgs } from './generator/cli-args';
import { OutputFolderNotEmptyError, writeCorpus } from './generator/write-corpus';

/** `npm run seed:generate`: writes a synthetic corpus; exit 2 on bad arguments or a non-empty folder. */
async function main(): Promise<number> {
  const args = parseGenerateArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`${args.error}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(GENERATE_USAGE);
    return 0;
  }
  try {
    const summary = await writeCorpus(args.options, args.out, { replace: args.replace });
    const count = (value: number) => value.toLocaleString('en-US');
    console.log(
      `Wrote ${count(summary.files)} files to ${path.resolve(args.out)} in ${summary.seconds.toFixed(1)} s: ` +
        `${count(summary.actors)} actors, ${count(summary.articles)} articles, ${count(summary.statements)} statements, ` +
        `${count(summary.reports)} reports (${(summary.bytes / 1_000_000).toFixed(1)} MB, seed ${args.options.seed}, ${args.options.perFile} articles per file)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof OutputFolderNotEmptyError) {
      console.error(`${error.message} (--replace deletes an earlier generated corpus).`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
