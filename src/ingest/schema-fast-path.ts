import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import { bundleJsonSchema } from './bundle-json-schema';

/**
 * A fast path for validating records: the record's JSON Schema, generated from its zod schema
 * and compiled by ajv into plain code, then the record's cross-field rules. A large load validates
 * hundreds of thousands of records; zod's general machinery (contexts, payloads, issue lists)
 * costs several microseconds each, most of it for records that are fine.
 *
 * The compiled function answers with the value zod would produce (defaults applied) or REJECTED,
 * in which case the caller asks zod itself for the issues. It agrees with zod when the JSON
 * Schema states every rule of the zod schema but those given as `crossFieldRulesHold`, and zod
 * answers values as written. Compiling refuses what it can see breaks this: a `format` not given
 * in `formats` (ajv knows no other), a transform (zod's JSON Schema of the output throws). It
 * cannot see refinements (left out of JSON Schema: they must be the cross-field rules) nor
 * values zod rewrites without a transform (`.trim()`, `.catch()`, coercion), which the bundle
 * schema does not use. Strings are measured in code points (JSON Schema's rule) where zod counts
 * UTF-16 units: the two agree for a minimum length of 1, the only one the bundle uses.
 *
 * It is meant for JSON values (what JSON.parse returns), and fills defaults into the input
 * itself: the value answered is the input.
 */

export const REJECTED: unique symbol = Symbol('rejected');

export type FastPath<T> = (input: unknown) => T | typeof REJECTED;

/**
 * How to check each JSON Schema `format` as zod does: with the zod schema that defines it, or,
 * where zod writes its whole check beside the format as a `pattern`, by that pattern alone.
 */
export type Formats = Readonly<Record<string, z.ZodType<string> | 'pattern'>>;

/** One ajv instance per set of formats: making one (and compiling JSON Schema's meta-schema) takes tens of milliseconds. */
const AJV_BY_FORMATS = new WeakMap<Formats, Ajv>();

/** An ajv instance that checks `formats` as zod does and fills in defaults. */
function ajvFor(formats: Formats): Ajv {
  const made = AJV_BY_FORMATS.get(formats);
  if (made) return made;
  const ajv = new Ajv({
    useDefaults: true,
    // Patterns are compiled as zod compiles them, without the `u` flag.
    unicodeRegExp: false,
    // Keys like `constructor` are also found on the prototype: only own properties count.
    ownProperties: true,
  });
  for (const [name, format] of Object.entries(formats)) {
    ajv.addFormat(name, format === 'pattern' ? true : { type: 'string', validate: (value: string) => format.safeParse(value).success });
  }
  AJV_BY_FORMATS.set(formats, ajv);
  return ajv;
}

/** Throws unless every use of a format checked by its pattern has that pattern beside it. */
function assertPatternsBesideFormats(node: unknown, formats: Formats, at: string): void {
  if (typeof node !== 'object' || node === null) return;
  const { format, pattern } = node as { format?: unknown; pattern?: unknown };
  if (typeof format === 'string' && formats[format] === 'pattern' && typeof pattern !== 'string') {
    throw new Error(`The JSON Schema has format "${format}" without a pattern at ${at}: give the format a zod schema that checks it`);
  }
  for (const [key, child] of Object.entries(node)) assertPatternsBesideFormats(child, formats, `${at}/${key}`);
}

/** The fast path of a record schema: compile once, call per record. */
export function compileFastPath<T>(schema: z.ZodType<T>, options: { formats: Formats; crossFieldRulesHold: (record: T) => boolean }): FastPath<T> {
  // A transform makes zod answer another value than the input: its output has no JSON Schema.
  z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' });
  const jsonSchema = bundleJsonSchema(schema);
  assertPatternsBesideFormats(jsonSchema, options.formats, '#');
  const validate: ValidateFunction<T> = ajvFor(options.formats).compile<T>(jsonSchema);
  const { crossFieldRulesHold } = options;
  return (input) => (validate(input) && crossFieldRulesHold(input) ? input : REJECTED);
}
