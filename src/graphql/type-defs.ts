import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

/** The SDL files of `schema/`, listed explicitly: the base file first, then one per domain. */
export const SCHEMA_FILES = ['base.graphql', 'article.graphql', 'statement.graphql', 'actor.graphql', 'report.graphql', 'provenance.graphql', 'search.graphql'] as const;

/** The gateway's SDL, read from `schema/`. */
export function readTypeDefs(): string[] {
  const directory = path.join(projectRoot(), 'schema');
  return SCHEMA_FILES.map((file) => fs.readFileSync(path.join(directory, file), 'utf8'));
}
