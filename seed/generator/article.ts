import type { ArticleRecord, DerivationRecord, ReportInput as ReportRecord, StatementInput as StatementRecord } from '../../src/ingest/bundle.schema';
import type { QuoteKindValue, StanceValue } from '../../src/vocabulary';
import type { ActorPool, PoolActor } from './actor-pool';
import { BodyWriter, type EvidenceSpan } from './body-writer';
import { articleTitle, asClaim, claimClause, filler, lede, pickTopic, type ArticleSetting } from './claims';
import { dayNumber, isoDateTime, isoDay, weekday } from './dates';
import { createRandom, weighted, type Random } from './random';
import { buildRelayChain, chainDepth } from './relay-chain';
import { statementSentence } from './statement-sentence';
import { capitalize, fill, slugify } from './text';
import { FIRST_NAMES, SURNAME_ENDS, SURNAME_STARTS, VENUES } from './words';

/** One generated article with the statements it reports and the reports they came through. */
export interface GeneratedArticle {
  article: ArticleRecord;
  statements: StatementRecord[];
  reports: ReportRecord[];
}

const FIRST_DAY = dayNumber('2020-01-01');
const LAST_DAY = dayNumber('2025-12-31');

const stance = weighted<StanceValue>([
  ['ASSERTS', 40],
  ['DENIES', 10],
  ['CONFIRMS', 8],
  ['HAS_NOT_CONFIRMED', 6],
  ['HAS_NOT_COMMENTED', 3],
  ['DECLINES_TO_COMMENT', 4],
  ['EXPRESSES_CONCERN', 8],
  ['DEFENDS', 6],
  ['CRITICIZES', 9],
  ['WARNS', 6],
]);
/** Replies lean towards rebuttal. */
const replyStance = weighted<StanceValue>([
  ['DENIES', 30],
  ['CRITICIZES', 20],
  ['DEFENDS', 15],
  ['CONFIRMS', 10],
  ['ASSERTS', 10],
  ['HAS_NOT_CONFIRMED', 8],
  ['DECLINES_TO_COMMENT', 7],
]);
const quoteKind = weighted<QuoteKindValue>([
  ['PARAPHRASE', 55],
  ['PARTIAL', 25],
  ['DIRECT', 20],
]);
const speakerCount = weighted<number>([
  [1, 85],
  [2, 12],
  [3, 3],
]);
const daysBefore = weighted<number>([
  [0, 35],
  [1, 35],
  [2, 20],
  [3, 10],
]);

/** One time the same speakers spoke: statements that share it share date, venue and via. */
interface Occasion {
  madeAt: string | undefined;
  when: string;
  venue: string | undefined;
  viaId: string | undefined;
  source: string;
  verb: string;
  /** The dispatch the occasion's claims came through, and what it passes on for them (their step there). */
  dispatch?: Dispatch;
  step?: DerivationRecord;
}

/** A news dispatch a statement reached the article through, which later occasions may reach it through too. */
interface Dispatch {
  report: ReportRecord;
  day: number;
  publisher: PoolActor;
  occasions: Occasion[];
}

/** How often a new occasion that comes through a dispatch comes through one already in the article. */
const SHARED_DISPATCH_CHANCE = 0.3;

