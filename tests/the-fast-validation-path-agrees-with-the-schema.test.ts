import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ActorRecord, ArticleRecord, BUNDLE_FORMATS, CROSS_FIELD_RULES_HOLD, ReportRecord, StatementRecord } from '../src/ingest/bundle.schema';
import { compileFastPath, REJECTED } from '../src/ingest/schema-fast-path';
import { ACTOR_KINDS, QUOTE_KINDS, REPORT_KINDS, REPORT_STATUSES, STANCES } from '../src/vocabulary';
import { generateCorpus } from '../seed/generator/corpus';
import { seedBundle } from './support/bundles';

const SCHEMAS: Record<'actors' | 'reports' | 'articles' | 'statements', z.ZodObject> = { actors: ActorRecord, reports: ReportRecord, articles: ArticleRecord, statements: StatementRecord };
type Collection = keyof typeof SCHEMAS;
const COLLECTIONS = Object.keys(SCHEMAS) as Collection[];

/** The fast path of a collection's records, as the loader compiles it (once per collection). */
const FAST_PATHS = new Map<Collection, (input: unknown) => unknown>();
function fastPathOf(collection: Collection): (input: unknown) => unknown {
  let fast = FAST_PATHS.get(collection);
  if (!fast) {
    fast = compileFastPath(SCHEMAS[collection], { formats: BUNDLE_FORMATS, crossFieldRulesHold: CROSS_FIELD_RULES_HOLD[collection] as (record: unknown) => boolean });
    FAST_PATHS.set(collection, fast);
  }
  return fast;
}

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
  '2024-02-29', '2023-02-29', '2000-02-29', '1900-02-29', '2024-04-31', '2024-10-21T24:00:00Z', '2024-10-21T23:59:60Z', '2024-10-21T18:00:00+0900', '2024-10-21T18:00:00+24:00',
  '2024-10-21T18:00:00.1234567891Z', '2024-10-21t18:00:00z', '2024-10-21 18:00:00Z', '2024-10-21T18:00:00Z ', '\u{1F600}',
  'https://example.org/a?b=c', 'ftp://example.org', 'not a url', 'http://', ' https://example.org', 'https://example.org\n', 'https://exa mple.org', 'javascript:alert(1)',
  'mailto:desk@example.org', '/news/1', 'HTTPS://EXAMPLE.ORG/News', 'https://例え.jp/', 'https://[::1]:8080/',
  ...ACTOR_KINDS, ...REPORT_KINDS, ...QUOTE_KINDS, ...STANCES, ...REPORT_STATUSES, 'NOPE', 2, 3,
  [{ reportId: 'report/x' }], [{ reportId: 'report/x', sourceIds: ['actor/x'], relayIds: ['report/y'] }], [{ reportId: 'report/x' }, { reportId: 'report/x' }],
  [{ reportId: 'actor/x' }], [{ reportId: 'report/x', extra: 1 }], [{ sourceIds: [] }],
  [], [''], [' '], ['x'], ['actor/x'], ['report/x', 'report/y'], [1], [null], {}, [{}],
  [{ start: 0, end: 1, text: 'a' }], [{ start: 1, end: 1, text: 'a' }], [{ start: -1, end: 1, text: 'a' }], [{ start: 0.5, end: 1, text: 'a' }],
  [{ start: 0, end: 1, text: '' }], [{ start: 0, end: 1 }], [{ start: 0, end: 1, text: 'a', extra: 1 }], [{ start: 0, end: 2 ** 53, text: 'a' }],
  [{ text: 'a' }], [{ text: 'a', occurrence: 2 }], [{ text: 'a', occurrence: 0 }], [{ start: 0, text: 'a' }], [{ end: 1, text: 'a' }], [{ start: 2, end: 1, text: 'a' }],
  [{ start: 0, end: 1, text: 'a', occurrence: 1 }], [{ start: 0, end: 1, text: 'a' }, { start: 1, end: 1, text: 'a' }], [{ text: '\u{1F600}' }],
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
      const fast = fastPathOf(collection);
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
      const fast = fastPathOf(collection);
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

  it('agrees with zod on every cross-field rule, kept and broken', () => {
    const richest = new Map(richestRecords().map(({ collection, record }) => [collection, record]));
    const article = richest.get('articles') as Record<string, unknown>;
    const statement = richest.get('statements') as Record<string, unknown>;
    const step = (reportId: string) => ({ reportId, sourceIds: [], relayIds: [] });
    const withSpan = (span: Record<string, unknown>) => ({ ...statement, evidence: [span] });
    // Each rule broken, with the message zod gives at its path, and the same record keeping it.
    const cases: Array<{ collection: Collection; broken: Record<string, unknown>; path: string; message: RegExp; kept: Record<string, unknown> }> = [
      { collection: 'articles', broken: { ...article, body: 'Text.', bodyFile: 'body.txt' }, path: 'body', message: /exactly one of them/, kept: { ...article, body: 'Text.' } },
      { collection: 'articles', broken: { ...article, body: undefined, bodyFile: undefined }, path: 'body', message: /exactly one of them/, kept: { ...article, body: undefined, bodyFile: 'body.txt' } },
      { collection: 'statements', broken: withSpan({ start: 0, text: 'a' }), path: 'evidence.0.end', message: /both start and end, or neither/, kept: withSpan({ text: 'a' }) },
      { collection: 'statements', broken: withSpan({ end: 1, text: 'a' }), path: 'evidence.0.end', message: /both start and end, or neither/, kept: withSpan({ start: 0, end: 1, text: 'a' }) },
      { collection: 'statements', broken: withSpan({ start: 1, end: 1, text: 'a' }), path: 'evidence.0.end', message: /end to be greater than start/, kept: withSpan({ start: 1, end: 2, text: 'a' }) },
      { collection: 'statements', broken: withSpan({ start: 3, end: 2, text: 'a' }), path: 'evidence.0.end', message: /end to be greater than start/, kept: withSpan({ start: 2, end: 3, text: 'a' }) },
      { collection: 'statements', broken: withSpan({ start: 0, end: 1, text: 'a', occurrence: 1 }), path: 'evidence.0.occurrence', message: /occurrence is for evidence given as text alone/, kept: withSpan({ text: 'a', occurrence: 1 }) },
      { collection: 'statements', broken: { ...statement, quote: 'a', quotes: ['b'] }, path: 'quotes', message: /either quote .* or quotes/, kept: { ...statement, quote: undefined, quotes: ['b'] } },
      { collection: 'statements', broken: { ...statement, viaId: undefined, derivations: [step('report/x')] }, path: 'viaId', message: /give viaId too/, kept: { ...statement, viaId: 'report/x', derivations: [step('report/x')] } },
      {
        collection: 'statements',
        broken: { ...statement, viaId: 'report/x', derivations: [step('report/x'), step('report/x')] },
        path: 'derivations',
        message: /one derivation step per statement/,
        kept: { ...statement, viaId: 'report/x', derivations: [step('report/x'), step('report/y')] },
      },
    ];
    // JSON has no undefined: a field set to undefined above is one left out.
    const asJson = (record: Record<string, unknown>) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    for (const { collection, broken, path, message, kept } of cases) {
      const schema = SCHEMAS[collection];
      const result = schema.safeParse(asJson(broken));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))).toEqual([{ path, message: expect.stringMatching(message) }]);
      expect(fastPathOf(collection)(asJson(broken))).toBe(REJECTED);
      const answer = zodAnswer(schema, asJson(kept));
      expect(answer).not.toBe(REJECTED);
      expect(fastPathOf(collection)(asJson(kept))).toStrictEqual(answer);
    }
  });

  it('checks dates and web addresses as zod does, and keeps them as written', () => {
    const fast = fastPathOf('reports');
    const report = richestRecords().find((entry) => entry.collection === 'reports')?.record as Record<string, unknown>;
    const answers = (field: string, values: string[]) => values.map((value) => fast({ ...report, [field]: value }) !== REJECTED);
    expect(answers('publishedAt', ['2024-02-29', '2023-02-29', '2024-02-30', '2024-10-21T18:00:00+09:00', '2024-10-21T18:00Z', '2024-10-21T18:00:00'])).toEqual([true, false, false, true, false, false]);
    expect(answers('url', ['https://example.org/news/1', 'http://', ' https://example.org/news/1', 'not a url'])).toEqual([true, false, false, false]);
    const url = 'HTTPS://Example.org/News/1';
    expect(fast({ ...report, url })).toMatchObject({ url });
  });

  it('refuses to compile a schema whose JSON Schema would leave out one of its rules', () => {
    const options = { formats: BUNDLE_FORMATS, crossFieldRulesHold: () => true };
    // A transform cannot be written as JSON Schema.
    expect(() => compileFastPath(z.strictObject({ name: z.string().transform((value) => value.trim()) }), options)).toThrow(/Transforms cannot be represented/);
    // A format nobody said how to check.
    expect(() => compileFastPath(z.strictObject({ email: z.email() }), options)).toThrow(/unknown format "email"/);
    // A format said to be checked by its pattern, used where zod writes none.
    expect(() => compileFastPath(z.strictObject({ day: z.string().meta({ format: 'date' }) }), options)).toThrow(/format "date" without a pattern at #\/properties\/day/);
  });
});
