import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ActorRecord, ArticleRecord, ReportRecord, StatementRecord } from '../src/ingest/bundle.schema';
import { compileFastPath, REJECTED } from '../src/ingest/schema-fast-path';
import { ACTOR_KINDS, QUOTE_KINDS, REPORT_KINDS, REPORT_STATUSES, STANCES } from '../src/vocabulary';
import { generateCorpus } from '../seed/generator/corpus';
import { seedBundle } from './support/bundles';

const SCHEMAS: Record<'actors' | 'reports' | 'articles' | 'statements', z.ZodObject> = { actors: ActorRecord, reports: ReportRecord, articles: ArticleRecord, statements: StatementRecord };
type Collection = keyof typeof SCHEMAS;
const COLLECTIONS = Object.keys(SCHEMAS) as Collection[];

/** What zod answers: the parsed value, or REJECTED. */
function zodAnswer(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  return result.success ? result.data : REJECTED;
}

/** Values that exercise every kind of check the bundle schema has, valid and not. */
const PROBES: unknown[] = [
  null, true, false, 0, -1, 1, 1.5, 2 ** 53, '', ' ', '\n\t', 'x', 'KR', 'kr', 'en', 'en-GB', 'e', 'english',
  'actor/x', 'report/x', 'article/x', 'statement/x', 'actor/a-b-2', 'actor/A', 'actor/a--b', 'actor/-a', 'actor/', 'actors/x',
  '2024-10-21', '2024-10-21T18:00:00Z', '2024-10-21T18:00Z', '2024-10-21T18:00:00.123+09:00', '2024-10-21T18:00:00', '2024-13-45', '2024-02-30', '21/10/2024',
  'https://example.org/a?b=c', 'ftp://example.org', 'not a url', 'http://',
  ...ACTOR_KINDS, ...REPORT_KINDS, ...QUOTE_KINDS, ...STANCES, ...REPORT_STATUSES, 'NOPE', 2, 3,
  [{ reportId: 'report/x' }], [{ reportId: 'report/x', sourceIds: ['actor/x'], relayIds: ['report/y'] }], [{ reportId: 'report/x' }, { reportId: 'report/x' }],
  [{ reportId: 'actor/x' }], [{ reportId: 'report/x', extra: 1 }], [{ sourceIds: [] }],
  [], [''], [' '], ['x'], ['actor/x'], ['report/x', 'report/y'], [1], [null], {}, [{}],
  [{ start: 0, end: 1, text: 'a' }], [{ start: 1, end: 1, text: 'a' }], [{ start: -1, end: 1, text: 'a' }], [{ start: 0.5, end: 1, text: 'a' }],
  [{ start: 0, end: 1, text: '' }], [{ start: 0, end: 1 }], [{ start: 0, end: 1, text: 'a', extra: 1 }], [{ start: 0, end: 2 ** 53, text: 'a' }],
];

/** Records the generator and the seed produce: every shape a valid record takes. */
function validRecords(): Array<{ collection: Collection; record: Record<string, unknown> }> {
  const port = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'port-cyberattack.json'), 'utf8')) as ReturnType<typeof seedBundle>;
  const bundles = [seedBundle(), port, ...[...generateCorpus({ articles: 3, seed: 7, perFile: 3 })].map(({ bundle }) => bundle)];
  return bundles.flatMap((bundle) => COLLECTIONS.flatMap((collection) => (bundle[collection] as unknown as Array<Record<string, unknown>>).map((record) => ({ collection, record }))));
}

/** One record of each collection that has the most fields, to vary field by field. */
function richestRecords(): Array<{ collection: Collection; record: Record<string, unknown> }> {
  const records = validRecords();
  return COLLECTIONS.map((collection) => records.filter((entry) => entry.collection === collection).reduce((richest, entry) => (Object.keys(entry.record).length > Object.keys(richest.record).length ? entry : richest)));
}

