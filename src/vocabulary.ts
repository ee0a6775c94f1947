/**
 * The closed vocabularies of the domain. The GraphQL enums in `schema/` and the seed bundle
 * schema both follow these lists; a test keeps them in step.
 */

export const ACTOR_KINDS = [
  'PERSON',
  'ORGANIZATION',
  'GOVERNMENT',
  'GOVERNMENT_AGENCY',
  'DELEGATION',
  'MEDIA_OUTLET',
  'NEWS_AGENCY',
  'INTERNATIONAL_BODY',
  'SOCIAL_MEDIA_ACCOUNT',
  'GROUP',
  'COMPANY',
] as const;
export type ActorKindValue = (typeof ACTOR_KINDS)[number];

export const REPORT_KINDS = [
  'NEWS_REPORT',
  'SOCIAL_MEDIA_POST',
  'OFFICIAL_STATEMENT',
  'BRIEFING',
  'SPEECH',
  'DOCUMENT',
  'INTERVIEW',
  'OTHER',
] as const;
export type ReportKindValue = (typeof REPORT_KINDS)[number];

export const STANCES = [
  'ASSERTS',
  'DENIES',
  'CONFIRMS',
  'PARTIALLY_CONFIRMS',
  'HAS_NOT_CONFIRMED',
  'HAS_NOT_COMMENTED',
  'DECLINES_TO_COMMENT',
  'EXPRESSES_CONCERN',
  'DEFENDS',
  'CRITICIZES',
  'WARNS',
  'ESTIMATES',
  'PROJECTS',
] as const;
export type StanceValue = (typeof STANCES)[number];

/** Whether a report is still out: deleted and retracted reports were published first; an unpublished one was only seen. */
export const REPORT_STATUSES = ['PUBLISHED', 'DELETED', 'RETRACTED', 'UNPUBLISHED'] as const;
export type ReportStatusValue = (typeof REPORT_STATUSES)[number];

export const QUOTE_KINDS = ['DIRECT', 'PARTIAL', 'PARAPHRASE'] as const;
export type QuoteKindValue = (typeof QUOTE_KINDS)[number];
