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
 * The decisions compiled from the catalog, one per catalog coordinate: may
 * this request read the coordinate at all (asked once per operation), and
 * may it read it on this record (row scope, asked per record). Every decision
 * is a synchronous look-up in the request's permissions: no I/O, no promise,
 * so resolvers behind it still batch their DataLoader calls in one tick. A
 * refusal is returned as a GraphQLError with our code, never thrown (shield
 * would swallow a thrown error into its fallback error); a decision that
 * fails is logged with its error and answers FORBIDDEN.
 */
export interface CoordinateDecision {
  readonly coordinate: string;
  /** Whether the request may read the coordinate on some record. */
  forRequest(context: BaseSubgraphContext): true | GraphQLError;
  /** Whether it may read it on this record: `forRequest`, then the record's school against the row scope. */
  forRecord(parent: object, context: BaseSubgraphContext): true | GraphQLError;
  /** The row-scope half of `forRecord`, for a coordinate `forRequest` has already allowed. */
  inScope(parent: object, context: BaseSubgraphContext): true | GraphQLError;
}

export function compileDecisions(fields: ReadonlyArray<ClassifiedField>, catalog: Catalog, records: RecordLocators, logger: Logger): ReadonlyMap<string, CoordinateDecision> {
  const decisions = new Map<string, CoordinateDecision>();
  for (const field of fields) {
    if (field.fieldClass === 'catalog') decisions.set(field.coordinate, coordinateDecision(field, catalog, records, logger));
  }
  return decisions;
}

const allowKeyField = rule('allow key field', { cache: 'no_cache' })(() => true);
const allowStructuralField = rule('allow structural field', { cache: 'no_cache' })(() => true);
const allowFederationField = rule('allow federation field', { cache: 'no_cache' })(() => true);

/**
 * The shield rule tree for the fields shield is applied to: the catalog
 * decision per record for a catalog coordinate, shared rules for key,
 * structural and federation fields, nothing for an unclassified field (the
 * fallback rule denies it).
 */
export function compileRules(fields: ReadonlyArray<ClassifiedField>, decisions: ReadonlyMap<string, CoordinateDecision>): IRules {
  const tree: Record<string, Record<string, IRule>> = {};
  for (const field of fields) {
    const fieldRule = ruleFor(field, decisions);
    if (fieldRule) (tree[field.typeName] ??= {})[field.fieldName] = fieldRule;
  }
  return tree;
}

function ruleFor(field: ClassifiedField, decisions: ReadonlyMap<string, CoordinateDecision>): IRule | undefined {
  switch (field.fieldClass) {
    case 'key': return allowKeyField;
    case 'structural': return allowStructuralField;
    case 'federation': return allowFederationField;
    case 'unclassified': return undefined;
    case 'catalog': {
      const decision = decisions.get(field.coordinate)!;
      return rule(`allow ${field.coordinate}`, { cache: 'no_cache' })((parent: object, _args: unknown, context: BaseSubgraphContext) => decision.forRecord(parent, context));
    }
  }
}

function coordinateDecision({ coordinate, typeName }: ClassifiedField, catalog: Catalog, records: RecordLocators, logger: Logger): CoordinateDecision {
  const resource = catalog.resourceOf(coordinate)!;
  const locate = records[typeName];
  if (!locate && typeName !== 'Query') {
    // Without a locator the rule could not test row scope: refuse to start rather than serve out-of-scope records.
    throw new Error(`${coordinate} is a catalog coordinate but type ${typeName} has no record locator`);
  }
  const guarded = <A extends unknown[]>(decide: (context: BaseSubgraphContext, ...rest: A) => true | GraphQLError) =>
    (context: BaseSubgraphContext, ...rest: A): true | GraphQLError => {
      try {
        return decide(context, ...rest);
      } catch (error) {
        logger.error({ err: error, requestId: context.request.requestId, coordinate }, 'field refused: its rule failed');
        return toGraphQLError(errors.forbidden(`read ${coordinate}`, 'checking the permission failed; the operators have the details.'));
      }
    };
  const forRequest = (context: BaseSubgraphContext): true | GraphQLError => {
    const permission = permissionOf(context.permissions, coordinate);
    return permission?.allowed ? true : toGraphQLError(refusal(coordinate, permission, resource.code, resource.legalBasis));
  };
  const inScope = guarded((context: BaseSubgraphContext, parent: object): true | GraphQLError => {
    if (!locate) return true;
    const access = recordAccess(context.permissions, coordinate, locate.school(parent));
    if (access.allowed) return true;
    if (access.code === 'OUT_OF_SCOPE') return toGraphQLError(errors.outOfScope(coordinate, locate.id(parent)));
    return toGraphQLError(refusal(coordinate, permissionOf(context.permissions, coordinate), resource.code, resource.legalBasis));
  });
  const checked = guarded(forRequest);
  return {
    coordinate,
    forRequest: checked,
    inScope: (parent, context) => inScope(context, parent),
    forRecord: (parent, context) => {
      const allowed = checked(context);
      return allowed === true ? inScope(context, parent) : allowed;
    },
  };
}

/** NOT_SHARED cites the legal basis (不予共享类 must give it, Measures 第五章); anything else (a coordinate the permissions omit included) is NOT_GRANTED. */
function refusal(coordinate: string, permission: CoordinatePermission | undefined, resource: string, legalBasis: string | undefined): ErrorShape {
  if (permission && !permission.allowed && permission.code === 'NOT_SHARED') {
    return errors.notShared(coordinate, permission.resource, permission.legalBasis ?? legalBasis ?? '');
  }
  const reason = permission && !permission.allowed ? permission.reason : undefined;
  return errors.notGranted(coordinate, permission?.resource ?? resource, reason);
}
