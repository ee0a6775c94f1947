import { isDeepStrictEqual } from 'node:util';
import type { CollectionName } from '../store/collections';
import type { StatementRecord } from './bundle.schema';
import { checkSpans, derivationStepOf, RECORD_COLLECTIONS, recordPath, REFERENCE_FIELDS, REFERENCE_FIELDS_OF, REFERENCE_STRIDE, referencePath, targetOf, type FileFacts } from './bundle-facts';
import { Definitions, type Definition } from './definitions';
import { findCycles } from './find-cycles';
import { isIdOf } from '../ids';
import type { InvalidRecord } from './parse-bundle-file';
import type { Problem } from './problem';


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
  articleId: string;
  evidence: StatementRecord['evidence'];
  file: string;
  path: string;
}

/**
 * A claim's link on a report defined in another file or already stored: the report-level links
 * written there must already hold it (a bundle only adds its own claims' links to its own reports).
 */
interface ForeignClaimLink {
  reportId: string;
  field: 'sourceIds' | 'relayIds';
  id: string;
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
  /** Cited sources of stored reports, to check claims' links on reports stored earlier. */
  sources(reportIds: readonly string[]): Promise<Map<string, readonly string[]>>;
  /** Bodies of stored articles, to check spans of statements loaded without their article. */
  bodies(articleIds: readonly string[]): Promise<Map<string, string>>;
  /** Article of stored statements, to refuse moving a statement id to another article. */
  statementArticles(statementIds: readonly string[]): Promise<Map<string, string>>;
}


