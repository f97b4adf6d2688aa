import { applyMiddleware, type IMiddleware, type IMiddlewareFieldMap, type IMiddlewareGenerator, type IMiddlewareTypeMap } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { shippedCatalog, type Catalog } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import { compileDecisions, compileRules } from './catalog-rules';
import { classifyFields, type ClassifiedField } from './field-classes';
import { operationCheckMiddleware } from './operation-check';
import { recordFieldMiddleware } from './record-fields';
import type { RecordLocators } from './record-locators';
import type { BaseSubgraphContext, SubgraphGuard } from './subgraph-definition';

/**
 * The guard of the data subgraphs (DESIGN.md: graphql-shield inside each
 * subgraph, rules compiled from the catalog, reading the permissions from the
 * signed context). Three layers, so that every field is decided and none pays
 * for a decision twice:
 * - the operation check (operation-check.ts) on each entry point decides every
 *   coordinate the operation selects against the permissions, once;
 * - graphql-shield guards the fields where a decision starts work: entry
 *   points (`_entities` included), every field with a resolver of its own, and
 *   every field no rule covers (its fallback rule denies it);
 * - the record step (record-fields.ts) decides the remaining catalog fields,
 *   plain properties of a loaded record, per record against the row scope,
 *   and masks and notes what is served. Key, structural and federation
 *   properties are allowed by class (field-classes.ts).
 * Shield's defaults are each turned around on purpose:
 * - `fallbackRule: deny`: shield allows a field without a rule by default;
 * - `fallbackError` answers FORBIDDEN with the coordinate and logs it, where
 *   shield would answer "Not Authorised!"; our rules catch their own
 *   failures (shield would swallow them into that same fallback);
 * - `allowExternalErrors: true`: a resolver's own error (UPSTREAM_UNAVAILABLE,
 *   BAD_USER_INPUT) passes as it is instead of becoming the fallback error;
 * - `debug: false`: never a stack trace.
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
    const decisions = compileDecisions(fields, catalog, options.records, logger);
    const shielded = shieldedCoordinates(schema, fields);
    const rules = shield(compileRules(fields.filter((field) => shielded.has(field.coordinate)), decisions), {
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
    return applyMiddleware(
      schema,
      operationCheckMiddleware(schema, decisions),
      onlyFields((rules as IMiddlewareGenerator<unknown, unknown, unknown>).generate(schema), shielded),
      recordFieldMiddleware(fields, { records: options.records, decisions, shielded, logger }),
    );
  };
}

/**
 * The fields shield guards: entry points (the root types' fields, `_entities`
 * among them), every field with a resolver of its own, and every field of no
 * known class, which only shield's fallback rule may answer.
 */
export function shieldedCoordinates(schema: GraphQLSchema, fields: ReadonlyArray<ClassifiedField>): ReadonlySet<string> {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  const shielded = new Set<string>();
  for (const field of fields) {
    const type = schema.getType(field.typeName);
    const resolved = isObjectType(type) && type.getFields()[field.fieldName]?.resolve !== undefined;
    if (roots.has(field.typeName) || resolved || field.fieldClass === 'unclassified') shielded.add(field.coordinate);
  }
  return shielded;
}

/** Shield's middleware for every field of the schema (a type map, as shield generates it), cut down to the given coordinates. */
function onlyFields(middleware: IMiddleware, coordinates: ReadonlySet<string>): IMiddlewareTypeMap {
  const kept: Record<string, IMiddlewareFieldMap> = {};
  for (const [typeName, fieldMap] of Object.entries(middleware as IMiddlewareTypeMap)) {
    if (typeof fieldMap !== 'object') continue;
    for (const [fieldName, fieldMiddleware] of Object.entries(fieldMap)) {
      if (coordinates.has(`${typeName}.${fieldName}`)) (kept[typeName] ??= {})[fieldName] = fieldMiddleware;
    }
  }
  return kept;
}
