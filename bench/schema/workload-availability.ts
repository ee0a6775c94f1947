import { isInterfaceType, isObjectType, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';

/** Whether a workload can run against this schema, and why not. */
export type WorkloadAvailability =
  | { status: 'ready'; document: DocumentNode }
  /** The schema lacks a field the workload exists to measure (it is not built yet). */
  | { status: 'skipped'; reason: string }
  /** The schema has the fields but the operation does not validate: the workload file is wrong. */
  | { status: 'invalid'; reason: string };

/** Whether `Type.field` exists in the schema. */
export function hasCoordinate(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, fieldName] = coordinate.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  return Boolean(fieldName && type && (isObjectType(type) || isInterfaceType(type)) && type.getFields()[fieldName]);
}

/**
 * Decides from the schema whether a workload runs: skipped only when a required coordinate is
 * missing, invalid when it does not validate for any other reason (the bench then fails loudly).
 */
export function checkWorkload(schema: GraphQLSchema, source: string, requires: readonly string[], rules: readonly ValidationRule[] = []): WorkloadAvailability {
  const missing = requires.filter((coordinate) => !hasCoordinate(schema, coordinate));
  if (missing.length > 0) return { status: 'skipped', reason: `skipped: ${missing.join(', ')} not in schema` };
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    return { status: 'invalid', reason: `does not parse: ${(error as Error).message}` };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length > 0) return { status: 'invalid', reason: `does not validate: ${errors.map((error) => error.message).join('; ')}` };
  return { status: 'ready', document };
}
