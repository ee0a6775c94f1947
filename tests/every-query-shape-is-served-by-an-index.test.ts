import fs from 'node:fs';
import path from 'node:path';
import { buildASTSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { readTypeDefs } from '../src/graphql/type-defs';
import { REFERENCE_FIELDS } from '../src/store/collections';
import { ID_INDEX_NAME, INDEX_PLAN, indexServing, keysFor, orderedIndexServes, SERVED_SHAPES, type PlannedIndex } from '../src/store/index-plan';
import { indexTableIn, renderIndexTable } from '../src/store/index-plan-table';
import { LISTS, NESTED_CONNECTIONS, SEARCHED, SHAPES, unreadReferenceFields, type QueryShape } from '../src/store/query-shapes';
import { describeIndexUseOnMongo } from './support/explain-on-mongo';
import { testEngines } from './support/stores';

const schema: GraphQLSchema = buildASTSchema(parse(readTypeDefs().join('\n')));
const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

const fieldsOf = (index: PlannedIndex) => index.keys.map((key) => key.field);
const ordered = INDEX_PLAN.filter((index) => index.kind === 'ordered');

describe('the query shapes follow the schema', () => {
  it.each(LISTS.map((list) => [list.rootField, list] as const))('every ordering and filter field of Query.%s has its shapes', (_name, list) => {
    const orderEnum = schema.getType(list.orderFieldEnum);
    const filterInput = schema.getType(list.filterInput);
    if (!isEnumType(orderEnum) || !isInputObjectType(filterInput)) throw new Error(`${list.orderFieldEnum} or ${list.filterInput} is missing from the schema`);
    expect(Object.keys(list.orderings).sort()).toEqual(orderEnum.getValues().map((value) => value.name).sort());
    expect(Object.keys(list.filters).sort()).toEqual(Object.keys(filterInput.getFields()).sort());
    const root = schema.getQueryType()?.getFields()[list.rootField];
    expect(root?.args.map((argument) => getNamedType(argument.type).name)).toEqual(expect.arrayContaining([list.filterInput, list.filterInput.replace('Filter', 'Order')]));

    const pages = SHAPES.filter((shape) => shape.kind === 'page' && shape.collection === list.collection);
    for (const ordering of Object.keys(list.orderings)) {
      for (const [name, match] of Object.entries(list.filters)) {
        const served = pages.some(
          (shape) =>
            shape.ordering === ordering &&
            (match.match === 'equality' ? shape.equality.includes(match.field) : match.match === 'range' ? shape.range.includes(match.field) : match.fields.every((field) => shape.residual.includes(field))),
        );
        if (!served) throw new Error(`No query shape for ${list.rootField}(filter: { ${name} }, orderBy: ${ordering})`);
      }
    }
  });

  it('every nested connection of the schema hangs from a reference field, with a shape per ordering', () => {
    const inSchema: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type === schema.getQueryType() || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type).name;
        if (named.endsWith('Connection') && named !== 'SearchConnection') inSchema.push(`${type.name}.${field.name}`);
      }
    }
    expect(NESTED_CONNECTIONS.map((connection) => `${connection.type}.${connection.field}`).sort()).toEqual(inSchema.sort());
    for (const connection of NESTED_CONNECTIONS) {
      expect(REFERENCE_FIELDS[connection.collection]).toContain(connection.parentField);
      const field = (schema.getType(connection.type) as { getFields(): Record<string, { args: ReadonlyArray<{ name: string }> }> }).getFields()[connection.field];
      expect(field?.args.some((argument) => argument.name === 'filter')).toBe(connection.filtered);
      const list = LISTS.find((candidate) => candidate.collection === connection.collection);
      for (const ordering of Object.keys(list?.orderings ?? {})) {
        expect(SHAPES.some((shape) => shape.kind === 'nested page' && shape.parentField === connection.parentField && shape.ordering === ordering)).toBe(true);
      }
    }
  });

  it('every indexed reference field is read by some shape', () => {
    expect(unreadReferenceFields()).toEqual([]);
  });
});

