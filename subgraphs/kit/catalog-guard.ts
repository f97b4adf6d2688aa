import { applyMiddleware } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import type { GraphQLResolveInfo } from 'graphql';
import { shippedCatalog, type Catalog } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import { compileRules } from './catalog-rules';
import { classifyFields } from './field-classes';
import { recordFieldMiddleware } from './record-fields';
import type { RecordLocators } from './record-locators';
import type { BaseSubgraphContext, SubgraphGuard } from './subgraph-definition';

/**
 * The guard of the data subgraphs (DESIGN.md: graphql-shield inside each
 * subgraph, rules compiled from the catalog, reading the permissions from the
 * signed context). Shield's defaults are each turned around on purpose:
 * - `fallbackRule: deny`: shield allows a field without a rule by default;
 * - `fallbackError` answers FORBIDDEN with the coordinate and logs it, where
 *   shield would answer "Not Authorised!"; our rules catch their own
 *   failures (shield would swallow them into that same fallback);
 * - `allowExternalErrors: true`: a resolver's own error (UPSTREAM_UNAVAILABLE,
 *   BAD_USER_INPUT) passes as it is instead of becoming the fallback error;
 * - `debug: false`: never a stack trace.
 * The mask step is a second middleware inside the rules.
 */
export interface CatalogGuardOptions {
  readonly records: RecordLocators;
  /** The shipped catalog unless given (tests pass their own). */
  readonly catalog?: Catalog;
}

export function catalogGuard(options: CatalogGuardOptions): SubgraphGuard {
  return (schema, logger) => {
    const catalog = options.catalog ?? shippedCatalog();
    const fields = classifyFields(schema, (coordinate) => catalog.resourceOf(coordinate) !== undefined);
    const rules = shield(compileRules(fields, catalog, options.records, logger), {
      fallbackRule: deny,
      // Reached by a field no rule covers (and, as a net, by any rule shield saw fail): refused with our code and logged.
      fallbackError: (_error: unknown, _parent: object, _args: object, context: object, info: GraphQLResolveInfo) => {
        const coordinate = `${info.parentType.name}.${info.fieldName}`;
        logger.warn({ requestId: (context as BaseSubgraphContext).request?.requestId, coordinate }, 'field refused by the fallback rule: no rule covers it');
        return toGraphQLError(errors.forbidden(`read ${coordinate}`, 'the field is in no catalog resource, so no rule allows it.'));
      },
      allowExternalErrors: true,
      debug: false,
    });
    return applyMiddleware(schema, rules, recordFieldMiddleware(fields, options.records, logger));
  };
}
