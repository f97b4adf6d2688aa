import { Kind } from 'graphql';
import { errors } from '../../../policies/errors';
import { operationCost } from '../../limits/operation-cost';
import { rejectWith, type RequestCheck } from '../request-decision';

/**
 * The cost check again once the request's variables are known: validation
 * prices `first: $n` at the variable's default, which a client chooses, so
 * `query ($n: Int = 1)` sent with `{ "n": 500 }` is priced here at 500.
 */
export const costWithVariables: RequestCheck = (input, admitted) => {
  if (!input.variables) return admitted;
  const fragments = new Map(input.document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const { maxCost, costOptions } = input.settings;
  const cost = operationCost(input.schema, input.operation, (name) => fragments.get(name), costOptions, input.variables as Record<string, unknown>);
  if (cost <= maxCost) return admitted;
  const shape = errors.queryTooCostly('cost', cost, maxCost);
  return rejectWith(shape, 400);
};
