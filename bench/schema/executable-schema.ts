import {
  GraphQLScalarType,
  buildASTSchema,
  concatAST,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import type { Resolvers } from '../../src/__generated__/resolvers-types';

/** A field's entry in a resolver map: the function, or an object carrying it as `resolve`. */
function fieldResolverOf(entry: unknown): GraphQLFieldResolver<unknown, unknown> | undefined {
  if (typeof entry === 'function') return entry as GraphQLFieldResolver<unknown, unknown>;
  if (typeof entry === 'object' && entry !== null && typeof (entry as { resolve?: unknown }).resolve === 'function') {
    return (entry as { resolve: GraphQLFieldResolver<unknown, unknown> }).resolve;
  }
  return undefined;
}

/**
 * The gateway's schema with its resolvers attached, built with graphql-js alone (no Apollo, no
 * graphql-tools): the schema the bare arms execute. Every entry of the resolver map must name a
 * type and field the SDL has, so a drifting map fails here instead of measuring default resolvers.
 */
export function buildExecutableSchema(typeDefs: readonly string[], resolvers: Resolvers): GraphQLSchema {
  const schema = buildASTSchema(concatAST(typeDefs.map((source) => parse(source))));
  for (const [typeName, definition] of Object.entries(resolvers as Record<string, unknown>)) {
    const type = schema.getType(typeName);
    if (!type) throw new Error(`The resolver map names type ${typeName}, which the schema lacks`);
    if (isScalarType(type)) {
      if (!(definition instanceof GraphQLScalarType)) throw new Error(`The resolver of scalar ${typeName} is not a GraphQLScalarType`);
      type.serialize = definition.serialize;
      type.parseValue = definition.parseValue;
      type.parseLiteral = definition.parseLiteral;
      continue;
    }
    const entries = Object.entries(definition as Record<string, unknown>);
    if (isInterfaceType(type) || isUnionType(type)) {
      for (const [key, entry] of entries) {
        if (key !== '__resolveType') throw new Error(`Abstract type ${typeName} takes only __resolveType, not ${key}`);
        type.resolveType = entry as GraphQLTypeResolver<unknown, unknown>;
      }
      continue;
    }
    if (!isObjectType(type)) throw new Error(`The resolver map names ${typeName}, which is neither an object, abstract nor scalar type`);
    const fields = type.getFields();
    for (const [fieldName, entry] of entries) {
      if (fieldName === '__isTypeOf') {
        type.isTypeOf = entry as typeof type.isTypeOf;
        continue;
      }
      const field = fields[fieldName];
      const resolve = fieldResolverOf(entry);
      if (!field || !resolve) throw new Error(`The resolver map names ${typeName}.${fieldName}, which the schema lacks or which is not a function`);
      field.resolve = resolve;
    }
  }
  return schema;
}
