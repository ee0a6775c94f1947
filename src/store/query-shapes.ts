import type { SearchType } from '../__generated__/resolvers-types';
import { ACTOR_FILTER_FIELDS, ACTOR_ORDER_FIELDS } from '../actor/actor.query';
import { ARTICLE_FILTER_FIELDS, ARTICLE_ORDER_FIELDS } from '../article/article.query';
import type { ReportParentField } from '../report/report.repo';
import { REPORT_FILTER_FIELDS, REPORT_ORDER_FIELDS } from '../report/report.query';
import type { StatementParentField } from '../statement/statement.repo';
import { STATEMENT_FILTER_FIELDS, STATEMENT_ORDER_FIELDS } from '../statement/statement.query';
import { COLLECTION_NAMES, REFERENCE_FIELDS, TEXT_INDEX_FIELDS, type CollectionName } from './collections';
import type { FilterMatch } from './filter-fields';

/**
 * The shapes of every query the repositories send, derived from the facts the schema's lists are
 * built from: each list's orderings and filter fields (`src/<domain>/<domain>.query.ts`), the
 * reference fields nested connections hang from, the text-indexed fields and the id links that
 * provenance chains follow. A shape is what an index must serve: equality fields, then sort
 * keys, then range fields (the ESR rule).
 */

/** What kind of read a shape is. */
export type ShapeKind =
  /** A root list's page (a find with filter, sort and limit) and its totalCount (a count of the filter). */
  | 'page'
  /** A nested connection's pages for a batch of parents (one aggregate), and their counts. */
  | 'nested page'
  /** Every document referencing some parents, in a fixed order (a plain list). */
  | 'list'
  /** Documents by a key, in no order: ids, a publisher's reports, a speaker's statements to sum up. */
  | 'lookup'
  /** `$graphLookup` from roots along an id link, one lookup by `_id` per step. */
  | 'chain'
  /** Full-text search, best score first. */
  | 'search'
  /** A whole-corpus aggregate: reads every document by design (documented, cached). */
  | 'corpus';

/** One key of a shape's order, ascending; a descending ordering reads the same index backward. */
export interface ShapeSortKey {
  readonly field: string;
  readonly direction: 1;
}

/** One query shape. */
export interface QueryShape {
  /** Unique and readable: `statements: stance = ? · by MADE_AT · madeAt in range`. */
  readonly name: string;
  readonly collection: CollectionName;
  readonly kind: ShapeKind;
  /** Fields matched by equality (or `$in`), in any order among themselves. */
  readonly equality: readonly string[];
  /** Keys the result is read in, after the equality fields. */
  readonly sort: readonly ShapeSortKey[];
  /** Fields matched by a range, checked after the sort keys. */
  readonly range: readonly string[];
  /** Text matched without index bounds (a `...Contains` filter), checked on what the index yields. */
  readonly residual: readonly string[];
  /** For a nested connection: the reference field holding the parent's id. */
  readonly parentField?: string;
  /** For a list: the ordering's enum value (`MADE_AT`). */
  readonly ordering?: string;
  /** For search: the text-indexed fields. */
  readonly text?: readonly string[];
  /** Where the schema asks for it: `Query.statements(filter: { stance }, orderBy: MADE_AT)`. */
  readonly use: string;
}

/** One list of the schema: its root field, orderings and filter input. */
export interface ListFacts {
  readonly collection: CollectionName;
  /** The root connection field (`Query.statements`). */
  readonly rootField: string;
  /** The GraphQL types of its arguments, for checks against the schema. */
  readonly orderFieldEnum: string;
  readonly filterInput: string;
  /** Each ordering's stored fields (the id is added last). */
  readonly orderings: Readonly<Record<string, readonly string[]>>;
  /** Each filter field's stored field and match. */
  readonly filters: Readonly<Record<string, FilterMatch>>;
}

/** The schema's four lists, from the query modules' own tables. */
export const LISTS: readonly ListFacts[] = [
  { collection: 'articles', rootField: 'articles', orderFieldEnum: 'ArticleOrderField', filterInput: 'ArticleFilter', orderings: ARTICLE_ORDER_FIELDS, filters: ARTICLE_FILTER_FIELDS },
  { collection: 'statements', rootField: 'statements', orderFieldEnum: 'StatementOrderField', filterInput: 'StatementFilter', orderings: STATEMENT_ORDER_FIELDS, filters: STATEMENT_FILTER_FIELDS },
  { collection: 'actors', rootField: 'actors', orderFieldEnum: 'ActorOrderField', filterInput: 'ActorFilter', orderings: ACTOR_ORDER_FIELDS, filters: ACTOR_FILTER_FIELDS },
  { collection: 'reports', rootField: 'reports', orderFieldEnum: 'ReportOrderField', filterInput: 'ReportFilter', orderings: REPORT_ORDER_FIELDS, filters: REPORT_FILTER_FIELDS },
];

