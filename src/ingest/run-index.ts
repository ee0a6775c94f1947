import { isDeepStrictEqual } from 'node:util';
import type { CollectionName } from '../store/collections';
import type { Bundle, StatementRecord } from './bundle.schema';
import { findCycles } from './find-cycles';
import { isIdOf } from '../ids';
import type { InvalidRecord } from './parse-bundle-file';
import type { Problem } from './problem';

/** Where a record was defined. */
interface Definition {
  file: string;
  path: string;
  /** False for a record that failed validation (only its id is known). */
  valid: boolean;
}

/** A second definition of an id, to compare with the first once the pass is over. */
interface Repeat {
  collection: CollectionName;
  id: string;
  first: Definition;
  again: Definition;
}

/** Reads back the records at some paths of one file, for comparing repeated definitions. */
export type RecordReader = (file: string, paths: readonly string[]) => Promise<Map<string, unknown>>;

interface Reference {
  collection: CollectionName;
  id: string;
  file: string;
  /** JSON path of the referring field. */
  path: string;
}

interface PendingSpans {
  statement: StatementRecord;
  file: string;
  path: string;
}

/** The few fields of stored documents that validation needs. */
export interface StoredFacts {
  /** Ids of the documents of `collection` among `ids` that are stored. */
  existing(collection: CollectionName, ids: readonly string[]): Promise<Set<string>>;
  /** Affiliation of stored actors, for cycle checks through stored chains. */
  affiliations(actorIds: readonly string[]): Promise<Map<string, string | null>>;
  /** Relays of stored reports, likewise. */
  relays(reportIds: readonly string[]): Promise<Map<string, readonly string[]>>;
  /** Bodies of stored articles, to check spans of statements loaded without their article. */
  bodies(articleIds: readonly string[]): Promise<Map<string, string>>;
  /** Article of stored statements, to refuse moving a statement id to another article. */
  statementArticles(statementIds: readonly string[]): Promise<Map<string, string>>;
}

const KINDS: readonly CollectionName[] = ['actors', 'reports', 'articles', 'statements'];

/** Each collection's reference fields and the collection they point into. */
const REFERENCES: Record<CollectionName, Record<string, CollectionName>> = {
  actors: { affiliationId: 'actors' },
  reports: { publisherId: 'actors', sourceIds: 'actors', relayIds: 'reports' },
  articles: { publisherId: 'actors' },
  statements: { articleId: 'articles', speakerIds: 'actors', viaId: 'reports', respondsToId: 'statements' },
};
const ID_PREFIX = { actors: 'actor', reports: 'report', articles: 'article', statements: 'statement' } as const;

/**
 * What a run of the loader defines, built file by file without keeping the records: ids with
 * where they are, references still unresolved, the affiliation and relay graphs. Per-file
 * checks happen as files are added; `finish` does the checks that need the whole run and the
 * store. Memory grows with the number of ids, not with the size of the input.
 */
export class RunIndex {
  readonly problems: Problem[] = [];
  private readonly defined: Record<CollectionName, Map<string, Definition>> = { actors: new Map(), reports: new Map(), articles: new Map(), statements: new Map() };
  private readonly unresolved: Reference[] = [];
  private readonly affiliationOf = new Map<string, string>();
  private readonly relaysOf = new Map<string, readonly string[]>();
  private readonly articleOfStatement = new Map<string, string>();
  private readonly pendingSpans: PendingSpans[] = [];
  private readonly repeats: Repeat[] = [];

  /** Documents defined so far, per collection. */
  count(collection: CollectionName): number {
    return this.defined[collection].size;
  }

  /** True when the record at `file` `path` is where `id` was first defined (repeats are written once). */
  isDefinition(collection: CollectionName, id: string, file: string, path: string): boolean {
    const definition = this.defined[collection].get(id);
    return definition !== undefined && definition.file === file && definition.path === path;
  }

  /**
   * Notes a record that failed validation: its id, so references to it are not reported too,
   * and its well-formed references, which are still checked so one run reports every problem.
   */
  reserve(record: InvalidRecord, file: string): void {
    const { collection, id, path, raw } = record;
    if (!this.defined[collection].has(id)) this.defined[collection].set(id, { file, path, valid: false });
    for (const [field, target] of Object.entries(REFERENCES[collection])) {
      const value = raw[field];
      const ids = typeof value === 'string' ? [[field, value]] : Array.isArray(value) ? value.map((item, index) => [`${field}[${index}]`, item]) : [];
      for (const [at, reference] of ids) {
        if (typeof reference === 'string' && isIdOf(ID_PREFIX[target], reference) && !this.defined[target].has(reference)) {
          this.unresolved.push({ collection: target, id: reference, file, path: `${path}.${at}` });
        }
      }
    }
  }

