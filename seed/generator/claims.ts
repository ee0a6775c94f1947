import type { Random } from './random';
import { capitalize, fill, withThousands } from './text';

/**
 * What articles are about. A clause is written so it reads both as a claim on its own
 * ("Valdoria has closed its border crossing at Karovo.") and after "said that", "denied that",
 * "declined to comment on whether", so the claim is a verbatim part of its evidence sentence.
 */
interface Topic {
  /** Noun phrase for titles and ledes ("grain exports"). */
  readonly subject: string;
  readonly clauses: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    subject: 'troop movements',
    clauses: [
      '{C} has deployed {N} troops near the border with {C2}',
      '{ADJ} forces have withdrawn from positions around {PLACE}',
      '{C2} is preparing a military offensive near {PLACE}',
      '{ADJ} soldiers are being trained in {C2}',
      'the {ADJ} army moved {SMALL} armoured brigades towards {PLACE} overnight',
    ],
  },
  {
    subject: 'grain exports',
    clauses: [
      '{C} will suspend grain exports to {C2} from next month',
      'grain shipments from {PLACE} fell by {P} percent last quarter',
      '{C2} has blocked {N} tonnes of {ADJ} wheat at the port of {PLACE}',
    ],
  },
  {
    subject: 'the ceasefire',
    clauses: [
      'the ceasefire around {PLACE} was violated {SMALL} times overnight',
      '{ADJ} negotiators have agreed to extend the truce by {D} days',
      '{ADJ2} units shelled {PLACE} despite the truce',
    ],
  },
  {
    subject: 'sanctions',
    clauses: [
      '{C} is preparing new sanctions against {ADJ2} banks',
      'sanctions have cut the oil revenue of {C2} by {P} percent',
      '{ADJ} companies have been helping {C2} evade sanctions through {PLACE}',
    ],
  },
  {
    subject: 'missile tests',
    clauses: [
      '{C} test-fired a ballistic missile from a site near {PLACE}',
      'debris from a missile fell {SMALL} kilometres from {PLACE}',
      '{C2} supplied the missile components used in the latest test',
    ],
  },
  {
    subject: 'vaccine deliveries',
    clauses: [
      'vaccine deliveries to {PLACE} have been delayed by {D} days',
      '{N} new cholera cases were recorded in {PLACE} last week',
      'the {BODY} will send {SMALL} medical teams to {PLACE}',
    ],
  },
  {
    subject: 'the election',
    clauses: [
      'the vote in {PLACE} was marred by fraud',
      '{SMALL} opposition candidates were barred from the ballot in {C}',
      'turnout in the {ADJ} election reached {P} percent',
    ],
  },
  {
    subject: 'the gas pipeline',
    clauses: [
      'the pipeline near {PLACE} was damaged by sabotage',
      '{C} will resume gas supplies to {C2} within {D} days',
      'repairs to the {PLACE} pipeline will cost {N} million dollars',
    ],
  },
  {
    subject: 'refugees',
    clauses: [
      '{N} people have fled {PLACE} since the start of the month',
      '{C} has closed its border crossing at {PLACE}',
      'the {BODY} has registered {N} refugees from {C2} this year',
    ],
  },
  {
    subject: 'cyberattacks',
    clauses: [
      'the cyberattack on {ADJ} banks was launched from {C2}',
      '{ADJ2} hackers stole data from the {ADJ} health ministry',
      'the outage at the {PLACE} power plant was caused by a cyberattack',
    ],
  },
  {
    subject: 'nuclear inspections',
    clauses: [
      '{BODY} inspectors were denied access to a site near {PLACE}',
      '{C} has enriched uranium beyond agreed limits',
      'the reactor near {PLACE} is operating safely',
    ],
  },
];

/** The words an article's clauses, titles and fillers are filled with. */
export interface ArticleSetting {
  readonly topic: Topic;
  readonly country: { name: string; adjective: string; capital: string };
  readonly other: { name: string; adjective: string; capital: string };
  readonly places: readonly string[];
  readonly body: string;
}

/** Picks an article's topic. */
export function pickTopic(random: Random): Topic {
  return random.pick(TOPICS);
}

/** A fresh claim clause for the article (sides swapped at random, numbers drawn). */
export function claimClause(random: Random, setting: ArticleSetting): string {
  const [first, second] = random.chance(0.5) ? [setting.country, setting.other] : [setting.other, setting.country];
  const magnitude = random.pick([100, 1000, 10000]);
  return fill(random.pick(setting.topic.clauses), {
    C: first.name,
    C2: second.name,
    ADJ: first.adjective,
    ADJ2: second.adjective,
    PLACE: random.pick(setting.places),
    BODY: setting.body,
    N: withThousands(random.int(1, 50) * magnitude),
    SMALL: String(random.int(2, 12)),
    P: String(random.int(3, 60)),
    D: String(random.int(2, 30)),
  });
}

/** A clause as a stand-alone claim: capitalised, with a full stop. */
export function asClaim(clause: string): string {
  return `${capitalize(clause)}.`;
}

const TITLES: readonly string[] = [
  '{C} and {C2} trade accusations over {SUBJECT}',
  '{C} rejects claims over {SUBJECT}',
  'Questions mount over {SUBJECT} near {PLACE}',
  '{C2} warns {C} over {SUBJECT}',
  '{BODY} voices concern over {SUBJECT}',
  'Conflicting accounts emerge on {SUBJECT} in {PLACE}',
];

/** A headline for the article. */
export function articleTitle(random: Random, setting: ArticleSetting): string {
  return capitalize(fill(random.pick(TITLES), wordsOf(random, setting)));
}

/** The article's opening sentence, which no statement claims. */
export function lede(random: Random, setting: ArticleSetting, weekday: string): string {
  return capitalize(
    fill(random.pick(['Officials in {CAPITAL} and {CAPITAL2} traded competing claims over {SUBJECT} on {DAY}.', 'Tension over {SUBJECT} between {C} and {C2} deepened on {DAY}.']), {
      ...wordsOf(random, setting),
      DAY: weekday,
    }),
  );
}

const FILLERS: readonly string[] = [
  '{AGENCY} could not independently verify the claims.',
  'Relations between {C} and {C2} have deteriorated sharply in recent months.',
  '{PLACE} lies about {SMALL}0 kilometres from the border.',
  'Talks between the two sides are due to resume next month.',
  'The dispute over {SUBJECT} has strained ties between {CAPITAL} and {CAPITAL2} for years.',
  'Satellite images of the area were not immediately available.',
  'The {BODY} has called on both sides to show restraint.',
];

/** A background sentence between statements, naming the article's publisher at times. */
export function filler(random: Random, setting: ArticleSetting, agency: string): string {
  return capitalize(fill(random.pick(FILLERS), { ...wordsOf(random, setting), AGENCY: agency }));
}

function wordsOf(random: Random, setting: ArticleSetting): Record<string, string> {
  return {
    C: setting.country.name,
    C2: setting.other.name,
    CAPITAL: setting.country.capital,
    CAPITAL2: setting.other.capital,
    SUBJECT: setting.topic.subject,
    PLACE: random.pick(setting.places),
    BODY: setting.body,
    SMALL: String(random.int(2, 12)),
  };
}
