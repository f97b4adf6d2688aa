import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import { operationCost, type CostOptions } from './operation-cost';

/** The operation limits, each a maximum an operation may reach (README "Operation limits"). */
export interface OperationLimits {
  readonly depth: number;
  readonly aliases: number;
  readonly directives: number;
  readonly tokens: number;
  readonly cost: number;
  readonly costOptions: CostOptions;
}

/**
 * graphql-armor's rules count depth, aliases and directives (fragments
 * followed, each counted once per spread). Their own refusal is a bare
 * GraphQLError with Apollo's code, or a thrown one that Apollo answers 500; so
 * they are told not to propagate, and each rejection is reported on the
 * validation context as our QUERY_TOO_COSTLY naming the limit and the figure.
 */
function reportAs(limit: string, maximum: number) {
  return {
    n: maximum,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => {
      // The figure is only in armor's message ("… exceeded, found 17."): without it, say "over the limit".
      const found = /found (\d+)/.exec(error.message);
      context?.reportError(toGraphQLError(errors.queryTooCostly(limit, found ? Number(found[1]) : maximum + 1, maximum)));
    }],
  };
}

/** Refuses an operation whose cost (operation-cost.ts) is over the maximum. */
export function costLimitRule(maximum: number, options: CostOptions): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context.getSchema(), operation, (name) => context.getFragment(name), options);
      if (cost > maximum) context.reportError(toGraphQLError(errors.queryTooCostly('cost', cost, maximum)));
    },
  });
}

/**
 * The validation rules of the limits, in Apollo's `validationRules`: they run
 * with graphql's own rules, before the request is decided (gateway/decision)
 * and before the gateway plans. Aliases of `__typename` count too
 * (armor exempts them by default, which lets a client ask for it 10,000 times).
 */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule(reportAs('depth', limits.depth)) as unknown as ValidationRule,
    maxAliasesRule({ ...reportAs('aliases', limits.aliases), allowList: [] }) as unknown as ValidationRule,
    maxDirectivesRule(reportAs('directives', limits.directives)) as unknown as ValidationRule,
    costLimitRule(limits.cost, limits.costOptions),
  ];
}
