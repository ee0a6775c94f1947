/** The synthetic corpus generator's public API (the CLI is seed/generate.ts). */
export { actorPoolSize } from './actor-pool';
export { ACTORS_FILE, DEFAULT_PER_FILE, bundleFileName, generateCorpus, serializeBundle, type CorpusFile, type CorpusOptions } from './corpus';
export { GENERATOR_VERSION, OutputFolderNotEmptyError, writeCorpus, type CorpusSummary, type WriteCorpusOptions } from './write-corpus';
export { GENERATE_USAGE, parseGenerateArgs, type GenerateArgs } from './cli-args';
