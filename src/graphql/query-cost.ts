import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/page-size';
import type { FieldCost } from './query-cost.table';

/** Introspection (`__schema`, `__type`) is bounded by the schema itself: one fixed price. */
const INTROSPECTION_COST = 1_000;

/** The cost facts of one schema, checked against it; estimates operations run on that schema. */
export interface CostModel {
  /** Worst-case cost of `operation`: fields it may return, lists multiplied by their size, plus field weights. */
  estimate(operation: OperationDefinitionNode, document: DocumentNode, variables: Readonly<Record<string, unknown>>): number;
}

/** A connection field's page, which sizes the `edges` and `nodes` of its selection. */
interface PageScope {
  size: number;
  countWeight: number;
}

/** A field paged Relay-style: returns a `...Connection` and takes `first`. */
function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection') && field.args.some((argument) => argument.name === 'first');
}

/**
 * Problems of a cost table against a schema: lists and connections without an entry, entries
 * naming no field, lists without a size, connections without a count weight. Empty when sound.
 */
export function checkCostTable(schema: GraphQLSchema, table: Readonly<Record<string, FieldCost>>): string[] {
  const problems: string[] = [];
  const known = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      known.add(coordinate);
      // A connection type's own edges and nodes are sized by the page of the field returning it.
      if (type.name.endsWith('Connection') || isInterfaceType(type)) continue;
      const entry = table[coordinate];
      const connection = isConnectionField(field);
      const list = isListType(getNullableType(field.type));
      if (!connection && !list) continue;
      if (!entry) problems.push(`${coordinate} is a ${connection ? 'connection' : 'list'} with no entry in the cost table`);
      else if (connection && entry.countWeight === undefined) problems.push(`${coordinate} is a connection with no countWeight`);
      else if (list && entry.size === undefined) problems.push(`${coordinate} is a list with no size`);
      else if (entry.size && 'argument' in entry.size) {
        const argument = entry.size.argument;
        if (!field.args.some((candidate) => candidate.name === argument)) problems.push(`${coordinate} is sized by an argument it does not take: ${argument}`);
      }
    }
  }
  for (const coordinate of Object.keys(table)) {
    if (!known.has(coordinate)) problems.push(`${coordinate} in the cost table is not a field of the schema`);
  }
  return problems;
}

/** The field's arguments with variables and defaults applied; none when they do not coerce (execution reports that). */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}

function clampedCount(value: unknown, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 0), max) : max;
}

/**
 * Builds the cost model of `schema` from `table`, refusing a table that does not cover the
 * schema. Estimates walk each fragment once per place it is spread (the field-count limit,
 * checked first in validation, bounds that walk).
 */
export function createCostModel(schema: GraphQLSchema, table: Readonly<Record<string, FieldCost>>): CostModel {
  const problems = checkCostTable(schema, table);
  if (problems.length > 0) throw new Error(`The query cost table does not fit the schema:\n${problems.join('\n')}`);

  return {
    estimate(operation, document, variables) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      const rootType = schema.getRootType(operation.operation);
      if (!rootType) return 0;

      const fieldCost = (node: FieldNode, parentType: GraphQLCompositeType, page: PageScope | undefined, visiting: Set<string>): number => {
        const name = node.name.value;
        if (name === '__typename') return 1;
        if (name.startsWith('__')) return INTROSPECTION_COST;
        if (!isObjectType(parentType) && !isInterfaceType(parentType)) return 1;
        const field = parentType.getFields()[name];
        if (!field) return 1;
        const entry = table[`${parentType.name}.${name}`] ?? {};
        const ownCost = 1 + (entry.weight ?? 0);
        if (page && name === 'totalCount') return ownCost + page.countWeight;
        const childType = getNamedType(field.type);
        if (!node.selectionSet && !isListType(getNullableType(field.type))) return ownCost;
        const args = argumentsOf(field, node, variables);
        const childPage = isConnectionField(field)
          ? { size: clampedCount(args.first ?? args.last ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), countWeight: entry.countWeight ?? 0 }
          : undefined;
        let items = 1;
        if (isListType(getNullableType(field.type))) {
          if (page && (name === 'edges' || name === 'nodes')) items = page.size;
          else if (entry.size && 'bound' in entry.size) items = entry.size.bound;
          else if (entry.size) items = clampedCount(args[entry.size.argument], entry.size.max);
        }
        const children = node.selectionSet && isCompositeType(childType) ? selectionCost(node.selectionSet, childType, childPage, visiting) : 1;
        return ownCost + items * children;
      };

      const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, page: PageScope | undefined, visiting: Set<string>): number => {
        let total = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            total += fieldCost(selection, parentType, page, visiting);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
            if (type && isCompositeType(type)) total += selectionCost(selection.selectionSet, type, page, visiting);
          } else {
            const fragment = fragments.get(selection.name.value);
            if (!fragment || visiting.has(fragment.name.value)) continue;
            const type = schema.getType(fragment.typeCondition.name.value);
            if (!type || !isCompositeType(type)) continue;
            visiting.add(fragment.name.value);
            total += selectionCost(fragment.selectionSet, type, page, visiting);
            visiting.delete(fragment.name.value);
          }
        }
        return total;
      };

      return selectionCost(operation.selectionSet, rootType, undefined, new Set());
    },
  };
}