/** Adds `id` to the list of `key` once: several claims may give a report the same link. */
function appendTo(lists: Map<string, string[]>, key: string, id: string): void {
  const list = lists.get(key);
  if (!list) lists.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** Each collection's reference fields and the collection they point into. */
const ID_PREFIX = { actors: 'actor', reports: 'report', articles: 'article', statements: 'statement' } as const;

/**
 * What a run of the loader defines, built file by file without keeping the records: ids with
 * where they are, references still unresolved, the affiliation and relay graphs. Per-file
 * checks happen as files are added; `finish` does the checks that need the whole run and the
 * store. Memory grows with the number of ids, not with the size of the input.
 */
export class RunIndex {
  readonly problems: Problem[] = [];
  private readonly defined = new Definitions();
  private readonly unresolved: Reference[] = [];
  private readonly affiliationOf = new Map<string, string>();
  /** Report-level relays of the run's reports, as written: the record's own plus its bundle's claims'. */
  private readonly relaysOf = new Map<string, string[]>();
  /** Sources that claims add to reports of their own bundle (a record's own sources are read back when needed). */
  private readonly claimSourcesOf = new Map<string, string[]>();
  private readonly foreignClaimLinks: ForeignClaimLink[] = [];
  /** Each statement of the run and its article, side by side: a map is only needed if any is already stored. */
  private readonly statementIds: string[] = [];
  private readonly statementArticleIds: string[] = [];
  private readonly pendingSpans: PendingSpans[] = [];
  private readonly repeats: Repeat[] = [];

  /** Documents defined so far, per collection. */
  count(collection: CollectionName): number {
    return this.defined.size(collection);
  }

  /** True when the record at `file` `position` is where `id` was first defined (repeats are written once). */
  isDefinition(collection: CollectionName, id: string, file: string, position: number): boolean {
    return this.defined.isAt(collection, id, this.defined.fileNumber(file), position);
  }

  /**
   * Notes a record that failed validation: its id, so references to it are not reported too,
   * and its well-formed references, which are still checked so one run reports every problem.
   */
  reserve(record: InvalidRecord, file: string): void {
    const { collection, id, path, position, raw } = record;
    this.defined.define(collection, id, this.defined.fileNumber(file), position, false);
    for (const field of REFERENCE_FIELDS_OF[collection]) {
      const target = targetOf(field);
      const value = raw[field];
      const ids = typeof value === 'string' ? [[field, value]] : Array.isArray(value) ? value.map((item, index) => [`${field}[${index}]`, item]) : [];
      for (const [at, reference] of ids) {
        if (typeof reference === 'string' && isIdOf(ID_PREFIX[target], reference) && !this.defined.has(target, reference)) {
          this.unresolved.push({ collection: target, id: reference, file, path: `${path}.${at}` });
        }
      }
    }
  }

  /**
   * Indexes the valid records of one file (their facts) and checks what can be checked so far.
   * Returns, per record in facts order, 1 where it is the id's first definition (the one to write).
   */
  add(file: string, facts: FileFacts): Uint8Array {
    const fileNumber = this.defined.fileNumber(file);
    const records = facts.ids.length;
    const collectionOf = (record: number) => RECORD_COLLECTIONS[facts.collections[record] as number] as CollectionName;
    const pathOf = (record: number) => recordPath(collectionOf(record), facts.positions[record] as number);
    // Only a record's first definition is indexed; a repeat is compared with it after the pass.
    const first = new Uint8Array(records);
    for (let record = 0; record < records; record += 1) {
      if (this.define(collectionOf(record), facts.ids[record] as string, file, fileNumber, facts.positions[record] as number)) first[record] = 1;
    }
    const references = facts.referenceFacts;
    // The step reports of the statement whose derivations are being read (they come before its links).
    let stepRecord = -1;
    const stepReports: string[] = [];
    for (let reference = 0; reference < facts.referenceIds.length; reference += 1) {
      const record = references[reference * REFERENCE_STRIDE] as number;
      if (!first[record]) continue;
      const field = references[reference * REFERENCE_STRIDE + 1] as number;
      const item = references[reference * REFERENCE_STRIDE + 2] as number;
      const [name, target] = REFERENCE_FIELDS[field] as (typeof REFERENCE_FIELDS)[number];
      const id = facts.referenceIds[reference] as string;
      if (!this.defined.has(target, id)) this.unresolved.push({ collection: target, id, file, path: `${pathOf(record)}.${referencePath(field, item)}` });
      const own = facts.ids[record] as string;
      if (name === 'affiliationId') this.affiliationOf.set(own, id);
      else if (name === 'relayIds') appendTo(this.relaysOf, own, id);
      else if (name === 'derivations.reportId') {
        if (stepRecord !== record) {
          stepRecord = record;
          stepReports.length = 0;
        }
        stepReports[item] = id;
      } else if (name === 'derivations.sourceIds' || name === 'derivations.relayIds') {
        const reportId = stepReports[derivationStepOf(item, name)] as string;
        const linkField = name === 'derivations.sourceIds' ? 'sourceIds' : 'relayIds';
        // The bundle that defines a report writes its claims' links into it; others must find them there.
        if (this.defined.isInFile('reports', reportId, fileNumber)) appendTo(linkField === 'sourceIds' ? this.claimSourcesOf : this.relaysOf, reportId, id);
        else this.foreignClaimLinks.push({ reportId, field: linkField, id, file, path: `${pathOf(record)}.${referencePath(field, item)}` });
      }
      else if (name === 'articleId' && collectionOf(record) === 'statements') {
        this.statementIds.push(own);
        this.statementArticleIds.push(id);
      }
    }
    for (const { record, field, message } of facts.spanProblems) if (first[record]) this.problems.push({ file, path: `${pathOf(record)}.${field}`, message });
    for (const { record, articleId, evidence } of facts.unplacedEvidence) if (first[record]) this.placeEvidenceLater(articleId, evidence, file, pathOf(record));
    return first;
  }

  /**
   * Checks that need the whole run and the store; returns every problem of the run.
   * `changedStatementIds`: where the run's documents are already staged, the stored statements
   * they changed; the others are new or unchanged, so cannot have moved to another article.
   */
  async finish(stored: StoredFacts, read: RecordReader, options: { changedStatementIds?: readonly string[] } = {}): Promise<Problem[]> {
    await this.checkRepeats(read);
    await this.checkReferences(stored);
    await this.checkPendingSpans(stored);
    await this.checkCycles(stored);
    await this.checkForeignClaimLinks(stored, read);
    await this.checkStatementsStayInTheirArticle(stored, options.changedStatementIds ?? this.statementIds);
    return this.problems;
  }

  /**
   * Records a definition; false if the id was seen before. Repeats are compared with the first
   * definition after the pass (identical ones are fine), so no record needs to be kept.
   */
  private define(collection: CollectionName, id: string, file: string, fileNumber: number, position: number): boolean {
    if (this.defined.define(collection, id, fileNumber, position, true)) return true;
    const earlier = this.defined.get(collection, id) as Definition;
    if (earlier.valid) this.repeats.push({ collection, id, first: earlier, again: { file, path: recordPath(collection, position), valid: true } });
    return false;
  }

  /**
   * A statement's spans are checked against its article in the same bundle, or after the pass
   * against a stored one. An article elsewhere in the run (an earlier file now, a later one then)
   * is a problem: the loader keeps no article bodies across files.
   */
  private placeEvidenceLater(articleId: string, evidence: StatementRecord['evidence'], file: string, path: string): void {
    if (!this.refuseArticleElsewhereInRun({ articleId, evidence, file, path })) this.pendingSpans.push({ articleId, evidence, file, path });
  }

  /** True (and a problem noted) when the statement's article is defined in another file of the run. */
  private refuseArticleElsewhereInRun({ articleId, file, path }: PendingSpans): boolean {
    const article = this.defined.get('articles', articleId);
    if (!article) return false;
    this.problems.push({ file, path: `${path}.articleId`, message: `a statement must be in the same bundle as its article (or its article already stored); "${articleId}" is in ${article.file}` });
    return true;
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

  private async checkReferences(stored: StoredFacts): Promise<void> {
    for (const collection of RECORD_COLLECTIONS) {
      const references = this.unresolved.filter((reference) => reference.collection === collection && !this.defined.has(collection, reference.id));
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
    const pendingSpans = this.pendingSpans.filter((pending) => !this.refuseArticleElsewhereInRun(pending));
    if (pendingSpans.length === 0) return;
    const bodies = await stored.bodies([...new Set(pendingSpans.map((pending) => pending.articleId))]);
    for (const pending of pendingSpans) {
      const body = bodies.get(pending.articleId);
      // A missing article is already reported as a dangling reference.
      if (body === undefined) continue;
      for (const problem of checkSpans(pending.evidence, body)) this.problems.push({ file: pending.file, path: `${pending.path}.${problem.field}`, message: problem.message });
    }
  }

  private async checkCycles(stored: StoredFacts): Promise<void> {
    const storedAffiliations = await stored.affiliations([...new Set([...this.affiliationOf.values()].filter((id) => !this.defined.has('actors', id)))]);
    const nextActor = (id: string): string[] => {
      const next = this.affiliationOf.get(id) ?? storedAffiliations.get(id);
      return next ? [next] : [];
    };
    for (const cycle of findCycles(this.affiliationOf.keys(), nextActor)) this.reportCycle('actors', 'affiliationId', 'affiliation', cycle);

    const storedRelays = await stored.relays([...new Set([...this.relaysOf.values()].flat().filter((id) => !this.defined.has('reports', id)))]);
    const nextReport = (id: string): readonly string[] => this.relaysOf.get(id) ?? storedRelays.get(id) ?? [];
    for (const cycle of findCycles(this.relaysOf.keys(), nextReport)) this.reportCycle('reports', 'relayIds', 'relay', cycle);
  }

  /** Claims' links on reports of other files or the store must be among those reports' own links. */
  private async checkForeignClaimLinks(stored: StoredFacts, read: RecordReader): Promise<void> {
    if (this.foreignClaimLinks.length === 0) return;
    const storedIds = [...new Set(this.foreignClaimLinks.map((link) => link.reportId).filter((id) => !this.defined.has('reports', id)))];
    const [storedRelays, storedSources, runSources] = await Promise.all([stored.relays(storedIds), stored.sources(storedIds), this.runSourcesOf(this.foreignClaimLinks, read)]);
    for (const link of this.foreignClaimLinks) {
      const inRun = this.defined.get('reports', link.reportId);
      // A report neither in the run nor stored is already reported as a dangling reference.
      if (!inRun && !storedRelays.has(link.reportId)) continue;
      const links = link.field === 'relayIds' ? (inRun ? this.relaysOf : storedRelays).get(link.reportId) : (inRun ? runSources : storedSources).get(link.reportId);
      if (links?.includes(link.id)) continue;
      const where = inRun ? `in ${inRun.file} ${inRun.path}` : 'stored';
      this.problems.push({
        file: link.file,
        path: link.path,
        message: `"${link.reportId}" (${where}) does not list "${link.id}" in its ${link.field}: a claim's path may name a report of another bundle only by links that report already has; add the link to the report, or give this claim's step in the report's own bundle`,
      });
    }
  }

  /** The sources of the run's reports that foreign claim links name, as written: each record's own (read back) and its bundle's claims'. */
  private async runSourcesOf(links: readonly ForeignClaimLink[], read: RecordReader): Promise<Map<string, readonly string[]>> {
    const definitions = new Map<string, Definition>();
    for (const link of links) {
      const definition = link.field === 'sourceIds' ? this.defined.get('reports', link.reportId) : undefined;
      if (definition) definitions.set(link.reportId, definition);
    }
    const pathsByFile = new Map<string, string[]>();
    for (const { file, path } of definitions.values()) pathsByFile.set(file, [...(pathsByFile.get(file) ?? []), path]);
    const records = new Map<string, unknown>();
    for (const [file, paths] of pathsByFile) for (const [path, record] of await read(file, paths)) records.set(`${file}\u0000${path}`, record);
    const sources = new Map<string, readonly string[]>();
    for (const [reportId, { file, path }] of definitions) {
      const own = (records.get(`${file}\u0000${path}`) as { sourceIds?: unknown } | undefined)?.sourceIds;
      sources.set(reportId, [...(Array.isArray(own) ? own.filter((id): id is string => typeof id === 'string') : []), ...(this.claimSourcesOf.get(reportId) ?? [])]);
    }
    return sources;
  }

  private reportCycle(collection: CollectionName, field: string, name: string, cycle: string[]): void {
    const at = cycle.map((id) => this.defined.get(collection, id)).find((definition) => definition !== undefined);
    if (at) this.problems.push({ file: at.file, path: `${at.path}.${field}`, message: `${name} cycle: ${cycle.join(' -> ')}` });
  }

  private async checkStatementsStayInTheirArticle(stored: StoredFacts, candidates: readonly string[]): Promise<void> {
    if (candidates.length === 0) return;
    const storedArticles = await stored.statementArticles(candidates);
    if (storedArticles.size === 0) return;
    const articleOfStatement = new Map(this.statementIds.map((id, index) => [id, this.statementArticleIds[index] as string]));
    for (const [id, articleId] of storedArticles) {
      const ours = articleOfStatement.get(id);
      const definition = this.defined.get('statements', id);
      if (ours !== undefined && ours !== articleId && definition) {
        this.problems.push({ file: definition.file, path: `${definition.path}.articleId`, message: `statement "${id}" is stored in "${articleId}"; a statement id cannot move to "${ours}" (use a new id, or --drop)` });
      }
    }
  }
}
