import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

/** The `version` of the gateway's package.json. */
export const PACKAGE_VERSION: string = (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
