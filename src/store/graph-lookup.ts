import { evalExpr } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import { $graphLookup as scanningGraphLookup } from 'mingo/operators/pipeline';
import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import type { EmbeddedCollection } from './embedded-collection';
import { isIndexKey, type IndexKey } from './hash-index';
import type { StoredDocument } from './store';

/** A `$graphLookup` stage's specification. */
interface GraphLookupSpec {
  from: unknown;
  startWith: unknown;
  connectFromField: unknown;
  connectToField: unknown;
  as: unknown;
  maxDepth?: unknown;
  depthField?: unknown;
  restrictSearchWithMatch?: unknown;
}

/** A validated specification the indexed traversal can run. */
interface Traversal {
  source: EmbeddedCollection;
  startWith: unknown;
  fromPath: string[];
  toField: string;
  toPath: string[];
  as: string;
  maxDepth: number;
  depthField: string | undefined;
  restrict: Query | undefined;
}

const REQUIRED = ['from', 'startWith', 'connectFromField', 'connectToField', 'as'] as const;

/**
 * The values a document holds at a dotted path, each element of an array separately, as
 * MongoDB reads `connectFromField` and `connectToField`. A missing field holds none.
 */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((element) => valuesAt(element, path));
  if (Object.prototype.toString.call(value) !== '[object Object]') return [];
  return valuesAt((value as Record<string, unknown>)[path[0] as string], path.slice(1));
}

/**
 * The documents whose `connectToField` matches any of the frontier's values not queried
 * before. Keys come from the `_id` map or the hash index; as in MongoDB's `$graphLookup`, null
 * matches a null field but not a missing one. A value no hash index can key on (an object, a
 * date) is rare here and is answered by a scan.
 */
function connectedTo(traversal: Traversal, frontier: readonly unknown[], queried: Set<IndexKey>, options: Options): StoredDocument[] {
  const keys: IndexKey[] = [];
  const others: unknown[] = [];
  for (const value of frontier) {
    if (isIndexKey(value)) {
      if (queried.has(value)) continue;
      queried.add(value);
      keys.push(value);
    } else if (value !== undefined) {
      others.push(value);
    }
  }
  const found = keys.length > 0 ? (traversal.source.byValues(traversal.toField, keys) ?? []) : [];
  // byValues(null) also finds documents lacking the field, which $graphLookup does not connect to.
  const wanted = new Set<unknown>(keys);
  const matched = wanted.has(null) ? found.filter((document) => valuesAt(document, traversal.toPath).some((value) => wanted.has(value))) : found;
  for (const value of others) matched.push(...(new Query({ [traversal.toField]: { $eq: value } }, options).find(traversal.source.all()).all() as StoredDocument[]));
  return matched;
}

/**
 * Breadth-first from `startWith`, one index read per level: each document at most once, at the
 * smallest depth it is reached, so cycles end; levels 0 to `maxDepth`. Documents failing
 * `restrictSearchWithMatch` are neither returned nor followed, as in MongoDB.
 */
function traverse(traversal: Traversal, input: AnyObject, options: Options): StoredDocument[] {
  const reached = new Map<string, StoredDocument>();
  const queried = new Set<IndexKey>();
  const start = evalExpr(input, traversal.startWith, options);
  let frontier: unknown[] = Array.isArray(start) ? start : [start];
  for (let depth = 0; frontier.length > 0 && depth <= traversal.maxDepth; depth += 1) {
    const next: unknown[] = [];
    for (const document of connectedTo(traversal, frontier, queried, options)) {
      if (reached.has(document._id) || (traversal.restrict && !traversal.restrict.test(document as unknown as AnyObject))) continue;
      reached.set(document._id, traversal.depthField === undefined ? document : ({ ...document, [traversal.depthField]: depth } as StoredDocument));
      next.push(...valuesAt(document, traversal.fromPath));
    }
    frontier = next;
  }
  return [...reached.values()];
}

/** The traversal for a stage the indexes can answer, or undefined to leave it to mingo. */
function planTraversal(spec: GraphLookupSpec, collectionNamed: (name: string) => EmbeddedCollection | undefined, options: Options): Traversal | undefined {
  for (const key of REQUIRED) {
    if (spec[key] === undefined) throw new Error("$graphLookup requires 'from', 'as', 'startWith', 'connectFromField', and 'connectToField' to be specified.");
  }
  const { from, connectFromField, connectToField, as, maxDepth, depthField, restrictSearchWithMatch } = spec;
  if (maxDepth !== undefined && !(typeof maxDepth === 'number' && Number.isInteger(maxDepth) && maxDepth >= 0)) {
    throw new Error(`$graphLookup maxDepth must be a nonnegative integer, found ${JSON.stringify(maxDepth)}`);
  }
  if (restrictSearchWithMatch !== undefined && Object.prototype.toString.call(restrictSearchWithMatch) !== '[object Object]') {
    throw new Error('$graphLookup restrictSearchWithMatch must be an object');
  }
  const source = typeof from === 'string' ? collectionNamed(from) : undefined;
  if (!source || typeof connectFromField !== 'string' || typeof connectToField !== 'string' || !source.isIndexed(connectToField)) return undefined;
  // Dotted `as` and `depthField` set nested fields; mingo's operator handles those (rare) stages.
  if (typeof as !== 'string' || as.includes('.') || (depthField !== undefined && (typeof depthField !== 'string' || depthField.includes('.')))) return undefined;
  return {
    source,
    startWith: spec.startWith,
    fromPath: connectFromField.split('.'),
    toField: connectToField,
    toPath: connectToField.split('.'),
    as,
    maxDepth: maxDepth ?? Number.POSITIVE_INFINITY,
    depthField,
    restrict: restrictSearchWithMatch === undefined ? undefined : new Query(restrictSearchWithMatch as AnyObject, options),
  };
}

/**
 * A `$graphLookup` pipeline operator for mingo that follows links through the embedded
 * engine's indexes when `connectToField` is `_id` or a hash-indexed field of the `from`
 * collection, instead of mingo's own operator, which scans `from` at every level. Other stages
 * go to mingo's operator. Result order within `as` is unspecified, as in MongoDB.
 */
export function indexedGraphLookup(collectionNamed: (name: string) => EmbeddedCollection | undefined) {
  return (input: Iterator, expr: AnyObject, options: Options): Iterator => {
    const traversal = planTraversal(expr as unknown as GraphLookupSpec, collectionNamed, options);
    if (!traversal) return scanningGraphLookup(input, expr as unknown as Parameters<typeof scanningGraphLookup>[1], options);
    return input.map((document: AnyObject) => ({ ...document, [traversal.as]: traverse(traversal, document, options) }));
  };
}
