import { z } from 'zod';
import { idPattern } from '../ids';
import { LIST_BOUNDS } from '../list-bounds';
import type { Formats } from './schema-fast-path';
import { ACTOR_KINDS, QUOTE_KINDS, REPORT_KINDS, REPORT_STATUSES, STANCES } from '../vocabulary';

/**
 * The annotated-article bundle: the one definition of what a seed file may contain. The loader
 * validates with it (through its JSON Schema and cross-field rules on the fast path, through zod
 * to explain a record it refuses) and `schema/seed-bundle.schema.json` is generated from it for
 * editors.
 */

const idOf = (prefix: 'article' | 'statement' | 'actor' | 'report') =>
  z.string().regex(idPattern(prefix), { message: `expected an id of the form "${prefix}/<slug>" (lowercase letters, digits, single hyphens)` });

/** Non-blank text, kept exactly as written (no trimming: the loader writes what it validated). */
const text = z.string().regex(/\S/, { message: 'expected non-blank text' });

/** A calendar date, `2024-10-21` (stored as midnight UTC); JSON Schema's `date` format. */
const calendarDate = z.iso.date();
/** A date-time with seconds and a zone, `2024-10-21T18:00:00Z` or `...+09:00`; JSON Schema's `date-time` format. */
const dateTime = z.iso.datetime({ offset: true });
/**
 * An absolute web address, kept as written: no spaces, read by the WHATWG URL parser (zod's own
 * `z.url()` would trim the value it stores). JSON Schema's `uri` format, checked by this schema.
 */
const webAddress = z
  .string()
  .regex(/^\S+$/, { message: 'expected a web address without spaces' })
  .refine((value) => URL.canParse(value), { message: 'expected an absolute web address such as "https://example.org/news/1"' })
  .meta({ format: 'uri' });

/** ISO-8601 date or date-time with zone, each a real calendar date (no 2024-02-30). */
const isoDate = z.union([calendarDate, dateTime], {
  error: 'expected a real calendar date in ISO-8601 form: a date (2024-10-21) or a date-time with seconds and zone (2024-10-21T18:00:00Z, 2024-10-21T18:00:00+09:00)',
});

/**
 * The JSON Schema formats the bundle's JSON Schema uses, and how to check each as zod does: a
 * date or date-time by the pattern zod writes beside the format (its whole check), a web address
 * by zod itself (the WHATWG URL parser, which no pattern states).
 */
export const BUNDLE_FORMATS: Formats = { date: 'pattern', 'date-time': 'pattern', uri: webAddress };

/**
 * A rule across fields of one record, which JSON Schema cannot state. Rules are kept as data,
 * not as bare `.refine` calls, so that zod (which reports them, at `path` with `message`) and the
 * fast validation path (which only asks whether they hold) check the same rules. A rule of one
 * field is a JSON Schema format instead, checked by its zod schema (see `webAddress`).
 */
export interface RecordRule<T> {
  holds: (record: T) => boolean;
  message: string;
  path: string[];
}

/** `schema` refined by each rule, in order. */
function withRules<T, S extends z.ZodType<T>>(schema: S, rules: ReadonlyArray<RecordRule<T>>): S {
  return rules.reduce<S>((refined, rule) => refined.refine(rule.holds, { message: rule.message, path: rule.path }), schema);
}

/** Whether every rule holds for `record`. */
const allHold = <T>(rules: ReadonlyArray<RecordRule<T>>, record: T): boolean => rules.every((rule) => rule.holds(record));

export const ActorRecord = z.strictObject({
  id: idOf('actor'),
  name: text,
  kind: z.enum(ACTOR_KINDS),
  named: z.boolean(),
  role: text.optional(),
  affiliationId: idOf('actor').optional(),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'expected an ISO 3166-1 alpha-2 code such as "KR"' }).optional(),
  aliases: z.array(text).max(LIST_BOUNDS.aliasesPerActor).optional(),
  /** How many people an unnamed collective source stands for ("two officials": 2), when the article says. */
  headcount: z.int().min(2, { message: 'expected 2 or more: a headcount is for a source that stands for several people' }).optional(),
});

