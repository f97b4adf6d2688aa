import type { GraphQLError } from 'graphql';
import { rule, type IRule, type IRules } from 'graphql-shield';
import type { Catalog } from '../../policies/catalog';
import { errors, type ErrorShape } from '../../policies/errors';
import { permissionOf, type CoordinatePermission } from '../../policies/permissions';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { Logger } from '../../platform/logger';
import type { ClassifiedField } from './field-classes';
import { recordAccess, type RecordLocators } from './record-locators';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * The shield rule tree compiled from the catalog: one named rule per catalog
 * coordinate (`allow Student.idNumber`), shared rules for key, structural and
 * federation fields, nothing for an unclassified field (the fallback rule
 * denies it). Every rule is a synchronous look-up in the request's signed
 * permissions: no I/O, no promise of its own, so resolvers behind it still
 * batch their DataLoader calls in one tick. A refusal is returned as a
 * GraphQLError with our code, never thrown: shield would swallow a thrown
 * error into its fallback error, losing it; a rule that fails is logged with
 * its error and answers FORBIDDEN.
 */
export function compileRules(fields: ReadonlyArray<ClassifiedField>, catalog: Catalog, records: RecordLocators, logger: Logger): IRules {
  const tree: Record<string, Record<string, IRule>> = {};
  for (const field of fields) {
    const fieldRule = ruleFor(field, catalog, records, logger);
    if (fieldRule) (tree[field.typeName] ??= {})[field.fieldName] = fieldRule;
  }
  return tree;
}

const allowKeyField = rule('allow key field', { cache: 'no_cache' })(() => true);
const allowStructuralField = rule('allow structural field', { cache: 'no_cache' })(() => true);
const allowFederationField = rule('allow federation field', { cache: 'no_cache' })(() => true);

function ruleFor(field: ClassifiedField, catalog: Catalog, records: RecordLocators, logger: Logger): IRule | undefined {
  switch (field.fieldClass) {
    case 'key': return allowKeyField;
    case 'structural': return allowStructuralField;
    case 'federation': return allowFederationField;
    case 'unclassified': return undefined;
    case 'catalog': return coordinateRule(field, catalog, records, logger);
  }
}

function coordinateRule({ coordinate, typeName }: ClassifiedField, catalog: Catalog, records: RecordLocators, logger: Logger): IRule {
  const resource = catalog.resourceOf(coordinate)!;
  const locate = records[typeName];
  if (!locate && typeName !== 'Query') {
    // Without a locator the rule could not test row scope: refuse to start rather than serve out-of-scope records.
    throw new Error(`${coordinate} is a catalog coordinate but type ${typeName} has no record locator`);
  }
  const decide = (parent: object, context: BaseSubgraphContext): true | GraphQLError => {
    const permission = permissionOf(context.permissions, coordinate);
    if (!permission?.allowed) return toGraphQLError(refusal(coordinate, permission, resource.code, resource.legalBasis));
    if (!locate) return true;
    const access = recordAccess(context.permissions, coordinate, locate.school(parent));
    if (access.allowed) return true;
    if (access.code === 'OUT_OF_SCOPE') return toGraphQLError(errors.outOfScope(coordinate, locate.id(parent)));
    return toGraphQLError(refusal(coordinate, permission, resource.code, resource.legalBasis));
  };
  return rule(`allow ${coordinate}`, { cache: 'no_cache' })((parent: object, _args: unknown, context: BaseSubgraphContext) => {
    try {
      return decide(parent, context);
    } catch (error) {
      logger.error({ err: error, requestId: context.request.requestId, coordinate }, 'field refused: its rule failed');
      return toGraphQLError(errors.forbidden(`read ${coordinate}`, 'checking the permission failed; the operators have the details.'));
    }
  });
}

/** NOT_SHARED cites the legal basis (不予共享类 must give it, Measures 第五章); anything else (a coordinate the permissions omit included) is NOT_GRANTED. */
function refusal(coordinate: string, permission: CoordinatePermission | undefined, resource: string, legalBasis: string | undefined): ErrorShape {
  if (permission && !permission.allowed && permission.code === 'NOT_SHARED') {
    return errors.notShared(coordinate, permission.resource, permission.legalBasis ?? legalBasis ?? '');
  }
  const reason = permission && !permission.allowed ? permission.reason : undefined;
  return errors.notGranted(coordinate, permission?.resource ?? resource, reason);
}
