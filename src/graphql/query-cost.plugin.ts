import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues } from 'graphql';
import type { GatewayContext } from '../context';
import { queryTooCostly } from '../errors';
import { createCostModel, type CostModel } from './query-cost';
import { FIELD_COSTS } from './query-cost.table';

/**
 * Refuses, before it runs, an operation whose worst-case cost (`src/graphql/query-cost.ts`,
 * variables resolved) is over `maxCost`: QUERY_TOO_COSTLY, HTTP 400, stating estimate and limit.
 * Variables that do not coerce are left to execution, which reports them.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin<GatewayContext> {
  let model: CostModel | undefined;
  return {
    async serverWillStart({ schema }) {
      model = createCostModel(schema, FIELD_COSTS);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!model) throw new Error('The query cost model is built when the server starts');
          if (!operation) return;
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return;
          const cost = model.estimate(operation, document, variables.coerced);
          if (cost > maxCost) throw queryTooCostly(operation.name?.value ?? '(anonymous)', Math.min(cost, Number.MAX_SAFE_INTEGER), maxCost);
        },
      };
    },
  };
}