describe('the index plan serves every query shape', () => {
  it('names, for every shape, an index of the plan whose keys are in ESR order for it', () => {
    for (const shape of SERVED_SHAPES) {
      if (shape.kind === 'corpus') {
        // A whole-corpus aggregate reads everything by design: the README documents it.
        expect(shape.index).toBeNull();
        continue;
      }
      const index = INDEX_PLAN.find((candidate) => candidate.collection === shape.collection && candidate.name === shape.index);
      if (!index) throw new Error(`${shape.name} (${shape.use}) names no index of the plan`);
      expect(indexServing(shape)?.name).toBe(index.name);
      if (index.kind !== 'text') expect(orderedIndexServes(fieldsOf(index), shape)).toBe(true);
    }
  });

  it('fails a filter, an ordering or a range that no planned index serves', () => {
    const byMadeAt = SHAPES.find((shape) => shape.name === 'statements: stance = ? · by MADE_AT') as QueryShape;
    expect(indexServing(byMadeAt)?.name).toBe('ix_stance_madeAt__id');
    expect(indexServing({ ...byMadeAt, equality: ['venue'] })).toBeUndefined();
    expect(indexServing({ ...byMadeAt, sort: [{ field: 'venue', direction: 1 }, { field: '_id', direction: 1 }] })).toBeUndefined();
    // Range before sort breaks ESR: { stance, madeAt, _id } cannot serve a page by id within a madeAt range...
    const rangeThenSort: PlannedIndex[] = INDEX_PLAN.filter((index) => index.collection === 'statements' && index.name === 'ix_stance_madeAt__id');
    expect(indexServing({ ...byMadeAt, sort: [{ field: '_id', direction: 1 }], range: ['madeAt'] }, rangeThenSort)).toBeUndefined();
    // ...and without the plan's { stance, _id, madeAt } nothing does.
    expect(indexServing({ ...byMadeAt, sort: [{ field: '_id', direction: 1 }], range: ['madeAt'] })?.name).toBe('ix_stance__id_madeAt');
  });

  it('declares no index that is a prefix of another', () => {
    for (const index of ordered) {
      const longer = INDEX_PLAN.filter((other) => other !== index && other.collection === index.collection && other.kind !== 'text' && fieldsOf(other).join(',').startsWith(`${fieldsOf(index).join(',')},`));
      expect(longer.map((other) => `${index.name} begins ${other.name}`)).toEqual([]);
    }
    for (const collection of Object.keys(REFERENCE_FIELDS)) {
      const names = INDEX_PLAN.filter((index) => index.collection === collection).map((index) => index.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('ends every ordered index that serves a page with the id, and puts at most one array field in an index', () => {
    for (const index of ordered) {
      expect(fieldsOf(index)).toContain('_id');
      // Arrays are the `...Ids` reference lists (and text fields, which only the text index holds): MongoDB indexes one array per compound index.
      expect(fieldsOf(index).filter((field) => field.endsWith('Ids')).length).toBeLessThanOrEqual(1);
    }
    for (const shape of SHAPES.filter((candidate) => candidate.sort.length > 0)) expect(keysFor(shape)).toContain('_id');
  });

  it('has the id index everywhere, and a text index exactly where search reads one', () => {
    const searchType = schema.getType('SearchType');
    if (!isEnumType(searchType)) throw new Error('SearchType is missing from the schema');
    expect(Object.keys(SEARCHED).sort()).toEqual(searchType.getValues().map((value) => value.name).sort());
    for (const collection of Object.keys(REFERENCE_FIELDS)) {
      expect(INDEX_PLAN.some((index) => index.collection === collection && index.name === ID_INDEX_NAME)).toBe(true);
      const searched = (Object.values(SEARCHED) as string[]).includes(collection);
      expect(INDEX_PLAN.some((index) => index.collection === collection && index.kind === 'text')).toBe(searched);
    }
    for (const shape of SHAPES.filter((candidate) => candidate.kind === 'search')) expect(indexServing(shape)?.kind).toBe('text');
  });

  it('is the table the README lists', () => {
    const expected = renderIndexTable();
    const current = indexTableIn(README);
    if (current !== expected) throw new Error(`README.md's index table is out of date; replace it with:\n\n${expected}\n`);
  });
});

const onMongo = testEngines().filter((engine) => engine.name === 'mongo');
// MongoDB runs wherever MONGODB_URI is set (the public CI workflow's service container).
if (onMongo.length > 0) describeIndexUseOnMongo();
