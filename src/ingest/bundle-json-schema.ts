import { z } from 'zod';

/**
 * The JSON Schema (draft-07) of a bundle schema, as a file is written (`io: 'input'`: fields with
 * a default are optional). The same text is committed for editors (`schema/seed-bundle.schema.json`)
 * and compiled by the fast validation path. A schema part JSON Schema cannot state (a transform)
 * throws here rather than being left out.
 */
export function bundleJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'throw' });
}
