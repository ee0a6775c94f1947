/**
 * Ids are readable strings `<prefix>/<slug>` (for example `actor/robert-wood`), stable across
 * reloads so seeds are idempotent and links survive. The prefix names the collection.
 */

export const ID_PREFIXES = ['article', 'statement', 'actor', 'report'] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ID_MAX_LENGTH = 200;

/** Matches a well-formed id of the given kind. */
export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}/${SLUG}$`);
}

const PATTERNS: Record<IdPrefix, RegExp> = {
  article: idPattern('article'),
  statement: idPattern('statement'),
  actor: idPattern('actor'),
  report: idPattern('report'),
};

/** True when `id` is a well-formed id of the given kind. */
export function isIdOf(prefix: IdPrefix, id: string): boolean {
  return id.length <= ID_MAX_LENGTH && PATTERNS[prefix].test(id);
}

/** Human description of the expected form, for error messages. */
export function describeIdForm(prefix: IdPrefix): string {
  return `"${prefix}/<slug>" where slug is lowercase letters, digits and single hyphens (at most ${ID_MAX_LENGTH} characters)`;
}
