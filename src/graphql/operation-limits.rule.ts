import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from '../errors';

export interface OperationLimits {
  /** Deepest field path allowed. */
  maxDepth: number;
  /** Fields an operation may select in all, counting aliases and each fragment spread. */
  maxFields: number;
}

interface Size {
  depth: number;
  fields: number;
}

/**
 * Depth and field count of a selection set, fragments expanded where spread. Counting stops
 * once `budget` fields are exceeded, so a fragment spread many times over (a "fragment bomb")
 * cannot make this exponential; a fragment cycle is left to graphql-js.
 */
function sizeOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>, budget: number): Size {
  const size: Size = { depth: 0, fields: 0 };
  const add = (inner: Size, ownField: boolean) => {
    size.depth = Math.max(size.depth, inner.depth + (ownField ? 1 : 0));
    size.fields += inner.fields + (ownField ? 1 : 0);
  };
  for (const selection of selectionSet.selections) {
    if (size.fields > budget) break;
    const remaining = budget - size.fields;
    if (selection.kind === Kind.FIELD) {
      add(selection.selectionSet ? sizeOf(selection.selectionSet, fragments, visiting, remaining) : { depth: 0, fields: 0 }, true);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      add(sizeOf(selection.selectionSet, fragments, visiting, remaining), false);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      add(sizeOf(fragment.selectionSet, fragments, visiting, remaining), false);
      visiting.delete(fragment.name.value);
    }
  }
  return size;
}

/**
 * A validation rule refusing operations nested deeper than `maxDepth` (QUERY_TOO_DEEP) or
 * selecting more than `maxFields` fields (QUERY_TOO_COMPLEX): both are cheap to send and costly
 * to run.
 */
export function operationLimitsRule(limits: OperationLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const name = operation.name?.value ?? '(anonymous)';
        const { depth, fields } = sizeOf(operation.selectionSet, fragments, new Set(), limits.maxFields);
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`Operation ${name} is ${depth} fields deep; the limit is ${limits.maxDepth}`, {
              nodes: [operation],
              extensions: { code: ErrorCode.QueryTooDeep, depth, maxDepth: limits.maxDepth },
            }),
          );
        }
        if (fields > limits.maxFields) {
          context.reportError(
            new GraphQLError(`Operation ${name} selects more than ${limits.maxFields} fields; select fewer or split it`, {
              nodes: [operation],
              extensions: { code: ErrorCode.QueryTooComplex, maxFields: limits.maxFields },
            }),
          );
        }
      },
    };
  };
}
