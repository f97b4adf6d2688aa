import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
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
 * The cost check again once the request's variables are known: validation
 * prices `first: $n` at the variable's default, which a client chooses, so
 * `query ($n: Int = 1)` sent with `{ "n": 500 }` is priced here at 500. Runs
 * before the enforcement plugin works out permissions (install it first).
 */
export function costWithVariablesPlugin(maximum: number, options: CostOptions): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation || !request.variables) return;
          const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
          const cost = operationCost(schema, operation, (name) => fragments.get(name), options, request.variables);
          if (cost > maximum) throw toGraphQLError(errors.queryTooCostly('cost', cost, maximum));
        },
      };
    },
  };
}

/**
 * The validation rules of the limits, in Apollo's `validationRules`: they run
 * with graphql's own rules, before the enforcement plugin works out
 * permissions and before the gateway plans. Aliases of `__typename` count too
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
