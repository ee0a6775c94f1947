import type { PoolActor } from './actor-pool';
import type { Random } from './random';
import { capitalize, indefinite } from './text';
import type { CountryWords } from './words';

/** What a person is attached to, which decides the roles and descriptions that fit. */
export interface Affiliation {
  kind: 'delegation' | 'ministry' | 'government' | 'international' | 'organization' | 'outlet' | 'group' | 'none';
  actor: PoolActor | undefined;
  country: CountryWords | undefined;
  /** A place of the pool, for roles such as "resident of Karovo". */
  place: string;
}

/** A role and the article it takes after a name ("Mira Kostan, the foreign minister,"). */
export interface Role {
  text: string;
  /** `the` for one-of-a-kind posts; otherwise a/an follows the role's first word. */
  article?: 'the';
}

const the = (text: string): Role => ({ text, article: 'the' });
const some = (text: string): Role => ({ text });

/** "Foreign Ministry" -> "foreign minister"; undefined for bodies without a minister. */
function ministerOf(ministry: string): string | undefined {
  return ministry.endsWith(' Ministry') ? `${ministry.slice(0, -' Ministry'.length).toLowerCase()} minister` : undefined;
}

/**
 * A plausible role for a person with this affiliation. One-of-a-kind posts ("President of
 * Valdoria") go to one person each: `taken` records them, and an unnamed source never gets one.
 */
export function personRole(random: Random, affiliation: Affiliation, taken: Set<string> | 'shared-only'): Role {
  const open = roleChoices(affiliation).filter((role) => role.article !== 'the' || (taken !== 'shared-only' && !taken.has(role.text)));
  const role = open.length > 0 ? random.pick(open) : { text: `adviser to ${affiliation.actor?.mention ?? 'the government'}` };
  if (role.article === 'the' && taken !== 'shared-only') taken.add(role.text);
  return role;
}

/** Every role that fits the affiliation. */
function roleChoices(affiliation: Affiliation): Role[] {
  const name = affiliation.actor?.record.name ?? '';
  // Mid-sentence form, with "the" where the name takes one ("the Senn Herald", "Border Watch").
  const of = affiliation.actor?.mention ?? '';
  const adjective = affiliation.country?.adjective ?? '';
  switch (affiliation.kind) {
    case 'delegation':
      return [the(`${adjective} ambassador to the ${name.replace(/^.* delegation to the /, '')}`), some(`member of ${of}`), some(`deputy head of ${of}`)];
    case 'ministry': {
      const ministry = name.slice(adjective.length + 1);
      const minister = ministerOf(ministry);
      return [...(minister ? [the(`${adjective} ${minister}`), some(`${adjective} deputy ${minister}`)] : [the(`head of ${of}`)]), some(`spokesperson for ${of}`), some(`senior official at ${of}`)];
    }
    case 'government':
      return [the(`President of ${name}`), the(`Prime Minister of ${name}`), some(`${adjective} government spokesperson`), some(`deputy prime minister of ${name}`)];
    case 'international':
      return [some(`spokesperson for ${of}`), the(`head of ${of}`), some(`senior official at ${of}`), some(`special envoy of ${of}`)];
    case 'organization':
      return [the(`director of ${of}`), some(`researcher at ${of}`), some(`analyst at ${of}`)];
    case 'outlet':
      return [some(`correspondent for ${of}`), the(`editor of ${of}`)];
    case 'group':
      return [the(`leader of ${of}`), some(`spokesperson for ${of}`)];
    case 'none':
      return [
        some('independent analyst'),
        some('military analyst'),
        some(`resident of ${affiliation.place}`),
        some('eyewitness'),
        ...(adjective ? [some(`former ${adjective} diplomat`), some(`${adjective} opposition lawmaker`)] : []),
      ];
  }
}

/** The name stem (a serial number is appended) and mid-sentence mention of an unnamed person. */
export function unnamedPerson(affiliation: Affiliation): { name: string; mention: string } {
  const name = affiliation.actor?.record.name ?? '';
  const of = affiliation.actor?.mention ?? '';
  const adjective = affiliation.country?.adjective;
  const described = (description: string) => ({ name: capitalize(description), mention: `${indefinite(description)} ${description}` });
  switch (affiliation.kind) {
    case 'delegation':
      return described(`${adjective ?? 'foreign'} diplomat`);
    case 'ministry':
      return described(`${adjective ?? ''} ${name.slice((adjective ?? '').length + 1).toLowerCase()} official`.trim());
    case 'government':
      return described(`${adjective ?? ''} government source`.trim());
    case 'international':
      return described(`${name} official`);
    case 'organization':
      return { name: `${name} researcher`, mention: `a researcher at ${of}` };
    case 'outlet':
      return { name: `${name} journalist`, mention: `a journalist at ${of}` };
    case 'group':
      return { name: `${name} member`, mention: `a member of ${of}` };
    case 'none':
      return { name: `Resident of ${affiliation.place}`, mention: `a resident of ${affiliation.place}` };
  }
}