  /** Indexes one validated bundle and checks what can be checked within it. */
  add(file: string, bundle: Bundle): void {
    const bodies = new Map(bundle.articles.map((article) => [article.id, article.body]));
    for (const collection of KINDS) {
      bundle[collection].forEach((record, index) => {
        const path = `$.${collection}[${index}]`;
        if (!this.define(collection, record, file, path)) return;
        this.indexRecord(collection, record, file, path, bodies);
      });
    }
  }

  /** Checks that need the whole run and the store; returns every problem of the run. */
  async finish(stored: StoredFacts, read: RecordReader): Promise<Problem[]> {
    await this.checkRepeats(read);
    await this.checkReferences(stored);
    await this.checkPendingSpans(stored);
    await this.checkCycles(stored);
    await this.checkStatementsStayInTheirArticle(stored);
    return this.problems;
  }

  /**
   * Records a definition; false if the id was seen before. Repeats are compared with the first
   * definition after the pass (identical ones are fine), so no record needs to be kept.
   */
  private define(collection: CollectionName, record: { id: string }, file: string, path: string): boolean {
    const earlier = this.defined[collection].get(record.id);
    if (!earlier) {
      this.defined[collection].set(record.id, { file, path, valid: true });
      return true;
    }
    if (earlier.valid) this.repeats.push({ collection, id: record.id, first: earlier, again: { file, path, valid: true } });
    return false;
  }

  /** Compares each repeated definition with the first, reading both back; different ones are problems. */
  private async checkRepeats(read: RecordReader): Promise<void> {
    if (this.repeats.length === 0) return;
    const pathsByFile = new Map<string, Set<string>>();
    for (const { first, again } of this.repeats) {
      for (const { file, path } of [first, again]) pathsByFile.set(file, (pathsByFile.get(file) ?? new Set()).add(path));
    }
    const records = new Map<string, unknown>();
    for (const [file, paths] of pathsByFile) for (const [path, record] of await read(file, [...paths])) records.set(`${file}\u0000${path}`, record);
    for (const { id, first, again } of this.repeats) {
      if (!isDeepStrictEqual(records.get(`${first.file}\u0000${first.path}`), records.get(`${again.file}\u0000${again.path}`))) {
        this.problems.push({ file: again.file, path: `${again.path}.id`, message: `duplicate id "${id}": already defined differently at ${first.file} ${first.path}` });
      }
    }
  }

  private indexRecord(collection: CollectionName, record: Bundle[CollectionName][number], file: string, path: string, bodies: Map<string, string>): void {
    const refer = (target: CollectionName, id: string | undefined, field: string): void => {
      if (id !== undefined && !this.defined[target].has(id)) this.unresolved.push({ collection: target, id, file, path: `${path}.${field}` });
    };
    if (collection === 'actors' && 'named' in record) {
      refer('actors', record.affiliationId, 'affiliationId');
      if (record.affiliationId) this.affiliationOf.set(record.id, record.affiliationId);
    } else if (collection === 'reports' && 'relayIds' in record) {
      refer('actors', record.publisherId, 'publisherId');
      record.sourceIds.forEach((id, index) => refer('actors', id, `sourceIds[${index}]`));
      record.relayIds.forEach((id, index) => refer('reports', id, `relayIds[${index}]`));
      if (record.relayIds.length > 0) this.relaysOf.set(record.id, record.relayIds);
    } else if (collection === 'articles' && 'body' in record) {
      refer('actors', record.publisherId, 'publisherId');
    } else if (collection === 'statements' && 'speakerIds' in record) {
      refer('articles', record.articleId, 'articleId');
      record.speakerIds.forEach((id, index) => refer('actors', id, `speakerIds[${index}]`));
      refer('reports', record.viaId, 'viaId');
      refer('statements', record.respondsToId, 'respondsToId');
      this.articleOfStatement.set(record.id, record.articleId);
      this.checkStatementSpans(record, file, path, bodies);
    }
  }