/** A connection field on an object type, paging the documents whose `parentField` holds the parent's id. */
export interface NestedConnection {
  readonly type: string;
  readonly field: string;
  readonly collection: CollectionName;
  readonly parentField: string;
  /** Whether it takes the list's filter argument too. */
  readonly filtered: boolean;
}

/** The schema's nested connections (the loaders' `<thing>PagesBy<key>`), each by its reference field. */
export const NESTED_CONNECTIONS: readonly NestedConnection[] = [
  { type: 'Actor', field: 'statements', collection: 'statements', parentField: 'speakerIds' satisfies StatementParentField, filtered: true },
  { type: 'Report', field: 'statements', collection: 'statements', parentField: 'viaId' satisfies StatementParentField, filtered: false },
  { type: 'Statement', field: 'responses', collection: 'statements', parentField: 'respondsToId' satisfies StatementParentField, filtered: false },
  { type: 'Report', field: 'responses', collection: 'statements', parentField: 'respondsToReportId' satisfies StatementParentField, filtered: false },
  { type: 'Actor', field: 'members', collection: 'actors', parentField: 'affiliationId', filtered: false },
  { type: 'Actor', field: 'reportsPublished', collection: 'reports', parentField: 'publisherId' satisfies ReportParentField, filtered: false },
  { type: 'Actor', field: 'citedBy', collection: 'reports', parentField: 'sourceIds' satisfies ReportParentField, filtered: false },
  { type: 'Report', field: 'relayedBy', collection: 'reports', parentField: 'relayIds' satisfies ReportParentField, filtered: false },
];

/** The collection each SearchType searches (with `$text`, over the fields of TEXT_INDEX_FIELDS). */
export const SEARCHED = { ARTICLE: 'articles', STATEMENT: 'statements', ACTOR: 'actors' } as const satisfies Record<SearchType, CollectionName>;

/** `$graphLookup` chains: from a document along an id link to documents of the same collection, by `_id`. */
export const CHAINS: ReadonlyArray<{ readonly collection: CollectionName; readonly link: string; readonly use: string }> = [
  { collection: 'reports', link: 'relayIds', use: 'Report.relayChain, Statement.attributionPath (relays)' },
  { collection: 'actors', link: 'affiliationId', use: 'Actor.affiliationChain, Statement.attributionPath (affiliations)' },
];

/** The sort keys of an ordering: its fields, then the id. */
function sortKeysOf(fields: readonly string[]): ShapeSortKey[] {
  return [...fields.filter((field) => field !== '_id'), '_id'].map((field) => ({ field, direction: 1 }));
}

function shapeName(collection: string, equality: readonly string[], ordering: string | undefined, range: readonly string[], residual: readonly string[]): string {
  const parts = [equality.length === 0 ? 'all' : equality.map((field) => `${field} = ?`).join(', ')];
  if (ordering) parts.push(`by ${ordering}`);
  for (const field of range) parts.push(`${field} in range`);
  if (residual.length > 0) parts.push(`${residual.join('|')} contains`);
  return `${collection}: ${parts.join(' · ')}`;
}

function shape(fields: Omit<QueryShape, 'name' | 'sort' | 'range' | 'residual'> & Partial<Pick<QueryShape, 'sort' | 'range' | 'residual'>>): QueryShape {
  const sort = fields.sort ?? [];
  const range = fields.range ?? [];
  const residual = fields.residual ?? [];
  return { ...fields, sort, range, residual, name: `${fields.kind === 'page' ? '' : `${fields.kind} `}${shapeName(fields.collection, fields.equality, fields.ordering, range, residual)}` };
}

/** The filter fields of a list that match `stored` by equality (`viaId | viaPublisherId`). */
function filterNamesOf(list: ListFacts, stored: string): string[] {
  return Object.entries(list.filters).flatMap(([name, match]) => (match.match === 'equality' && match.field === stored ? [name] : []));
}

