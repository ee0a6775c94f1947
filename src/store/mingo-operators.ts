import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { PipelineOperator } from 'mingo/types';

/**
 * All of mingo's operators, with `pipelineOverrides` in place of mingo's pipeline operators of
 * the same names. (A context passed to mingo's `find`/`aggregate` cannot replace a built-in
 * operator: theirs wins the merge. So the embedded engine builds the whole context itself and
 * runs mingo's `Query` and `Aggregator` classes with it; sub-pipelines inherit it.)
 */
export function mingoContext(pipelineOverrides: Readonly<Record<`$${string}`, PipelineOperator>>): Context {
  return Context.init({
    accumulator: accumulatorOperators,
    expression: expressionOperators,
    pipeline: { ...pipelineOperators, ...pipelineOverrides },
    projection: projectionOperators,
    query: queryOperators,
    window: windowOperators,
  });
}
