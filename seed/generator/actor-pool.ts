import type { ActorRecord } from '../../src/ingest/bundle.schema';
import type { ActorKindValue } from '../../src/vocabulary';
import { createRandom, weighted, type Random } from './random';
import { personRole, unnamedPerson, type Affiliation } from './roles';
import { capitalize, fill, indefinite } from './text';
import {
  ACCOUNT_WORDS,
  COUNTRIES,
  FIRST_NAMES,
  GROUP_FORMS,
  INTERNATIONAL_BODIES,
  MINISTRIES,
  NEWS_AGENCIES,
  ORGANIZATION_FORMS,
  ORGANIZATION_SUBJECTS,
  OUTLET_SUFFIXES,
  PLACE_ENDS,
  PLACE_STARTS,
  SURNAME_ENDS,
  SURNAME_STARTS,
  type CountryWords,
} from './words';

/** An actor of the pool with what the prose needs to name it; only `record` is written out. */
export interface PoolActor {
  readonly record: ActorRecord;
  /** How the body names it mid-sentence ("the Valdorian Foreign Ministry"); never ends in a comma. */
  readonly mention: string;
  /** A fuller first mention ("Mira Kostan, the Valdorian foreign minister,"), used as a subject. */
  readonly introduction: string;
  /** Actors on its affiliation chain, itself included (1 when it has no affiliation). */
  readonly depth: number;
  /** Index into `ActorPool.countries`, when it belongs to one. */
  readonly country: number | undefined;
}

/** A country of the pool: its words, government, places and the actors who speak for it. */
export interface PoolCountry {
  readonly words: CountryWords;
  readonly government: PoolActor;
  readonly places: readonly string[];
  readonly speakers: readonly PoolActor[];
}

/** The shared actors of a corpus, grouped the ways articles and relay chains pick them. */
export interface ActorPool {
  readonly actors: readonly PoolActor[];
  readonly countries: readonly PoolCountry[];
  /** International bodies (top level), for venues and claims. */
  readonly bodies: readonly PoolActor[];
  /** Speakers tied to no country: international officials, monitors, anonymous accounts. */
  readonly globalSpeakers: readonly PoolActor[];
  /** News agencies: article publishers and relays. */
  readonly agencies: readonly PoolActor[];
  /** Newspapers, broadcasters and state media: relays and interviewers. */
  readonly outlets: readonly PoolActor[];
  /** Social-media accounts that repost. */
  readonly accounts: readonly PoolActor[];
}

/** The pool size for a corpus of `articles` articles: grows with the corpus so actors recur. */
export function actorPoolSize(articles: number): number {
  return Math.max(200, Math.ceil(articles / 5));
}

const personAffiliation = weighted<Affiliation['kind']>([
  ['delegation', 15],
  ['ministry', 30],
  ['government', 12],
  ['international', 10],
  ['organization', 8],
  ['outlet', 7],
  ['group', 5],
  ['none', 13],
]);

/** Roughly 15% of all actors end up unnamed; persons carry most of that. */
const UNNAMED_PERSON_SHARE = 0.16;

