import type { ActorDocument } from '../../src/actor/actor.model';
import type { ArticleDocument } from '../../src/article/article.model';
import type { ReportDocument } from '../../src/report/report.model';
import type { StatementDocument } from '../../src/statement/statement.model';
import type { Store } from '../../src/store/store';

/**
 * An article with `count` statements whose every branch of the tree query is populated and
 * distinct: each statement has its own speaker with a two-level affiliation chain, its own
 * via report (publisher, source, relay, relay of relay) and answers the statement before it.
 * No document is shared between statements, so a loader cache cannot hide a missing batch.
 */
export async function storeGeneratedArticle(store: Store, articleId: string, count: number): Promise<void> {
  const slug = articleId.slice('article/'.length);
  const actors: ActorDocument[] = [];
  const reports: ReportDocument[] = [];
  const statements: StatementDocument[] = [];
  const actor = (id: string, affiliationId: string | null): string => {
    actors.push({ _id: id, name: id, kind: 'PERSON', named: true, role: null, affiliationId, country: null, aliases: [], headcount: null });
    return id;
  };
  const report = (id: string, publisherId: string, sourceIds: string[], relayIds: string[]): string => {
    reports.push({ _id: id, kind: 'NEWS_REPORT', title: null, summary: null, publisherId, publishedAt: null, url: null, status: 'PUBLISHED', seenById: null, sourceIds, relayIds });
    return id;
  };
  const body = 'x'.repeat(count * 10);
  for (let index = 0; index < count; index += 1) {
    const key = `${slug}-${index}`;
    const speaker = actor(`actor/speaker-${key}`, actor(`actor/body-${key}`, actor(`actor/state-${key}`, null)));
    const origin = report(`report/origin-${key}`, actor(`actor/origin-publisher-${key}`, null), [], []);
    const relay = report(`report/relay-${key}`, actor(`actor/relay-publisher-${key}`, null), [], [origin]);
    const via = report(`report/via-${key}`, actor(`actor/via-publisher-${key}`, null), [actor(`actor/source-${key}`, null)], [relay]);
    statements.push({
      _id: `statement/${key}`,
      articleId,
      position: index * 10,
      claim: `claim ${index}`,
      quotes: [],
      quoteKind: 'PARAPHRASE',
      speakerIds: [speaker],
      stance: 'ASSERTS',
      viaId: via,
      derivations: [],
      respondsToId: index > 0 ? `statement/${slug}-${index - 1}` : null,
      respondsToReportId: null,
      madeAt: null,
      venue: null,
      evidence: [{ start: index * 10, end: index * 10 + 10, text: 'x'.repeat(10) }],
    });
  }
  const article: ArticleDocument = { _id: articleId, title: slug, publisherId: actor(`actor/publisher-${slug}`, null), publishedAt: null, url: null, language: 'en', body, credits: [] };
  await store.upsertMany('actors', actors);
  await store.upsertMany('reports', reports);
  await store.upsertMany('articles', [article]);
  await store.upsertMany('statements', statements);
}
