import { z } from 'zod';

/**
 * A fast path for validating records with a zod schema, compiled from that schema's own
 * definition so there is still one definition of a valid record. A large load validates
 * hundreds of thousands of records; zod's general machinery (contexts, payloads, issue lists)
 * costs several microseconds each, most of it for records that are fine.
 *
 * The compiled function answers with the value zod would produce (defaults applied, unknown keys
 * refused) or REJECTED, in which case the caller asks zod itself for the issues. It handles the
 * kinds of schema the bundle uses (strict objects, strings with patterns and lengths, safe
 * integers with bounds, enums, booleans, arrays, optional and default fields, refinements) and
 * hands anything else to zod, so it can be slower than zod's answer but never different. It is
 * meant for JSON values (what JSON.parse returns): it does not distinguish a missing key from one
 * set to undefined, which JSON cannot express.
 */

export const REJECTED: unique symbol = Symbol('rejected');

export type FastPath<T> = (input: unknown) => T | typeof REJECTED;

type Parse = (input: unknown) => unknown;

interface CheckDefinition {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  fn?: (value: never) => unknown;
  when?: unknown;
}

interface SchemaDefinition {
  type: string;
  checks?: Array<{ _zod: { def: CheckDefinition } }>;
  format?: string;
  coerce?: boolean;
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  entries?: Record<string, unknown>;
  defaultValue?: unknown;
}

const definitionOf = (schema: z.core.$ZodType): SchemaDefinition => schema._zod.def as unknown as SchemaDefinition;

/** Asks zod itself: exact by construction, for the parts the fast path does not cover. */
function byZod(schema: z.core.$ZodType): Parse {
  return (input) => {
    const result = z.safeParse(schema, input);
    return result.success ? result.data : REJECTED;
  };
}

/** A test for one check of a string, number or array; undefined for a check not covered. */
function compileCheck(check: CheckDefinition, measure: (value: never) => number): ((value: never) => boolean) | undefined {
  switch (check.check) {
    case 'string_format': {
      const pattern = check.pattern;
      if (check.format !== 'regex' || !pattern) return undefined;
      return (value: string) => {
        pattern.lastIndex = 0;
        return pattern.test(value);
      };
    }
    case 'min_length': {
      const minimum = check.minimum as number;
      return (value) => measure(value) >= minimum;
    }
    case 'max_length': {
      const maximum = check.maximum as number;
      return (value) => measure(value) <= maximum;
    }
    case 'length_equals': {
      const length = check.length as number;
      return (value) => measure(value) === length;
    }
    case 'greater_than': {
      const bound = check.value as number;
      return check.inclusive ? (value: number) => value >= bound : (value: number) => value > bound;
    }
    case 'less_than': {
      const bound = check.value as number;
      return check.inclusive ? (value: number) => value <= bound : (value: number) => value < bound;
    }
    case 'custom': {
      // A refinement has `fn(value)`; checks written against zod's context (`.check`, `.superRefine`) do not.
      const fn = check.fn;
      if (typeof fn !== 'function') return undefined;
      return (value) => {
        const verdict = fn(value);
        if (verdict instanceof Promise) throw new Error('an asynchronous refinement cannot run on the fast path');
        return Boolean(verdict);
      };
    }
    default:
      return undefined;
  }
}

