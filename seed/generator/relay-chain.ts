import type { ReportInput as ReportRecord } from '../../src/ingest/bundle.schema';
import type { ReportKindValue } from '../../src/vocabulary';
import type { ActorPool, PoolActor } from './actor-pool';
import { isoDay } from './dates';
import { weighted, type Random } from './random';
import { capitalize, slugify } from './text';

/** What a chain is built for: one occasion on which the speakers said something. */
export interface ChainRequest {
  speakers: readonly PoolActor[];
  /** Reports in the chain, from the via report down to the original communication (1-4). */
  depth: number;
  /** Day number the speakers spoke on, and the article's day (no report is later). */
  madeDay: number;
  articleDay: number;
  /** Topic words for titles, and a clause for the original's summary. */
  subject: string;
  clause: string;
  /** The article's publisher: the via report is someone else's, as it is what the article cites. */
  articlePublisher: PoolActor;
}

/** The via report and its publisher (when it is not one of the speakers), and how it reads. */
export interface Chain {
  via: ReportRecord;
  relayedBy: PoolActor | undefined;
  /** The original is the speakers' own post. */
  isPost: boolean;
}

/** How deep a statement's relay chain goes: mostly direct, sometimes a long chain of relays. */
export const chainDepth = weighted<number>([
  [1, 35],
  [2, 35],
  [3, 20],
  [4, 10],
]);

const personChannel = weighted<ReportKindValue>([
  ['SPEECH', 25],
  ['INTERVIEW', 20],
  ['SOCIAL_MEDIA_POST', 15],
  ['BRIEFING', 20],
  ['OFFICIAL_STATEMENT', 10],
]);
const institutionChannel = weighted<ReportKindValue>([
  ['OFFICIAL_STATEMENT', 50],
  ['BRIEFING', 25],
  ['DOCUMENT', 25],
]);

/** The kind of the original communication, by who made it. */
function originKind(random: Random, speaker: PoolActor): ReportKindValue {
  switch (speaker.record.kind) {
    case 'SOCIAL_MEDIA_ACCOUNT':
      return 'SOCIAL_MEDIA_POST';
    case 'PERSON':
      return personChannel(random);
    case 'ORGANIZATION':
      return random.chance(0.6) ? 'DOCUMENT' : 'OFFICIAL_STATEMENT';
    case 'GROUP':
      return random.chance(0.6) ? 'OFFICIAL_STATEMENT' : 'SOCIAL_MEDIA_POST';
    case 'MEDIA_OUTLET':
    case 'NEWS_AGENCY':
      return 'NEWS_REPORT';
    default:
      return institutionChannel(random);
  }
}

const TITLE_FORMS: Record<ReportKindValue, string> = {
  NEWS_REPORT: '{P} report on {S}',
  SOCIAL_MEDIA_POST: 'Post by {P} on {S}',
  OFFICIAL_STATEMENT: 'Statement by {P} on {S}',
  BRIEFING: 'Briefing by {P} on {S}',
  SPEECH: 'Remarks by {P} on {S}',
  DOCUMENT: 'Report by {P} on {S}',
  INTERVIEW: 'Interview with {P} on {S}',
  OTHER: 'Communication on {S}',
};

/** How a title names an actor: its name, or its description when it is unnamed. */
function titleName(actor: PoolActor): string {
  return actor.record.named ? actor.record.name : actor.mention;
}

/** Where a report is found online: posts always; a named institution's releases at times. */
function reportUrl(random: Random, kind: ReportKindValue, publisher: PoolActor, slug: string): string | undefined {
  const { name, named } = publisher.record;
  if (kind === 'SOCIAL_MEDIA_POST') return `https://social.example/${named ? slugify(name) : slugify(publisher.record.id)}/status/${slug}`;
  return named && publisher.record.kind !== 'PERSON' && random.chance(0.4) ? `https://${slugify(name)}.example/${slug}` : undefined;
}

/**
 * Builds the chain of reports for one occasion, original first, relays after (each passes on
 * the one before), and appends them to `reports`. `nextId` numbers them within the article.
 */
export function buildRelayChain(random: Random, pool: ActorPool, request: ChainRequest, nextId: () => string, reports: ReportRecord[]): Chain {
  const speaker = request.speakers[0] as PoolActor;
  const sourceIds = request.speakers.map((actor) => actor.record.id);
  // Unnamed sources do not publish: what they say reaches the world in a journalist's report.
  const anonymous = speaker.record.kind === 'PERSON' && !speaker.record.named;
  const kind = anonymous ? 'NEWS_REPORT' : originKind(random, speaker);
  const interviewer = anonymous ? relayPublisher(random, pool, request.articlePublisher) : kind === 'INTERVIEW' ? random.pick(pool.outlets) : undefined;
  const report = (fields: { kind: ReportKindValue; publisher: PoolActor; about: PoolActor; day: number; sourceIds: string[]; relayIds: string[]; summary?: string }): ReportRecord => {
    const id = nextId();
    const slug = id.slice('report/'.length);
    const url = reportUrl(random, fields.kind, fields.publisher, slug);
    const record: ReportRecord = {
      id,
      kind: fields.kind,
      title: TITLE_FORMS[fields.kind].replace('{P}', titleName(fields.about)).replace('{S}', request.subject),
      ...(fields.summary ? { summary: fields.summary } : {}),
      publisherId: fields.publisher.record.id,
      publishedAt: isoDay(fields.day),
      ...(url ? { url } : {}),
      sourceIds: fields.sourceIds,
      relayIds: fields.relayIds,
    };
    reports.push(record);
    return record;
  };

  let day = request.madeDay;
  let top = report({
    kind,
    publisher: interviewer ?? speaker,
    about: anonymous && interviewer ? interviewer : speaker,
    day,
    sourceIds,
    relayIds: [],
    ...(random.chance(0.5) ? { summary: `${capitalize(speaker.mention)} says ${request.clause}.` } : {}),
  });
  let relayedBy: PoolActor | undefined = interviewer;
  for (let level = 2; level <= request.depth; level += 1) {
    day = Math.min(request.articleDay, day + random.int(0, 1));
    const isVia = level === request.depth;
    const byAccount = !isVia && random.chance(0.3);
    const publisher = byAccount ? random.pick(pool.accounts) : relayPublisher(random, pool, request.articlePublisher);
    const relayIds = [top.id];
    // Now and then a dispatch also passes on a second, independent post about the same events.
    if (!byAccount && random.chance(0.1)) {
      const account = random.pick(pool.accounts);
      relayIds.push(report({ kind: 'SOCIAL_MEDIA_POST', publisher: account, about: account, day, sourceIds: [account.record.id], relayIds: [] }).id);
    }
    top = report({
      kind: byAccount ? 'SOCIAL_MEDIA_POST' : 'NEWS_REPORT',
      publisher,
      about: publisher,
      day,
      sourceIds: random.chance(0.5) ? [speaker.record.id] : [],
      relayIds,
    });
    relayedBy = publisher;
  }
  return { via: top, relayedBy, isPost: kind === 'SOCIAL_MEDIA_POST' && request.depth === 1 };
}

/** A news agency or outlet other than the article's own publisher. */
function relayPublisher(random: Random, pool: ActorPool, articlePublisher: PoolActor): PoolActor {
  const candidates = random.chance(0.5) ? pool.agencies : pool.outlets;
  const chosen = random.pick(candidates);
  return chosen === articlePublisher ? random.pick(pool.outlets) : chosen;
}
