import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { REQUEST_LIMIT_DEFAULTS } from '../src/config';
import { createCostModel } from '../src/graphql/query-cost';
import { FIELD_COSTS } from '../src/graphql/query-cost.table';
import { readTypeDefs } from '../src/graphql/type-defs';

const OPERATIONS = path.join(__dirname, '..', 'web', 'src', 'operations');
const files = fs.readdirSync(OPERATIONS).filter((name) => name.endsWith('.graphql'));

/**
 * The explorer must work on a gateway with default limits for any article the data allows, so
 * each of its operations must cost, at worst, less than the default limit, with room for the
 * schema to grow. Costs are estimated with no variables: lists take their bounds and defaults.
 */
describe("the explorer's operations fit the default cost limit", () => {
  const model = createCostModel(buildSchema(readTypeDefs().join('\n')), FIELD_COSTS);

  it.each(files)('%s costs under three quarters of the default limit', (file) => {
    const document = parse(fs.readFileSync(path.join(OPERATIONS, file), 'utf8'));
    const [operation] = document.definitions as OperationDefinitionNode[];
    if (operation === undefined) throw new Error(`${file} holds no operation`);
    expect(model.estimate(operation, document, {})).toBeLessThan(REQUEST_LIMIT_DEFAULTS.maxQueryCost * 0.75);
  });
});
