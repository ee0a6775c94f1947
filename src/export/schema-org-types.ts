import type { ActorKindValue, ReportKindValue } from '../vocabulary';

/** The schema.org types the exports use for actors; all are Person or a kind of Organization. */
export type SchemaOrgAgentType = 'Person' | 'Organization' | 'GovernmentOrganization' | 'NewsMediaOrganization' | 'Corporation';

/** The schema.org types the exports use for reports; all are kinds of CreativeWork. */
export type SchemaOrgReportType = 'NewsArticle' | 'SocialMediaPosting' | 'CreativeWork';

/**
 * schema.org's `author` and `publisher` only take a Person or an Organization, so every kind that
 * is not a person is an Organization, as precise a subtype as schema.org has. A social media
 * account or a loose group ("allies of the United States") has no better fit; the exact kind
 * travels in PROV's `agv:kind`.
 */
const AGENT_TYPES: Readonly<Record<ActorKindValue, SchemaOrgAgentType>> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  GOVERNMENT: 'GovernmentOrganization',
  GOVERNMENT_AGENCY: 'GovernmentOrganization',
  DELEGATION: 'GovernmentOrganization',
  MEDIA_OUTLET: 'NewsMediaOrganization',
  NEWS_AGENCY: 'NewsMediaOrganization',
  INTERNATIONAL_BODY: 'Organization',
  SOCIAL_MEDIA_ACCOUNT: 'Organization',
  GROUP: 'Organization',
  COMPANY: 'Corporation',
};

/** Only news reports and posts have a specific schema.org type; speeches, briefings... are CreativeWorks. */
const REPORT_TYPES: Readonly<Record<ReportKindValue, SchemaOrgReportType>> = {
  NEWS_REPORT: 'NewsArticle',
  SOCIAL_MEDIA_POST: 'SocialMediaPosting',
  OFFICIAL_STATEMENT: 'CreativeWork',
  BRIEFING: 'CreativeWork',
  SPEECH: 'CreativeWork',
  DOCUMENT: 'CreativeWork',
  INTERVIEW: 'CreativeWork',
  OTHER: 'CreativeWork',
};

/** The schema.org type of an actor of this kind. */
export function schemaOrgTypeOfActor(kind: ActorKindValue): SchemaOrgAgentType {
  return AGENT_TYPES[kind];
}

/** The schema.org type of a report of this kind. */
export function schemaOrgTypeOfReport(kind: ReportKindValue): SchemaOrgReportType {
  return REPORT_TYPES[kind];
}

/** A report kind in words (`OFFICIAL_STATEMENT` -> `official statement`), for schema.org `genre`. */
export function reportKindInWords(kind: ReportKindValue): string {
  return kind.toLowerCase().replaceAll('_', ' ');
}