describe('the fast validation path', () => {
  it('accepts every valid record exactly as zod parses it', () => {
    const records = validRecords();
    expect(records.length).toBeGreaterThan(100);
    for (const { collection, record } of records) {
      const fast = compileFastPath(SCHEMAS[collection]);
      const answer = zodAnswer(SCHEMAS[collection], record);
      expect(answer).not.toBe(REJECTED);
      expect(fast(record)).toStrictEqual(answer);
    }
  });

  it('agrees with zod on every field removed, replaced by each probe value, or added', () => {
    let disagreements = 0;
    let compared = 0;
    let rejected = 0;
    for (const { collection, record } of richestRecords()) {
      const schema = SCHEMAS[collection];
      const fast = compileFastPath(schema);
      const fields = new Set([...Object.keys(record), ...Object.keys(schema.shape), 'extra', 'constructor', '__proto__']);
      const variants: unknown[] = [null, [], 'x', 1, { ...record, extra: 1 }];
      for (const field of fields) {
        const { [field]: _removed, ...without } = record;
        variants.push(without);
        for (const probe of PROBES) {
          // An own property even for `__proto__`, as JSON.parse makes it.
          const replaced = structuredClone(record);
          Object.defineProperty(replaced, field, { value: probe, enumerable: true, writable: true, configurable: true });
          variants.push(replaced);
        }
      }
      for (const variant of variants) {
        const expected = zodAnswer(schema, variant);
        compared += 1;
        if (expected === REJECTED) rejected += 1;
        try {
          expect(fast(variant)).toStrictEqual(expected);
        } catch (error) {
          disagreements += 1;
          if (disagreements <= 3) throw new Error(`${collection}: ${JSON.stringify(variant)}\n${(error as Error).message}`);
        }
      }
    }
    expect(disagreements).toBe(0);
    // The probes exercise both answers, not just one.
    expect(rejected).toBeGreaterThan(1000);
    expect(compared - rejected).toBeGreaterThan(100);
  });

  it('hands the kinds of schema it does not cover to zod, with the same answers', () => {
    const schema = z.object({
      email: z.email(),
      trimmed: z.string().trim().min(1),
      loose: z.object({ a: z.number().multipleOf(2) }),
      choice: z.union([z.literal('a'), z.number()]),
      later: z.string().catch('fallback'),
    });
    const fast = compileFastPath(schema);
    const inputs = [
      { email: 'a@example.org', trimmed: '  x  ', loose: { a: 4, b: 1 }, choice: 'a', later: 1 },
      { email: 'nope', trimmed: 'x', loose: { a: 4 }, choice: 3 },
      { email: 'a@example.org', trimmed: '   ', loose: { a: 3 }, choice: 'b' },
      { email: 'a@example.org', trimmed: 'x', loose: { a: 2 }, choice: 1, extra: true },
    ];
    expect(inputs.map((input) => schema.safeParse(input).success)).toEqual([true, false, false, true]);
    for (const input of inputs) expect(fast(input)).toStrictEqual(zodAnswer(schema, input));
    // Inside a strict object, which the fast path compiles, handing only those fields to zod.
    const strict = schema.omit({ later: true }).strict();
    const fastStrict = compileFastPath(strict);
    const strictInputs = inputs.map(({ later: _later, ...input }) => input);
    expect(strictInputs.map((input) => strict.safeParse(input).success)).toEqual([true, false, false, false]);
    for (const input of strictInputs) expect(fastStrict(input)).toStrictEqual(zodAnswer(strict, input));
  });

  it('asks zod about checks written against its context, which take no plain value', () => {
    const schema = z.strictObject({
      checked: z.string().check((context) => {
        if (context.value.length < 2) context.issues.push({ code: 'custom', message: 'too short', input: context.value });
      }),
      superRefined: z.string().superRefine((value, context) => {
        if (value.startsWith('-')) context.addIssue({ code: 'custom', message: 'no leading hyphen' });
      }),
    });
    const fast = compileFastPath(schema);
    const inputs = [
      { checked: 'ok', superRefined: 'ok' },
      { checked: 'x', superRefined: 'ok' },
      { checked: 'ok', superRefined: '-x' },
    ];
    for (const input of inputs) expect(fast(input)).toStrictEqual(zodAnswer(schema, input));
  });
});