/** Builds the pool of `size` actors (at least 200) from `seed`, ids `actor/g-1` upward. */
export function buildActorPool(seed: number, size: number): ActorPool {
  const random = createRandom(seed, 1);
  const actors: PoolActor[] = [];
  let unnamedSerial = 0;
  const takenRoles = new Set<string>();

  const add = (
    fields: { name: string; kind: ActorKindValue; named?: boolean; role?: string; affiliation?: PoolActor; country?: number; aliases?: string[] },
    mention: string,
    introduction = mention,
  ): PoolActor => {
    const code = fields.country === undefined ? undefined : COUNTRIES[fields.country]?.code;
    const record: ActorRecord = {
      id: `actor/g-${actors.length + 1}`,
      name: fields.name,
      kind: fields.kind,
      named: fields.named ?? true,
      ...(fields.role ? { role: fields.role } : {}),
      ...(fields.affiliation ? { affiliationId: fields.affiliation.record.id } : {}),
      ...(code ? { country: code } : {}),
      ...(fields.aliases && fields.aliases.length > 0 ? { aliases: fields.aliases } : {}),
    };
    const actor: PoolActor = { record, mention, introduction, depth: (fields.affiliation?.depth ?? 0) + 1, country: fields.country };
    actors.push(actor);
    return actor;
  };

  const large = size >= 1000;
  const countryCount = Math.min(COUNTRIES.length, Math.max(5, Math.round(size / 35)));
  const countryWords = COUNTRIES.slice(0, countryCount);
  const ministriesPerCountry = Math.min(MINISTRIES.length, Math.max(3, Math.round((size * 0.12) / countryCount)));

  // Roots first, then what hangs from them, so every affiliation points at an earlier id and
  // chains cannot loop; depth is bounded by construction (person -> delegation -> ministry -> government).
  const governments = countryWords.map((words, index) =>
    add({ name: words.name, kind: 'GOVERNMENT', country: index, aliases: [words.capital, `${words.adjective} government`] }, words.name, `the ${words.adjective} government`),
  );
  const bodyWords = INTERNATIONAL_BODIES.slice(0, size < 400 ? 3 : INTERNATIONAL_BODIES.length);
  const bodies = bodyWords.map((body) => add({ name: body.name, kind: 'INTERNATIONAL_BODY', aliases: [body.short] }, `the ${body.name}`));
  const subBodies = bodyWords.flatMap((body, index) =>
    body.subBodies.slice(0, large ? body.subBodies.length : 1).map((name) => add({ name, kind: 'INTERNATIONAL_BODY', affiliation: bodies[index] }, `the ${name}`)),
  );
  const agencies = NEWS_AGENCIES.slice(0, size < 400 ? 4 : NEWS_AGENCIES.length).map((agency) =>
    add({ name: agency.name, kind: 'NEWS_AGENCY', country: agency.country % countryCount, aliases: [agency.alias] }, agency.name),
  );

  const places = countryWords.map((words) => [words.capital, ...Array.from({ length: 4 }, () => placeName(random))]);
  const outlets: PoolActor[] = [];
  for (let index = 0; index < Math.max(3, Math.round(size * 0.03)); index += 1) {
    const country = random.int(0, countryCount - 1);
    const name = `${random.pick(places[country] ?? [])} ${random.pick(OUTLET_SUFFIXES)}`;
    outlets.push(add({ name, kind: 'MEDIA_OUTLET', country }, `the ${name}`));
  }
  const organizations = Array.from({ length: Math.max(3, Math.round(size * 0.025)) }, (_, index) => {
    const form = random.pick(ORGANIZATION_FORMS);
    const subject = index < 40 ? random.pick(ORGANIZATION_SUBJECTS) : `${random.pick(random.pick(places))} ${random.pick(ORGANIZATION_SUBJECTS)}`;
    const name = fill(form, { X: subject });
    const country = random.chance(0.6) ? random.int(0, countryCount - 1) : undefined;
    return add({ name, kind: 'ORGANIZATION', ...(country === undefined ? {} : { country }) }, /^(Center|.* (Monitor|Network|Institute))/.test(name) ? `the ${name}` : name);
  });
  const groups = Array.from({ length: Math.max(3, Math.round(size * 0.02)) }, (_, index) => {
    const country = random.int(0, countryCount - 1);
    const words = countryWords[country] as CountryWords;
    if (index % 4 === 0) return add({ name: `Allies of ${words.name}`, kind: 'GROUP', named: false }, `allies of ${words.name}`);
    const name = fill(random.pick(GROUP_FORMS), { A: words.adjective, P: random.pick(places[country] ?? []) });
    return add({ name: capitalize(name), kind: 'GROUP', country }, `the ${name}`);
  });

  const ministries = governments.map((government, country) => {
    const words = countryWords[country] as CountryWords;
    return MINISTRIES.slice(0, ministriesPerCountry).map((ministry) =>
      add(
        { name: `${words.adjective} ${ministry}`, kind: 'GOVERNMENT_AGENCY', affiliation: government, country, aliases: [`${words.name}'s ${ministry.toLowerCase()}`] },
        `the ${words.adjective} ${ministry}`,
      ),
    );
  });
  const stateMedia = governments.map((government, country) => {
    const name = `${countryWords[country]?.adjective ?? ''} state media`;
    return add({ name, kind: 'MEDIA_OUTLET', named: false, affiliation: government, country }, name);
  });
  const delegations = ministries.map((own, country) => {
    const words = countryWords[country] as CountryWords;
    return bodies.slice(0, large ? 2 : 1).map((body) => {
      const name = `${words.adjective} delegation to the ${body.record.name}`;
      return add({ name, kind: 'DELEGATION', affiliation: own[0], country, aliases: [`${words.name}'s delegation`] }, `the ${name}`);
    });
  });

  const accounts: PoolActor[] = [];
  ministries.forEach((own, country) => {
    const handle = `@${countryWords[country]?.name ?? ''}MFA`;
    accounts.push(add({ name: handle, kind: 'SOCIAL_MEDIA_ACCOUNT', affiliation: own[0], country }, `the ${handle} account`));
  });
  for (let index = 0; index < Math.max(2, Math.round(size * 0.02)); index += 1) {
    const handle = `@${random.pick(ACCOUNT_WORDS)}_${random.pick(ACCOUNT_WORDS)}${random.int(1, 99)}`;
    accounts.push(add({ name: handle, kind: 'SOCIAL_MEDIA_ACCOUNT' }, `the ${handle} account`));
  }
  for (let index = 0; index < Math.max(2, Math.round(size * 0.015)); index += 1) {
    const adjective = random.pick(countryWords).adjective;
    unnamedSerial += 1;
    accounts.push(
      add({ name: `Pro-${adjective} social media account ${unnamedSerial}`, kind: 'SOCIAL_MEDIA_ACCOUNT', named: false }, `a pro-${adjective} social media account`),
    );
  }

  const affiliationTargets: Record<Affiliation['kind'], readonly PoolActor[]> = {
    delegation: delegations.flat(),
    ministry: ministries.flat(),
    government: governments,
    international: [...bodies, ...subBodies],
    organization: organizations,
    outlet: outlets,
    group: groups.filter((group) => group.record.named),
    none: [],
  };
  while (actors.length < size) {
    const kind = personAffiliation(random);
    const target = kind === 'none' ? undefined : random.pick(affiliationTargets[kind]);
    const country = target ? target.country : random.chance(0.8) ? random.int(0, countryCount - 1) : undefined;
    const affiliation: Affiliation = { kind, actor: target, country: country === undefined ? undefined : countryWords[country], place: random.pick(country === undefined ? random.pick(places) : (places[country] ?? [])) };
    const optional = { ...(target ? { affiliation: target } : {}), ...(country === undefined ? {} : { country }) };
    if (random.chance(UNNAMED_PERSON_SHARE)) {
      unnamedSerial += 1;
      const unnamed = unnamedPerson(affiliation);
      const role = random.chance(0.4) ? personRole(random, affiliation, 'shared-only').text : undefined;
      add({ name: `${unnamed.name} ${unnamedSerial}`, kind: 'PERSON', named: false, ...(role ? { role } : {}), ...optional }, unnamed.mention);
      continue;
    }
    const surname = `${random.pick(SURNAME_STARTS)}${random.pick(SURNAME_ENDS)}`;
    const name = `${random.pick(FIRST_NAMES)} ${surname}`;
    const role = personRole(random, affiliation, takenRoles);
    add(
      { name, kind: 'PERSON', role: role.text, ...optional, ...(random.chance(0.3) ? { aliases: [surname] } : {}) },
      name,
      `${name}, ${role.article ?? indefinite(role.text)} ${role.text},`,
    );
  }

  const countries: PoolCountry[] = countryWords.map((words, index) => ({
    words,
    government: governments[index] as PoolActor,
    places: places[index] ?? [],
    speakers: shuffled(
      random,
      actors.filter((actor) => actor.country === index && actor.record.kind !== 'NEWS_AGENCY' && actor.record.kind !== 'MEDIA_OUTLET'),
    ),
  }));
  const globalSpeakers = shuffled(
    random,
    actors.filter((actor) => actor.country === undefined && actor.record.kind !== 'NEWS_AGENCY'),
  );
  return { actors, countries, bodies, globalSpeakers, agencies, outlets: [...outlets, ...stateMedia], accounts: accounts.filter((account) => account.record.affiliationId === undefined) };
}

/** A made-up town name ("Kar" + "ovo"). */
function placeName(random: Random): string {
  return `${random.pick(PLACE_STARTS)}${random.pick(PLACE_ENDS)}`;
}

/** A deterministic Fisher-Yates shuffle, so popularity (the front of a list) is not pool order. */
function shuffled<T>(random: Random, items: T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