/** Every page shape of one list: each equality filter (or none) × each ordering × each range filter (or none), and each text filter × each ordering. */
function listShapes(list: ListFacts): QueryShape[] {
  const matches = Object.values(list.filters);
  const equalities = [...new Set(matches.flatMap((match) => (match.match === 'equality' ? [match.field] : [])))];
  const ranges = [...new Set(matches.flatMap((match) => (match.match === 'range' ? [match.field] : [])))];
  const shapes: QueryShape[] = [];
  for (const equality of [undefined, ...equalities]) {
    for (const [ordering, fields] of Object.entries(list.orderings)) {
      for (const range of [undefined, ...ranges]) {
        const filter = [equality ? `{ ${filterNamesOf(list, equality).join(' | ')} }` : '', range ? `{ ${range} range }` : ''].filter(Boolean).join(' + ');
        shapes.push(
          shape({
            collection: list.collection,
            kind: 'page',
            equality: equality ? [equality] : [],
            sort: sortKeysOf(fields),
            range: range ? [range] : [],
            ordering,
            use: `Query.${list.rootField}(${filter ? `filter: ${filter}, ` : ''}orderBy: ${ordering})`,
          }),
        );
      }
    }
  }
  for (const [name, match] of Object.entries(list.filters)) {
    if (match.match !== 'residual') continue;
    for (const [ordering, fields] of Object.entries(list.orderings)) {
      shapes.push(shape({ collection: list.collection, kind: 'page', equality: [], sort: sortKeysOf(fields), residual: match.fields, ordering, use: `Query.${list.rootField}(filter: { ${name} }, orderBy: ${ordering})` }));
    }
  }
  return shapes;
}

/** Every page shape of one nested connection: its parent field × each ordering (× each range filter, when it takes the filter). */
function nestedShapes(connection: NestedConnection): QueryShape[] {
  const list = LISTS.find((candidate) => candidate.collection === connection.collection) as ListFacts;
  const ranges = connection.filtered ? [...new Set(Object.values(list.filters).flatMap((match) => (match.match === 'range' ? [match.field] : [])))] : [];
  return Object.entries(list.orderings).flatMap(([ordering, fields]) =>
    [undefined, ...ranges].map((range) =>
      shape({
        collection: connection.collection,
        kind: 'nested page',
        equality: [connection.parentField],
        sort: sortKeysOf(fields),
        range: range ? [range] : [],
        parentField: connection.parentField,
        ordering,
        use: `${connection.type}.${connection.field}(${range ? `filter: { ${range} range }, ` : ''}orderBy: ${ordering})`,
      }),
    ),
  );
}

/** The reads that are not list pages: ids, plain lists, lookups, chains, search and the corpus-wide ranking. */
function otherShapes(): QueryShape[] {
  const shapes: QueryShape[] = COLLECTION_NAMES.map((collection) => shape({ collection, kind: 'lookup', equality: ['_id'], use: `${collection} by id (every loader \`<thing>ById\`)` }));
  shapes.push(
    shape({ collection: 'statements', kind: 'list', equality: ['articleId'], sort: sortKeysOf(STATEMENT_ORDER_FIELDS.APPEARANCE), ordering: 'APPEARANCE', use: 'Article.statements, Article.stats (in order of appearance)' }),
    shape({ collection: 'reports', kind: 'lookup', equality: ['publisherId'], use: 'StatementFilter.viaPublisherId (the publisher\u2019s report ids)' }),
    shape({ collection: 'statements', kind: 'lookup', equality: ['speakerIds'], use: 'Actor.stats (a speaker\u2019s statements, summed up)' }),
    shape({ collection: 'statements', kind: 'lookup', equality: ['respondsToId'], use: 'the loader: stored statements answering removed ones' }),
  );
  for (const chain of CHAINS) shapes.push(shape({ collection: chain.collection, kind: 'chain', equality: ['_id'], parentField: chain.link, use: chain.use }));
  for (const [type, collection] of Object.entries(SEARCHED)) {
    shapes.push(shape({ collection, kind: 'search', equality: [], text: Object.keys(TEXT_INDEX_FIELDS[collection]), use: `Query.search(types: [${type}])` }));
  }
  shapes.push(shape({ collection: 'statements', kind: 'corpus', equality: [], use: 'Query.mostCitedSources (with reports, via $unionWith)' }));
  return shapes;
}

/** Every query shape, without duplicates (two uses of one shape keep the first's name and join their uses). */
function allShapes(): QueryShape[] {
  const byName = new Map<string, QueryShape>();
  for (const candidate of [...LISTS.flatMap(listShapes), ...NESTED_CONNECTIONS.flatMap(nestedShapes), ...otherShapes()]) {
    const known = byName.get(candidate.name);
    byName.set(candidate.name, known ? { ...known, use: `${known.use}; ${candidate.use}` } : candidate);
  }
  return [...byName.values()];
}

/** Every query shape the repositories send. */
export const SHAPES: readonly QueryShape[] = allShapes();

/** Reference fields that no shape reads by (for a check: each needs a reason to go unindexed). */
export function unreadReferenceFields(): Array<{ collection: CollectionName; field: string }> {
  return COLLECTION_NAMES.flatMap((collection) =>
    REFERENCE_FIELDS[collection].filter((field) => !SHAPES.some((candidate) => candidate.collection === collection && candidate.equality.includes(field))).map((field) => ({ collection, field })),
  );
}
