/** JSON-LD values as the schema.org export writes them: nodes, literals and lists of them. */
export type JsonLdValue = string | number | boolean | JsonLdNode | readonly JsonLdValue[];

/** A JSON-LD node object: `@id`, `@type` and properties. */
export interface JsonLdNode {
  readonly [property: string]: JsonLdValue;
}

/** A node built from entries, leaving out absent values and empty lists (JSON-LD has no null facts). */
export function jsonLdNode(entries: Readonly<Record<string, JsonLdValue | null | undefined>>): JsonLdNode {
  const node: Record<string, JsonLdValue> = {};
  for (const [property, value] of Object.entries(entries)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    node[property] = value;
  }
  return node;
}