/** All checks of a schema as one test; undefined if any is not covered. */
function compileChecks(definition: SchemaDefinition, measure: (value: never) => number): ((value: never) => boolean) | undefined {
  const tests: Array<(value: never) => boolean> = [];
  for (const check of definition.checks ?? []) {
    const test = compileCheck(check._zod.def, measure);
    if (!test) return undefined;
    tests.push(test);
  }
  if (tests.length === 0) return () => true;
  return (value) => {
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

const lengthOf = (value: { length: number }) => value.length;
const itself = (value: number) => value;

function compileString(schema: z.core.$ZodType, definition: SchemaDefinition): Parse {
  const checks = definition.format === undefined && !definition.coerce ? compileChecks(definition, lengthOf) : undefined;
  if (!checks) return byZod(schema);
  return (input) => (typeof input === 'string' && checks(input as never) ? input : REJECTED);
}

function compileNumber(schema: z.core.$ZodType, definition: SchemaDefinition): Parse {
  const format = definition.format;
  const checks = (format === undefined || format === 'safeint') && !definition.coerce ? compileChecks(definition, itself) : undefined;
  if (!checks) return byZod(schema);
  const isNumber = format === 'safeint' ? Number.isSafeInteger : Number.isFinite;
  return (input) => (typeof input === 'number' && isNumber(input) && checks(input as never) ? input : REJECTED);
}

function compileArray(schema: z.core.$ZodType, definition: SchemaDefinition): Parse {
  const checks = compileChecks(definition, lengthOf);
  if (!checks) return byZod(schema);
  const element = compile(definition.element as z.core.$ZodType);
  return (input) => {
    if (!Array.isArray(input) || !checks(input as never)) return REJECTED;
    const output: unknown[] = [];
    for (const item of input) {
      const parsed = element(item);
      if (parsed === REJECTED) return REJECTED;
      output.push(parsed);
    }
    return output;
  };
}

/** How an object field treats absence: required, omitted when absent, or filled with a default. */
interface Field {
  key: string;
  parse: Parse;
  absent: 'required' | 'omitted' | 'defaulted';
  defaultOf: SchemaDefinition | undefined;
  /** Keys like `constructor` are also found on the prototype, so only own properties count. */
  inherited: boolean;
}

/** The field types whose presence rules the fast path knows; objects with others go to zod. */
const PLAIN_FIELD_TYPES = new Set(['string', 'number', 'boolean', 'enum', 'array', 'object']);

function compileField(key: string, schema: z.core.$ZodType): Field | undefined {
  const definition = definitionOf(schema);
  const inherited = key in Object.prototype;
  if (PLAIN_FIELD_TYPES.has(definition.type)) return { key, parse: compile(schema), absent: 'required', defaultOf: undefined, inherited };
  const inner = definition.innerType;
  if (!inner || !PLAIN_FIELD_TYPES.has(definitionOf(inner).type)) return undefined;
  if (definition.type === 'optional') return { key, parse: compile(inner), absent: 'omitted', defaultOf: undefined, inherited };
  if (definition.type === 'default') return { key, parse: compile(inner), absent: 'defaulted', defaultOf: definition, inherited };
  return undefined;
}

function compileObject(schema: z.core.$ZodType, definition: SchemaDefinition): Parse {
  const strict = definition.catchall !== undefined && definitionOf(definition.catchall).type === 'never';
  const fields = Object.entries(definition.shape ?? {}).map(([key, field]) => compileField(key, field));
  const checks = compileChecks(definition, lengthOf);
  // Only strict objects: stripping or passing unknown keys has rules of its own.
  if (!strict || !checks || fields.some((field) => field === undefined)) return byZod(schema);
  const known = fields as Field[];
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return REJECTED;
    const record = input as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    let present = 0;
    for (const field of known) {
      const value = field.inherited && !Object.hasOwn(record, field.key) ? undefined : record[field.key];
      if (value === undefined) {
        if (field.absent === 'required') return REJECTED;
        // A getter, as zod reads it: a fresh copy of the default each time.
        if (field.absent === 'defaulted') output[field.key] = (field.defaultOf as SchemaDefinition).defaultValue;
        continue;
      }
      present += 1;
      const parsed = field.parse(value);
      if (parsed === REJECTED) return REJECTED;
      output[field.key] = parsed;
    }
    // A strict object refuses any key it does not know.
    if (Object.keys(record).length !== present) return REJECTED;
    return checks(output as never) ? output : REJECTED;
  };
}

function compile(schema: z.core.$ZodType): Parse {
  const definition = definitionOf(schema);
  switch (definition.type) {
    case 'string':
      return compileString(schema, definition);
    case 'number':
      return compileNumber(schema, definition);
    case 'boolean':
      return (definition.checks ?? []).length === 0 ? (input) => (typeof input === 'boolean' ? input : REJECTED) : byZod(schema);
    case 'enum': {
      const values = new Set(Object.values(definition.entries ?? {}));
      return (definition.checks ?? []).length === 0 ? (input) => (values.has(input) ? input : REJECTED) : byZod(schema);
    }
    case 'array':
      return compileArray(schema, definition);
    case 'object':
      return compileObject(schema, definition);
    case 'unknown':
      return (definition.checks ?? []).length === 0 ? (input) => input : byZod(schema);
    default:
      return byZod(schema);
  }
}

/** The fast path of a schema: compile once, call per record. */
export function compileFastPath<T>(schema: z.ZodType<T>): FastPath<T> {
  return compile(schema) as FastPath<T>;
}
