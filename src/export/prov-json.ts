/**
 * The shape of a PROV-JSON document (W3C Member Submission, https://www.w3.org/submissions/prov-json/),
 * limited to the sections the attribution export writes.
 */

/** A typed literal: `{ "$": "prov:Person", "type": "xsd:QName" }`. */
export interface ProvTypedLiteral {
  readonly $: string;
  readonly type: string;
}

/** An attribute value: JSON strings, numbers and booleans stand for xsd:string, xsd:double/int and xsd:boolean. */
export type ProvValue = string | number | boolean | ProvTypedLiteral;

/** The attributes of one record; formal attributes (`prov:entity`, `prov:time`...) are strings. */
export type ProvAttributes = Readonly<Record<string, ProvValue | readonly ProvValue[]>>;

/** Records of one kind, keyed by their identifier (a qualified name, or `_:n` for an unnamed relation). */
export type ProvRecords = Readonly<Record<string, ProvAttributes>>;

/** The record kinds the export writes, in the order it writes them. */
export const PROV_SECTIONS = [
  'entity',
  'agent',
  'wasGeneratedBy',
  'wasAttributedTo',
  'wasDerivedFrom',
  'wasInfluencedBy',
  'actedOnBehalfOf',
  'hadMember',
] as const;

/** One of the record kinds the export writes. */
export type ProvSection = (typeof PROV_SECTIONS)[number];

/** The relation kinds among them (everything but the elements). */
export type ProvRelationSection = Exclude<ProvSection, 'entity' | 'agent'>;

/** A PROV-JSON document: the prefixes, then one object of records per kind. */
export type ProvJsonDocument = { readonly prefix: Readonly<Record<string, string>> } & { readonly [section in ProvSection]: ProvRecords };

/** A qualified name as an attribute value (`prov:type`, `agv:respondsTo`), typed as the submission says. */
export function qualifiedNameValue(name: string): ProvTypedLiteral {
  return { $: name, type: 'xsd:QName' };
}
