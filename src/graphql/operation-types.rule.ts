import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses operations of a type the schema does not define (this schema has queries only):
 * a validation error (HTTP 400), as graphql-js 17's KnownOperationTypesRule makes it.
 */
export function operationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (context.getSchema().getRootType(operation.operation)) return;
      context.reportError(new GraphQLError(`The ${operation.operation} operation is not supported by the schema: this API answers queries only.`, { nodes: [operation] }));
    },
  };
}
