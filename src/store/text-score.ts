import type { FindOptions, Pipeline, Sort, StoredDocument, TextScoreMeta } from './store';

/**
 * `{ $meta: 'textScore' }` in the embedded engine. mingo knows no `$meta`, so the engine hands
 * mingo copies of the `$text` matches carrying their score in this field, rewrites every
 * `{ $meta: 'textScore' }` into a reference to it, and removes it from what it returns.
 */
export const TEXT_SCORE_FIELD = '__embeddedTextScore';

const SCORE_PATH = `$${TEXT_SCORE_FIELD}`;

/** MongoDB's error when a query asks for the score without a `$text` condition to give it. */
export const NO_TEXT_SCORE = 'query requires text score metadata, but it is not available (no $text condition, or $text not in the leading $match)';

/** Whether a value is `{ $meta: 'textScore' }`; any other `$meta` is refused, as the embedded engine has no other metadata. */
export function isTextScoreMeta(value: unknown): value is TextScoreMeta {
  if (Object.prototype.toString.call(value) !== '[object Object]' || !('$meta' in (value as object))) return false;
  const meta = (value as Record<string, unknown>).$meta;
  if (meta !== 'textScore' || Object.keys(value as object).length !== 1) throw new Error(`The embedded engine supports { $meta: 'textScore' } only, not ${JSON.stringify(value)}`);
  return true;
}

/** Whether a value (a stage, an expression, options) asks for the text score anywhere. */
export function mentionsTextScore(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsTextScore);
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  return isTextScoreMeta(value) || Object.values(value as object).some(mentionsTextScore);
}

/** A copy of a document carrying its text score for mingo. */
export function withTextScore(document: StoredDocument, score: number): StoredDocument {
  return { ...document, [TEXT_SCORE_FIELD]: score } as StoredDocument;
}

/** A sort with `{ $meta: 'textScore' }` keys turned into a descending sort on the score field, order kept. */
function rewriteSort(sort: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(sort).map(([key, direction]) => (isTextScoreMeta(direction) ? [TEXT_SCORE_FIELD, -1] : [key, direction])));
}

/** An expression with each `{ $meta: 'textScore' }` replaced by a path to the score field. */
function rewriteExpression(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteExpression);
  if (Object.prototype.toString.call(value) !== '[object Object]') return value;
  if (isTextScoreMeta(value)) return SCORE_PATH;
  return Object.fromEntries(Object.entries(value as object).map(([key, nested]) => [key, rewriteExpression(nested)]));
}

/** Whether a `$project` specification only excludes fields (so the score field passes through it). */
function isExclusion(projection: Readonly<Record<string, unknown>>): boolean {
  const excluded = (value: unknown): boolean => value === 0 || value === false;
  const others = Object.entries(projection).filter(([key]) => key !== '_id');
  return others.length === 0 ? excluded(projection._id) : others.every(([, value]) => excluded(value));
}

/** One aggregation stage with its `{ $meta: 'textScore' }` uses rewritten, recursing into `$facet`. */
function rewriteStage(stage: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const [name] = Object.keys(stage);
  const spec = stage[name as string];
  const object = Object.prototype.toString.call(spec) === '[object Object]' ? (spec as Record<string, unknown>) : undefined;
  if (name === '$sort' && object) return { $sort: rewriteSort(object) };
  // An inclusion projection would drop the score field; keep it for later stages.
  if (name === '$project' && object && !isExclusion(object)) return { $project: { ...(rewriteExpression(object) as object), [TEXT_SCORE_FIELD]: 1 } };
  if (name === '$facet' && object) return { $facet: Object.fromEntries(Object.entries(object).map(([key, pipeline]) => [key, rewritePipeline(pipeline as Pipeline)])) };
  return { [name as string]: rewriteExpression(spec) };
}

/** A pipeline (after its leading `$text` match) whose text score references read the score field. */
export function rewritePipeline(pipeline: Pipeline): Array<Record<string, unknown>> {
  return pipeline.map(rewriteStage);
}

/** What find needs to sort and project by text score with mingo. */
export interface TextScoreFindOptions {
  sort?: Record<string, unknown>;
  projection?: Record<string, unknown>;
  /** Fields the score is projected as. */
  scoreFields: string[];
  /** Whether the documents must carry their score. */
  needsScore: boolean;
}

/** Find options with `{ $meta: 'textScore' }` taken out of the sort and projection. */
export function rewriteFindOptions(options: FindOptions): TextScoreFindOptions {
  const sort: Sort | undefined = options.sort;
  const scoreFields: string[] = [];
  let projection: Record<string, unknown> | undefined;
  if (options.projection) {
    const plain = Object.entries(options.projection).filter(([field, value]) => {
      if (!isTextScoreMeta(value)) return true;
      scoreFields.push(field);
      return false;
    });
    // A projection of the score alone returns whole documents, as in MongoDB.
    if (plain.length > 0) projection = Object.fromEntries(scoreFields.length > 0 ? [...plain, [TEXT_SCORE_FIELD, 1]] : plain);
  }
  const rewrittenSort = sort ? rewriteSort(sort) : undefined;
  const sortsByScore = rewrittenSort !== undefined && TEXT_SCORE_FIELD in rewrittenSort;
  return { sort: rewrittenSort, projection, scoreFields, needsScore: sortsByScore || scoreFields.length > 0 };
}

/** A find result with the score field moved to the projected score fields (or just removed). */
export function presentScore(document: Record<string, unknown>, scoreFields: readonly string[]): Record<string, unknown> {
  if (!(TEXT_SCORE_FIELD in document)) return document;
  const { [TEXT_SCORE_FIELD]: score, ...rest } = document;
  for (const field of scoreFields) rest[field] = score;
  return rest;
}

/** A value with the score field removed wherever it occurs in plain objects, copying only what changes. */
export function withoutTextScore(value: unknown): unknown {
  if (Array.isArray(value)) {
    const mapped = value.map(withoutTextScore);
    return mapped.some((element, index) => element !== value[index]) ? mapped : value;
  }
  if (Object.prototype.toString.call(value) !== '[object Object]') return value;
  let changed = TEXT_SCORE_FIELD in (value as object);
  const entries: Array<[string, unknown]> = [];
  for (const [key, nested] of Object.entries(value as object)) {
    if (key === TEXT_SCORE_FIELD) continue;
    const stripped = withoutTextScore(nested);
    if (stripped !== nested) changed = true;
    entries.push([key, stripped]);
  }
  return changed ? Object.fromEntries(entries) : value;
}
