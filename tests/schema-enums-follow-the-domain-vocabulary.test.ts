import { buildASTSchema, GraphQLEnumType, parse } from 'graphql';
import { readTypeDefs } from '../src/graphql/type-defs';
import { ACTOR_KINDS, QUOTE_KINDS, REPORT_KINDS, REPORT_STATUSES, STANCES } from '../src/vocabulary';

const schema = buildASTSchema(parse(readTypeDefs().join('\n')));

const enumValues = (name: string): string[] => {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((value) => value.name);
};

describe('the GraphQL enums', () => {
  it.each([
    ['ActorKind', ACTOR_KINDS],
    ['ReportKind', REPORT_KINDS],
    ['Stance', STANCES],
    ['QuoteKind', QUOTE_KINDS],
    ['ReportStatus', REPORT_STATUSES],
  ])('%s lists exactly the values the seed schema accepts', (name, values) => {
    expect(enumValues(name)).toEqual([...values]);
  });

  it('describes every type and field for the playground', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) if (!field.description) undocumented.push(`${type.name}.${field.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
