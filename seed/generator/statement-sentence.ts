import type { QuoteKindValue, StanceValue } from '../../src/vocabulary';
import type { Random } from './random';
import { capitalize } from './text';

/** Everything the sentence of one statement is made of. */
export interface SentenceParts {
  stance: StanceValue;
  quoteKind: QuoteKindValue;
  /** Who speaks, as a mid-sentence subject ("the Valdorian Foreign Ministry"). */
  subject: string;
  clause: string;
  /** " on Tuesday", or "" when the statement has no date. */
  when: string;
  /** " at a news conference in Senn", or "". */
  venue: string;
  /** ", according to Meridian Press", or "" when the article does not say how it learned this. */
  source: string;
  /** "said", or "wrote" for a post. */
  verb: string;
  /** Opens with "In response, ". */
  responding: boolean;
  /** A character appended to a direct quote from a social-media post, e.g. an emoji. */
  quoteMark?: string;
}

/** The evidence sentence and, for DIRECT and PARTIAL statements, the verbatim words in it. */
export interface Sentence {
  text: string;
  quote?: string;
}

const PARTIAL_PHRASES: Record<StanceValue, readonly [string, readonly string[]]> = {
  ASSERTS: ['describing it as', ['beyond doubt', 'a matter of record', 'only the beginning']],
  DENIES: ['calling the claim', ['a groundless rumor', 'pure fabrication', 'a smear campaign', 'absurd']],
  CONFIRMS: ['calling the reports', ['accurate', 'broadly correct']],
  PARTIALLY_CONFIRMS: ['calling the reports', ['partly accurate', 'not the whole story']],
  HAS_NOT_CONFIRMED: ['saying the matter was', ['under review', 'still being verified']],
  HAS_NOT_COMMENTED: ['saying it had', ['nothing to add']],
  DECLINES_TO_COMMENT: ['citing', ['operational security', 'the ongoing investigation']],
  EXPRESSES_CONCERN: ['calling it', ['deeply troubling', 'a worrying development']],
  DEFENDS: ['calling it', ['necessary and proportionate', 'fully lawful']],
  CRITICIZES: ['calling it', ['reckless and irresponsible', 'a grave mistake']],
  WARNS: ['calling it', ['a dangerous escalation', 'a red line']],
  ESTIMATES: ['describing the figure as', ['a rough estimate', 'a conservative estimate']],
  PROJECTS: ['describing it as', ['the likely outcome', 'only a matter of time']],
};

/** The opening of a paraphrase up to the claim clause: "<Subject> denied on Tuesday that ". */
function lead(parts: SentenceParts): string {
  const { subject, when, venue, verb } = parts;
  const at = `${venue}${when}`;
  switch (parts.stance) {
    case 'ASSERTS':
      return `${subject} ${verb}${at} that `;
    case 'DENIES':
      return `${subject} denied${at} that `;
    case 'CONFIRMS':
      return `${subject} confirmed${at} that `;
    case 'PARTIALLY_CONFIRMS':
      return `${subject} confirmed${at} only in part that `;
    case 'HAS_NOT_CONFIRMED':
      return `${subject} could not confirm reports that `;
    case 'HAS_NOT_COMMENTED':
      return `there was no immediate comment from ${subject} on reports that `;
    case 'DECLINES_TO_COMMENT':
      return `${subject} declined${at} to comment on whether `;
    case 'EXPRESSES_CONCERN':
      return `${subject} expressed concern${at} that `;
    case 'DEFENDS':
      return `${subject} defended the decision${at}, saying `;
    case 'CRITICIZES':
      return `${subject} criticized the move${at}, saying `;
    case 'WARNS':
      return `${subject} warned${at} that `;
    case 'ESTIMATES':
      return `${subject} estimated${at} that `;
    case 'PROJECTS':
      return `${subject} projected${at} that `;
  }
}

/** Words a speaker says, in the first person, around the clause. */
function directQuote(stance: StanceValue, clause: string): string {
  switch (stance) {
    case 'ASSERTS':
    case 'HAS_NOT_COMMENTED':
      return capitalize(clause);
    case 'DENIES':
      return `It is simply not true that ${clause}`;
    case 'CONFIRMS':
      return `I can confirm that ${clause}`;
    case 'PARTIALLY_CONFIRMS':
      return `I can confirm some of it: ${clause}`;
    case 'HAS_NOT_CONFIRMED':
      return `We cannot confirm at this stage that ${clause}`;
    case 'DECLINES_TO_COMMENT':
      return `We will not comment on whether ${clause}`;
    case 'EXPRESSES_CONCERN':
      return `We are deeply concerned that ${clause}`;
    case 'DEFENDS':
      return `We stand by our decision. ${capitalize(clause)}`;
    case 'CRITICIZES':
      return `It is unacceptable that ${clause}`;
    case 'WARNS':
      return `We warn everyone that ${clause}`;
    case 'ESTIMATES':
      return `Our best estimate is that ${clause}`;
    case 'PROJECTS':
      return `We expect that ${clause}`;
  }
}

/** Writes the sentence that is a statement's evidence; the claim clause appears in it verbatim. */
export function statementSentence(random: Random, parts: SentenceParts): Sentence {
  const opening = parts.responding && parts.stance !== 'HAS_NOT_COMMENTED' ? 'In response, ' : '';
  if (parts.quoteKind === 'DIRECT') {
    const quote = `${directQuote(parts.stance, parts.clause)}${parts.quoteMark ?? ''}`;
    return { text: `${opening}“${quote},” ${parts.subject} ${parts.verb}${parts.venue}${parts.when}${parts.source}.`, quote };
  }
  const start = opening + lead(parts);
  const text = opening ? start : capitalize(start);
  if (parts.quoteKind === 'PARTIAL') {
    const [introduction, phrases] = PARTIAL_PHRASES[parts.stance];
    const quote = random.pick(phrases);
    return { text: `${text}${parts.clause}, ${introduction} “${quote}”${parts.source}.`, quote };
  }
  return { text: `${text}${parts.clause}${parts.source}.` };
}
