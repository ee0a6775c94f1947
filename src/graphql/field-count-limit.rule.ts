import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from '../errors';

/** Fields an operation selects, counting a fragment at each place it is spread; stops counting past `limit`. */
function countFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>, limit: number): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (count > limit) break;
    if (selection.kind === Kind.FIELD) {
      count += 1 + (selection.selectionSet ? countFields(selection.selectionSet, fragments, visiting, limit - count) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, fragments, visiting, limit - count);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      count += countFields(fragment.selectionSet, fragments, visiting, limit - count);
      visiting.delete(fragment.name.value);
    }
  }
  return count;
}

/**
 * A validation rule refusing operations that select more than `maxFields` fields in all (aliases
 * and fragment spreads included): a wide query is cheap to write and costly to run.
 */
export function fieldCountLimitRule(maxFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const count = countFields(operation.selectionSet, fragments, new Set(), maxFields);
        if (count > maxFields) {
          context.reportError(
            new GraphQLError(`Operation ${operation.name?.value ?? '(anonymous)'} selects more than ${maxFields} fields; select fewer or split it`, {
              nodes: [operation],
              extensions: { code: ErrorCode.QueryTooComplex, maxFields },
            }),
          );
        }
      },
    };
  };
}
