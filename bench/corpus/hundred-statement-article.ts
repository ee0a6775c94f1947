import type { ActorDocument } from '../../src/actor/actor.model';
import type { ReportDocument } from '../../src/report/report.model';
import type { StatementDocument } from '../../src/statement/statement.model';
import { EmbeddedStore } from '../../src/store/embedded/index';
import type { Store } from '../../src/store/store';

export const HUNDRED_ARTICLE_ID = 'article/bench-hundred';
/** The round-trip target is stated for articles of this many statements. */
export const HUNDRED = 100;

/**
 * An in-memory store holding one article of exactly 100 statements (the generator writes 10 to
 * 40 per article) and every actor and report its tree query reaches. The statements are those
 * of the corpus's first articles in id order, moved into one article, so speakers, affiliation
 * chains and relay chains are the corpus's own; `respondsTo` links stay within the selection.
 * Kept apart from the corpus stores so the corpus itself is never changed.
 */
export async function buildHundredStatementStore(source: Store): Promise<EmbeddedStore> {
  const articles = await source.find('articles', {}, { sort: { _id: 1 }, limit: 20 });
  const picked: StatementDocument[] = [];
  for (const article of articles) {
    if (picked.length >= HUNDRED) break;
    picked.push(...(await source.find('statements', { articleId: article._id }, { sort: { position: 1 } })));
  }
  if (picked.length < HUNDRED || !articles[0]) throw new Error(`The corpus's first articles hold ${picked.length} statements; ${HUNDRED} are needed`);
  const chosen = picked.slice(0, HUNDRED);
  const newId = new Map(chosen.map((statement, index) => [statement._id, `statement/bench-hundred-${index + 1}`]));
  const statements: StatementDocument[] = chosen.map((statement, index) => ({
    ...statement,
    _id: newId.get(statement._id) as string,
    articleId: HUNDRED_ARTICLE_ID,
    position: index,
    respondsToId: statement.respondsToId ? (newId.get(statement.respondsToId) ?? null) : null,
  }));

  // Every actor and report the statements reach, level by level.
  const actors = new Map<string, ActorDocument>();
  const reports = new Map<string, ReportDocument>();
  let actorIds = new Set(statements.flatMap((statement) => statement.speakerIds));
  let reportIds = new Set(statements.flatMap((statement) => (statement.viaId ? [statement.viaId] : [])));
  actorIds.add(articles[0].publisherId ?? '');
  actorIds.delete('');
  while (actorIds.size > 0 || reportIds.size > 0) {
    const nextActors = new Set<string>();
    const nextReports = new Set<string>();
    for (const report of await source.find('reports', { _id: { $in: [...reportIds] } })) {
      reports.set(report._id, report);
      for (const id of [report.publisherId, ...report.sourceIds]) if (id && !actors.has(id)) nextActors.add(id);
      for (const id of report.relayIds) if (!reports.has(id)) nextReports.add(id);
    }
    for (const actor of await source.find('actors', { _id: { $in: [...actorIds] } })) {
      actors.set(actor._id, actor);
      if (actor.affiliationId && !actors.has(actor.affiliationId)) nextActors.add(actor.affiliationId);
    }
    actorIds = new Set([...nextActors].filter((id) => !actors.has(id)));
    reportIds = new Set([...nextReports].filter((id) => !reports.has(id)));
  }

  const store = EmbeddedStore.temporary();
  await store.upsertMany('articles', [{ ...articles[0], _id: HUNDRED_ARTICLE_ID }]);
  await store.upsertMany('statements', statements);
  await store.upsertMany('actors', [...actors.values()]);
  await store.upsertMany('reports', [...reports.values()]);
  return store;
}
