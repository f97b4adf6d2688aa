import type { GraphQLFormattedError, ParseOptions, ValidationRule } from 'graphql';
import type { Config } from '../../platform/config';
import { DEFAULT_PAGE_SIZE } from '../../platform/cross-part-types';
import { refusalFormatter } from './format-refusal';
import { limitRules, type OperationLimits } from './limit-rules';

export type { OperationLimits } from './limit-rules';
export type { CostOptions } from './operation-cost';

/** The part of the gateway's Apollo Server options that carries the limits. */
export interface LimitOptions {
  readonly validationRules: ValidationRule[];
  readonly parseOptions: ParseOptions;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly allowBatchedHttpRequests: false;
  readonly hideSchemaDetailsFromClientErrors: boolean;
  readonly validationOptions: { readonly maxErrors: number };
}

/**
 * Everything Apollo needs to enforce the operation limits, spread into its
 * options: the limit rules, graphql's parser token limit, our codes on
 * Apollo's own refusals, no batching, in production no "Did you mean …"
 * suggestions (Apollo's built-in, which strips them from validation errors),
 * and validation that stops at the first mistake: a document of a thousand
 * mistakes (`@aa@aa@aa…`, unknown fields) costs one error, not a thousand
 * checks and suggestions (platform/error-masking-plugin.ts drops graphql's
 * "validation aborted" notice that comes with it).
 */
export function operationLimits(limits: OperationLimits, production: boolean): LimitOptions {
  return {
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.tokens },
    formatError: refusalFormatter(limits.tokens),
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: production,
    validationOptions: { maxErrors: 1 },
  };
}

/** An unpaged list (a school's classes, a class's students) is costed as this many items: a large class. */
const UNPAGED_LIST_SIZE = 50;

/** The limits as configured (platform/config.ts; README "Operation limits"). */
export function configuredLimits(config: Config): OperationLimits {
  return {
    depth: config.MAX_QUERY_DEPTH,
    aliases: config.MAX_ALIASES,
    directives: config.MAX_DIRECTIVES,
    tokens: config.MAX_TOKENS,
    cost: config.MAX_QUERY_COST,
    costOptions: { defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: config.MAX_PAGE_SIZE, unpagedListSize: UNPAGED_LIST_SIZE },
  };
}