/** Generates article number `number` (1-based) of the corpus seeded `seed`, from its own stream. */
export function generateArticle(pool: ActorPool, seed: number, number: number): GeneratedArticle {
  const random = createRandom(seed, 2, number);
  const articleId = `article/g-${number}`;
  const articleDay = random.int(FIRST_DAY, LAST_DAY);
  const publisher = random.pick(pool.agencies);
  const [home, away] = random.sample(pool.countries, 2);
  if (!home || !away) throw new Error('the actor pool needs at least two countries');
  const setting: ArticleSetting = {
    topic: pickTopic(random),
    country: { name: home.words.name, adjective: home.words.adjective, capital: home.words.capital },
    other: { name: away.words.name, adjective: away.words.adjective, capital: away.words.capital },
    places: [...home.places, ...away.places],
    body: random.pick(pool.bodies).record.name,
  };
  const cast = unique([
    ...Array.from({ length: random.int(2, 4) }, () => random.pickSkewed(home.speakers)),
    ...Array.from({ length: random.int(1, 3) }, () => random.pickSkewed(away.speakers)),
    ...Array.from({ length: random.int(0, 2) }, () => random.pickSkewed(pool.globalSpeakers)),
  ]);

  const writer = new BodyWriter();
  writer.sentence(lede(random, setting, weekday(articleDay)));
  writer.paragraph();
  const reports: ReportRecord[] = [];
  let reportSerial = 0;
  const nextReportId = () => `report/g-${number}-${(reportSerial += 1)}`;
  const occasions = new Map<string, Occasion>();

  const dispatches: Dispatch[] = [];

  const newOccasion = (speakers: readonly PoolActor[], clause: string): Occasion => {
    const madeDay = articleDay - daysBefore(random);
    const dated = random.chance(0.92);
    const madeAt = !dated ? undefined : random.chance(0.15) ? isoDateTime(madeDay, random.int(6 * 60, 22 * 60)) : isoDay(madeDay);
    const capital = pool.countries[speakers[0]?.country ?? -1]?.words.capital ?? setting.country.capital;
    const venue = random.chance(0.25) ? fill(random.pick(VENUES), { CAPITAL: capital, CAPITAL2: setting.other.capital, BODY: setting.body }) : undefined;
    const occasion: Occasion = { madeAt, when: dated ? ` on ${weekday(madeDay)}` : '', venue, viaId: undefined, source: '', verb: 'said' };
    if (!random.chance(0.5)) return occasion;
    const depth = chainDepth(random);
    const chainRequest = { speakers, madeDay, articleDay, subject: setting.topic.subject, clause, articlePublisher: publisher };
    // One dispatch often carries several claims that reached it differently: it cites the
    // speakers for this one, or relays what they published, and something else for another.
    const open = dispatches.filter((dispatch) => dispatch.day >= madeDay + depth);
    const shared = open.length > 0 && random.chance(SHARED_DISPATCH_CHANCE) ? random.pick(open) : undefined;
    if (shared) {
      const relayed = depth > 1 ? buildRelayChain(random, pool, { ...chainRequest, depth: depth - 1 }, nextReportId, reports) : undefined;
      occasion.viaId = shared.report.id;
      occasion.dispatch = shared;
      occasion.step = { reportId: shared.report.id, sourceIds: relayed ? [] : speakers.map((speaker) => speaker.record.id), relayIds: relayed ? [relayed.via.id] : [] };
      occasion.source = `, according to ${shared.publisher.mention}`;
      shared.occasions.push(occasion);
      return occasion;
    }
    const chain = buildRelayChain(random, pool, { ...chainRequest, depth }, nextReportId, reports);
    const { via } = chain;
    occasion.viaId = via.id;
    occasion.source = chain.relayedBy ? `, according to ${chain.relayedBy.mention}` : '';
    occasion.verb = chain.isPost ? 'wrote' : 'said';
    if (via.kind === 'NEWS_REPORT' && chain.relayedBy) {
      occasion.step = { reportId: via.id, sourceIds: [...(via.sourceIds ?? [])], relayIds: [...(via.relayIds ?? [])] };
      occasion.dispatch = { report: via, day: dayNumber(via.publishedAt as string), publisher: chain.relayedBy, occasions: [occasion] };
      dispatches.push(occasion.dispatch);
    }
    return occasion;
  };

  const statements: StatementRecord[] = [];
  const occasionOf = new Map<StatementRecord, Occasion>();
  const introduced = new Set<string>();
  const count = random.int(10, 40);
  for (let index = 0; index < count; index += 1) {
    if (random.chance(0.2)) writer.sentence(filler(random, setting, publisher.record.name));
    const speakers = random.sample(cast, speakerCount(random));
    const key = speakers.map((speaker) => speaker.record.id).join(' ');
    const clause = claimClause(random, setting);
    const reused = occasions.get(key);
    const occasion = reused && random.chance(0.45) ? reused : newOccasion(speakers, clause);
    occasions.set(key, occasion);

    const respondsTo = index > 0 && random.chance(0.21) ? pickEarlier(random, statements, speakers[0]) : undefined;
    const statementStance = respondsTo ? replyStance(random) : stance(random);
    const kind = statementStance === 'HAS_NOT_COMMENTED' ? 'PARAPHRASE' : quoteKind(random);
    const first = !introduced.has(key);
    introduced.add(key);
    const sentence = statementSentence(random, {
      stance: statementStance,
      quoteKind: kind,
      subject: subjectOf(speakers, first),
      clause,
      when: occasion.when,
      venue: occasion.venue ? ` ${occasion.venue === 'a televised address' ? 'in' : 'at'} ${occasion.venue}` : '',
      source: occasion.source,
      verb: occasion.verb,
      responding: respondsTo !== undefined && random.chance(0.5),
      ...(speakers[0]?.record.kind === 'SOCIAL_MEDIA_ACCOUNT' && random.chance(0.5) ? { quoteMark: ' 🚨' } : {}),
    });
    const evidence: EvidenceSpan[] = [writer.sentence(sentence.text)];
    let claim = asClaim(clause);
    // A few statements continue in a later sentence, so they carry two evidence spans.
    if (random.chance(0.06)) {
      if (random.chance(0.5)) writer.sentence(filler(random, setting, publisher.record.name));
      const more = claimClause(random, setting);
      evidence.push(writer.sentence(`${speakers.length > 1 ? 'They' : capitalize(shortName(speakers[0] as PoolActor))} added that ${more}.`));
      claim = `${capitalize(clause)}; ${more}.`;
    }
    const statement: StatementRecord = {
      id: `statement/g-${number}-${index + 1}`,
      articleId,
      claim,
      ...(sentence.quote ? { quote: sentence.quote } : {}),
      quoteKind: kind,
      speakerIds: speakers.map((speaker) => speaker.record.id),
      stance: statementStance,
      ...(occasion.viaId ? { viaId: occasion.viaId } : {}),
      ...(respondsTo ? { respondsToId: respondsTo.id } : {}),
      ...(occasion.madeAt ? { madeAt: occasion.madeAt } : {}),
      ...(occasion.venue ? { venue: occasion.venue } : {}),
      evidence,
    };
    statements.push(statement);
    occasionOf.set(statement, occasion);
    if (writer.paragraphLength >= random.int(2, 4)) writer.paragraph();
  }
  // A dispatch that carries the claims of several occasions gives each claim its own step, so
  // each follows its own path; the loader joins the steps into the dispatch's report-level links.
  for (const statement of statements) {
    const occasion = occasionOf.get(statement);
    if (occasion?.step && occasion.dispatch && occasion.dispatch.occasions.length > 1) statement.derivations = [occasion.step];
  }

  const article: ArticleRecord = {
    id: articleId,
    title: articleTitle(random, setting),
    publisherId: publisher.record.id,
    publishedAt: isoDay(articleDay),
    ...(random.chance(0.5) ? { url: `https://${slugify(publisher.record.name)}.example/${isoDay(articleDay).replaceAll('-', '/')}/g-${number}` } : {}),
    language: 'en',
    body: writer.text(),
    ...(random.chance(0.4) ? { credits: Array.from({ length: random.int(1, 2) }, () => reporterName(random)) } : {}),
  };
  return { article, statements, reports };
}

/** An earlier statement to answer, preferably someone else's. */
function pickEarlier(random: Random, earlier: readonly StatementRecord[], speaker: PoolActor | undefined): StatementRecord | undefined {
  const others = earlier.filter((statement) => !statement.speakerIds.includes(speaker?.record.id ?? ''));
  return random.pick(others.length > 0 ? others : earlier);
}

/** The speakers as the subject of a sentence; a person's first mention carries the role. */
function subjectOf(speakers: readonly PoolActor[], first: boolean): string {
  if (speakers.length === 1) {
    const speaker = speakers[0] as PoolActor;
    return first ? speaker.introduction : speaker.mention;
  }
  const names = speakers.map((speaker) => speaker.mention);
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** A named person's surname; anyone else's usual mention. */
function shortName(actor: PoolActor): string {
  return actor.record.kind === 'PERSON' && actor.record.named ? actor.record.name.slice(actor.record.name.indexOf(' ') + 1) : actor.mention;
}

function reporterName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAME_STARTS)}${random.pick(SURNAME_ENDS)}`;
}

function unique(actors: readonly PoolActor[]): PoolActor[] {
  return [...new Map(actors.map((actor) => [actor.record.id, actor])).values()];
}