export const ReportRecord = z.strictObject({
  id: idOf('report'),
  kind: z.enum(REPORT_KINDS),
  title: text.optional(),
  summary: text.optional(),
  publisherId: idOf('actor').optional(),
  publishedAt: isoDate.optional(),
  url: webAddress.optional(),
  /** Absent: PUBLISHED. */
  status: z.enum(REPORT_STATUSES).optional(),
  /** Who saw an unpublished report (the reporter who was shown a memo). */
  seenById: idOf('actor').optional(),
  /** Actors the report cites for every claim it carries; claims add their own (a statement's `derivations`). */
  sourceIds: z.array(idOf('actor')).max(LIST_BOUNDS.sourcesPerReport).default([]),
  /** Reports it passes on for every claim it carries; claims add their own. */
  relayIds: z.array(idOf('report')).max(LIST_BOUNDS.relaysPerReport).default([]),
});

const ArticleFields = z.strictObject({
  id: idOf('article'),
  title: text,
  publisherId: idOf('actor').optional(),
  publishedAt: isoDate.optional(),
  url: webAddress.optional(),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'expected a BCP-47 language tag such as "en"' }),
  /** The text, in the bundle; or `bodyFile`: a plain UTF-8 text file beside the bundle (or below its folder), read as is. */
  body: text.optional(),
  bodyFile: z
    .string()
    .regex(/\S/, { message: 'expected the name of a text file beside the bundle' })
    .optional()
    .describe('A UTF-8 text file holding the body, relative to the bundle\'s folder and inside it; instead of "body".'),
  credits: z.array(text).max(LIST_BOUNDS.creditsPerArticle).optional(),
});

const ARTICLE_RULES: ReadonlyArray<RecordRule<z.output<typeof ArticleFields>>> = [
  {
    holds: (article) => (article.body === undefined) !== (article.bodyFile === undefined),
    message: 'expected the article text as "body" or as "bodyFile" (a text file beside the bundle), exactly one of them',
    path: ['body'],
  },
];

export const ArticleRecord = withRules(ArticleFields, ARTICLE_RULES);

/**
 * A piece of the body that supports a statement: `start` and `end` (JavaScript string offsets,
 * end exclusive) with the `text` between them; or the `text` alone, which the loader finds in
 * the body (the `occurrence`-th time it appears, counting from 1; needed when it appears more
 * than once) and stores with its offsets.
 */
const EvidenceSpanFields = z.strictObject({
  start: z.int().nonnegative().optional(),
  end: z.int().positive().optional(),
  text: z.string().min(1),
  occurrence: z.int().positive().optional(),
});

const EVIDENCE_SPAN_RULES: ReadonlyArray<RecordRule<z.output<typeof EvidenceSpanFields>>> = [
  { holds: (span) => (span.start === undefined) === (span.end === undefined), message: 'expected both start and end, or neither (then the loader finds the text in the body)', path: ['end'] },
  { holds: (span) => span.start === undefined || span.end === undefined || span.end > span.start, message: 'expected end to be greater than start', path: ['end'] },
  { holds: (span) => span.start === undefined || span.occurrence === undefined, message: 'occurrence is for evidence given as text alone; remove it, or remove start and end', path: ['occurrence'] },
];

export const EvidenceSpanRecord = withRules(EvidenceSpanFields, EVIDENCE_SPAN_RULES);

/** The most links of each kind one derivation step, or steps one statement, may hold (what keeps reference positions compact). */
export const MAX_LINKS = Math.max(LIST_BOUNDS.derivationsPerStatement, LIST_BOUNDS.sourcesPerReport, LIST_BOUNDS.relaysPerReport);

/**
 * One step of a claim's own path (a qualified derivation, in PROV's terms): what report
 * `reportId` cited (`sourceIds`) and relayed (`relayIds`) for this claim. Empty lists say the
 * report is where this claim starts, from an unknown source.
 */
export const DerivationRecord = z.strictObject({
  reportId: idOf('report'),
  sourceIds: z.array(idOf('actor')).max(LIST_BOUNDS.sourcesPerReport).default([]),
  relayIds: z.array(idOf('report')).max(LIST_BOUNDS.relaysPerReport).default([]),
});