  /** Spans are checked against the article of the same bundle, or later against a stored one. */
  private checkStatementSpans(statement: StatementRecord, file: string, path: string, bodies: Map<string, string>): void {
    const body = bodies.get(statement.articleId);
    if (body !== undefined) return this.checkSpans(statement, body, file, path);
    const article = this.defined.articles.get(statement.articleId);
    if (article) {
      this.problems.push({ file, path: `${path}.articleId`, message: `a statement must be in the same bundle as its article (or its article already stored); "${statement.articleId}" is in ${article.file}` });
      return;
    }
    this.pendingSpans.push({ statement, file, path });
  }

  private checkSpans(statement: StatementRecord, body: string, file: string, path: string): void {
    statement.evidence.forEach((span, index) => {
      if (span.end > body.length) {
        this.problems.push({ file, path: `${path}.evidence[${index}].end`, message: `span ends at ${span.end}, past the end of the article body (${body.length} characters)` });
        return;
      }
      const actual = body.slice(span.start, span.end);
      if (actual !== span.text) {
        this.problems.push({ file, path: `${path}.evidence[${index}].text`, message: `span text does not match the article body at ${span.start}-${span.end}: the body has ${JSON.stringify(actual)}, the span says ${JSON.stringify(span.text)}` });
      }
    });
  }

  private async checkReferences(stored: StoredFacts): Promise<void> {
    for (const collection of KINDS) {
      const references = this.unresolved.filter((reference) => reference.collection === collection && !this.defined[collection].has(reference.id));
      if (references.length === 0) continue;
      const found = await stored.existing(collection, [...new Set(references.map((reference) => reference.id))]);
      for (const reference of references) {
        if (!found.has(reference.id)) {
          this.problems.push({ file: reference.file, path: reference.path, message: `refers to "${reference.id}", which is neither in this run nor stored` });
        }
      }
    }
  }

  private async checkPendingSpans(stored: StoredFacts): Promise<void> {
    if (this.pendingSpans.length === 0) return;
    const bodies = await stored.bodies([...new Set(this.pendingSpans.map((pending) => pending.statement.articleId))]);
    for (const pending of this.pendingSpans) {
      const body = bodies.get(pending.statement.articleId);
      // A missing article is already reported as a dangling reference.
      if (body !== undefined) this.checkSpans(pending.statement, body, pending.file, pending.path);
    }
  }

  private async checkCycles(stored: StoredFacts): Promise<void> {
    const storedAffiliations = await stored.affiliations([...new Set([...this.affiliationOf.values()].filter((id) => !this.defined.actors.has(id)))]);
    const nextActor = (id: string): string[] => {
      const next = this.affiliationOf.get(id) ?? storedAffiliations.get(id);
      return next ? [next] : [];
    };
    for (const cycle of findCycles(this.affiliationOf.keys(), nextActor)) this.reportCycle('actors', 'affiliationId', 'affiliation', cycle);

    const storedRelays = await stored.relays([...new Set([...this.relaysOf.values()].flat().filter((id) => !this.defined.reports.has(id)))]);
    const nextReport = (id: string): readonly string[] => this.relaysOf.get(id) ?? storedRelays.get(id) ?? [];
    for (const cycle of findCycles(this.relaysOf.keys(), nextReport)) this.reportCycle('reports', 'relayIds', 'relay', cycle);
  }

  private reportCycle(collection: CollectionName, field: string, name: string, cycle: string[]): void {
    const at = cycle.map((id) => this.defined[collection].get(id)).find((definition) => definition !== undefined);
    if (at) this.problems.push({ file: at.file, path: `${at.path}.${field}`, message: `${name} cycle: ${cycle.join(' -> ')}` });
  }

  private async checkStatementsStayInTheirArticle(stored: StoredFacts): Promise<void> {
    const storedArticles = await stored.statementArticles([...this.articleOfStatement.keys()]);
    for (const [id, articleId] of storedArticles) {
      const ours = this.articleOfStatement.get(id);
      const definition = this.defined.statements.get(id);
      if (ours !== undefined && ours !== articleId && definition) {
        this.problems.push({ file: definition.file, path: `${definition.path}.articleId`, message: `statement "${id}" is stored in "${articleId}"; a statement id cannot move to "${ours}" (use a new id, or --drop)` });
      }
    }
  }
}
