import { isDeepStrictEqual } from 'node:util';
import type { ActorRecord, ArticleRecord, Bundle, ReportRecord, StatementRecord } from './bundle.schema';
import type { Problem } from './problem';

/** A record and where it came from, so later checks can point at it. */
export interface Located<T> {
  readonly record: T;
  readonly file: string;
  /** JSON path of the record, e.g. `$.actors[2]`. */
  readonly path: string;
}

const KINDS = ['actors', 'reports', 'articles', 'statements'] as const;
export type RecordKind = (typeof KINDS)[number];

/**
 * Every record of a run, by id, across files. The same record repeated identically (an actor
 * shared by several bundles) is kept once; two different records with one id are a problem.
 */
export class RecordSet {
  readonly actors = new Map<string, Located<ActorRecord>>();
  readonly reports = new Map<string, Located<ReportRecord>>();
  readonly articles = new Map<string, Located<ArticleRecord>>();
  readonly statements = new Map<string, Located<StatementRecord>>();
  readonly problems: Problem[] = [];

  /** Adds a validated bundle's records, noting conflicting duplicate ids. */
  add(file: string, bundle: Bundle): void {
    for (const kind of KINDS) {
      const target = this[kind] as Map<string, Located<{ id: string }>>;
      bundle[kind].forEach((record: { id: string }, index: number) => {
        const path = `$.${kind}[${index}]`;
        const existing = target.get(record.id);
        if (!existing) {
          target.set(record.id, { record, file, path });
        } else if (!isDeepStrictEqual(existing.record, record)) {
          this.problems.push({ file, path: `${path}.id`, message: `duplicate id "${record.id}": already defined differently at ${existing.file} ${existing.path}` });
        }
      });
    }
  }

  get size(): number {
    return this.actors.size + this.reports.size + this.articles.size + this.statements.size;
  }
}