const StatementFields = z.strictObject({
  id: idOf('statement'),
  articleId: idOf('article'),
  claim: text,
  quote: text.optional(),
  quotes: z.array(text).min(1, { message: 'expected at least one quoted fragment' }).max(LIST_BOUNDS.quotesPerStatement).optional(),
  quoteKind: z.enum(QUOTE_KINDS),
  speakerIds: z.array(idOf('actor')).min(1, { message: 'expected at least one speaker' }).max(LIST_BOUNDS.speakersPerStatement),
  stance: z.enum(STANCES),
  viaId: idOf('report').optional(),
  derivations: z.array(DerivationRecord).min(1, { message: 'expected at least one step (or leave derivations out)' }).max(LIST_BOUNDS.derivationsPerStatement).optional(),
  respondsToId: idOf('statement').optional(),
  respondsToReportId: idOf('report').optional(),
  madeAt: isoDate.optional(),
  venue: text.optional(),
  evidence: z.array(EvidenceSpanRecord).min(1, { message: 'expected at least one evidence span' }).max(LIST_BOUNDS.evidencePerStatement),
});

const STATEMENT_RULES: ReadonlyArray<RecordRule<z.output<typeof StatementFields>>> = [
  { holds: (statement) => statement.quote === undefined || statement.quotes === undefined, message: 'give either quote (one fragment) or quotes (one or more), not both', path: ['quotes'] },
  { holds: (statement) => statement.derivations === undefined || statement.viaId !== undefined, message: 'derivations follow the via report: give viaId too', path: ['viaId'] },
  {
    holds: (statement) => statement.derivations === undefined || new Set(statement.derivations.map((step) => step.reportId)).size === statement.derivations.length,
    message: 'each report may have one derivation step per statement',
    path: ['derivations'],
  },
];

export const StatementRecord = withRules(StatementFields, STATEMENT_RULES);

/**
 * Whether a record that fits its collection's JSON Schema also keeps every cross-field rule
 * (its evidence spans' too): what zod's refinements check, for the fast validation path.
 */
export const CROSS_FIELD_RULES_HOLD = {
  actors: (_actor: z.output<typeof ActorRecord>) => true,
  reports: (_report: z.output<typeof ReportRecord>) => true,
  articles: (article: z.output<typeof ArticleFields>) => allHold(ARTICLE_RULES, article),
  statements: (statement: z.output<typeof StatementFields>) => allHold(STATEMENT_RULES, statement) && statement.evidence.every((span) => allHold(EVIDENCE_SPAN_RULES, span)),
} as const;

export const Bundle = z.strictObject({
  $schema: z.string().optional(),
  actors: z.array(ActorRecord).default([]),
  reports: z.array(ReportRecord).default([]),
  articles: z.array(ArticleRecord).default([]),
  statements: z.array(StatementRecord).default([]),
});

/** The top level of a bundle alone: the four arrays, each record to be validated on its own. */
export const BundleShell = z.strictObject({
  $schema: z.string().optional(),
  actors: z.array(z.unknown()).default([]),
  reports: z.array(z.unknown()).default([]),
  articles: z.array(z.unknown()).default([]),
  statements: z.array(z.unknown()).default([]),
});

export type ActorRecord = z.infer<typeof ActorRecord>;
export type ReportRecord = z.infer<typeof ReportRecord>;
export type DerivationRecord = z.infer<typeof DerivationRecord>;
/** An evidence span with its offsets, as stored. */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}
/** Records as the schema parses them: an article's body may be in a file, evidence may be text alone. */
export type ParsedArticle = z.infer<typeof ArticleRecord>;
export type ParsedStatement = z.infer<typeof StatementRecord>;
/** Records as loaded: the body read, every evidence span with its offsets. */
export type ArticleRecord = Omit<ParsedArticle, 'body' | 'bodyFile'> & { body: string };
export type StatementRecord = Omit<ParsedStatement, 'evidence'> & { evidence: EvidenceSpan[] };
/** A bundle as loaded (see ArticleRecord, StatementRecord). */
export interface Bundle {
  actors: ActorRecord[];
  reports: ReportRecord[];
  articles: ArticleRecord[];
  statements: StatementRecord[];
}

/** Records as written in a file, before defaults are filled in (what a generator or an editor writes). */
export type ReportInput = z.input<typeof ReportRecord>;
export type StatementInput = z.input<typeof StatementRecord>;
export type BundleInput = z.input<typeof Bundle>;
