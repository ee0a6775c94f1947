import type { ActorDocument } from '../actor/actor.model';
import type { ArticleDocument } from '../article/article.model';
import type { ReportDocument } from '../report/report.model';
import type { StatementDocument } from '../statement/statement.model';
import type { Problem } from './problem';
import type { Located, RecordSet } from './record-set';

/** What is already stored, for references a run does not define itself. */
export interface StoredLookup {
  actors(ids: readonly string[]): Promise<ActorDocument[]>;
  reports(ids: readonly string[]): Promise<ReportDocument[]>;
  articles(ids: readonly string[]): Promise<ArticleDocument[]>;
  statements(ids: readonly string[]): Promise<StatementDocument[]>;
}

interface Reference {
  from: Located<unknown>;
  field: string;
  id: string;
}

/** Every reference of the run, with where it is written. */
function referencesOf(records: RecordSet) {
  const actors: Reference[] = [];
  const reports: Reference[] = [];
  const articles: Reference[] = [];
  const statements: Reference[] = [];
  for (const actor of records.actors.values()) {
    if (actor.record.affiliationId) actors.push({ from: actor, field: 'affiliationId', id: actor.record.affiliationId });
  }
  for (const report of records.reports.values()) {
    const { publisherId, sourceIds, relayIds } = report.record;
    if (publisherId) actors.push({ from: report, field: 'publisherId', id: publisherId });
    sourceIds.forEach((id, index) => actors.push({ from: report, field: `sourceIds[${index}]`, id }));
    relayIds.forEach((id, index) => reports.push({ from: report, field: `relayIds[${index}]`, id }));
  }
  for (const article of records.articles.values()) {
    if (article.record.publisherId) actors.push({ from: article, field: 'publisherId', id: article.record.publisherId });
  }
  for (const statement of records.statements.values()) {
    const { articleId, speakerIds, viaId, respondsToId } = statement.record;
    articles.push({ from: statement, field: 'articleId', id: articleId });
    speakerIds.forEach((id, index) => actors.push({ from: statement, field: `speakerIds[${index}]`, id }));
    if (viaId) reports.push({ from: statement, field: 'viaId', id: viaId });
    if (respondsToId) statements.push({ from: statement, field: 'respondsToId', id: respondsToId });
  }
  return { actors, reports, articles, statements };
}

/** Ids referenced but not defined in the run. */
function missingIds(references: Reference[], defined: Map<string, unknown>): string[] {
  return [...new Set(references.map((reference) => reference.id).filter((id) => !defined.has(id)))];
}

/** Follows `next` from each start; reports each cycle once, at the first record found on it. */
function findCycles(starts: Iterable<string>, next: (id: string) => readonly string[]): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const path: string[] = [];
  const visit = (id: string): void => {
    if (done.has(id)) return;
    const at = onPath.get(id);
    if (at !== undefined) {
      cycles.push([...path.slice(at), id]);
      return;
    }
    onPath.set(id, path.length);
    path.push(id);
    for (const following of next(id)) visit(following);
    path.pop();
    onPath.delete(id);
    done.add(id);
  };
  for (const start of starts) visit(start);
  return cycles;
}

/**
 * Checks what no single record can show: references resolve (in the run or in the store),
 * evidence spans match their article's body exactly, affiliation and relay chains have no cycles.
 */
export async function checkConsistency(records: RecordSet, stored: StoredLookup): Promise<Problem[]> {
  const problems: Problem[] = [];
  const references = referencesOf(records);
  const [storedActors, storedReports, storedArticles, storedStatements] = await Promise.all([
    stored.actors(missingIds(references.actors, records.actors)),
    stored.reports(missingIds(references.reports, records.reports)),
    stored.articles(missingIds(references.articles, records.articles)),
    stored.statements(missingIds(references.statements, records.statements)),
  ]);
  const known = {
    actors: new Set([...records.actors.keys(), ...storedActors.map((actor) => actor._id)]),
    reports: new Set([...records.reports.keys(), ...storedReports.map((report) => report._id)]),
    articles: new Set([...records.articles.keys(), ...storedArticles.map((article) => article._id)]),
    statements: new Set([...records.statements.keys(), ...storedStatements.map((statement) => statement._id)]),
  };
  for (const kind of ['actors', 'reports', 'articles', 'statements'] as const) {
    for (const reference of references[kind]) {
      if (!known[kind].has(reference.id)) {
        problems.push({ file: reference.from.file, path: `${reference.from.path}.${reference.field}`, message: `refers to "${reference.id}", which is neither in this run nor stored` });
      }
    }
  }

  const bodies = new Map<string, string>(storedArticles.map((article) => [article._id, article.body]));
  for (const [id, article] of records.articles) bodies.set(id, article.record.body);
  for (const statement of records.statements.values()) {
    const body = bodies.get(statement.record.articleId);
    if (body === undefined) continue;
    statement.record.evidence.forEach((span, index) => {
      const actual = body.slice(span.start, span.end);
      if (span.end > body.length) {
        problems.push({ file: statement.file, path: `${statement.path}.evidence[${index}].end`, message: `span ends at ${span.end}, past the end of the article body (${body.length} characters)` });
      } else if (actual !== span.text) {
        problems.push({ file: statement.file, path: `${statement.path}.evidence[${index}].text`, message: `span text does not match the article body at ${span.start}-${span.end}: expected ${JSON.stringify(actual)}, found ${JSON.stringify(span.text)}` });
      }
    });
  }

  const affiliationOf = new Map<string, string | null>(storedActors.map((actor) => [actor._id, actor.affiliationId]));
  for (const [id, actor] of records.actors) affiliationOf.set(id, actor.record.affiliationId ?? null);
  for (const cycle of findCycles(records.actors.keys(), (id) => {
    const next = affiliationOf.get(id);
    return next ? [next] : [];
  })) {
    const at = records.actors.get(cycle[0] as string);
    if (at) problems.push({ file: at.file, path: `${at.path}.affiliationId`, message: `affiliation cycle: ${cycle.join(' -> ')}` });
  }
  const relaysOf = new Map<string, readonly string[]>(storedReports.map((report) => [report._id, report.relayIds]));
  for (const [id, report] of records.reports) relaysOf.set(id, report.record.relayIds);
  for (const cycle of findCycles(records.reports.keys(), (id) => relaysOf.get(id) ?? [])) {
    const at = records.reports.get(cycle[0] as string);
    if (at) problems.push({ file: at.file, path: `${at.path}.relayIds`, message: `relay cycle: ${cycle.join(' -> ')}` });
  }
  return problems;
}
