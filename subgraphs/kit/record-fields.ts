import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareFieldMap, IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import type { MaskKind } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import { maskValue } from '../../policies/masks';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { Logger } from '../../platform/logger';
import type { ClassifiedField } from './field-classes';
import { recordAccess, type RecordLocator, type RecordLocators } from './record-locators';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * The step after a record's field is loaded and before it is returned, on
 * every catalog and key field of a located type: applies the mask the
 * request's access to this record carries (有条件共享 "对数据内容限定", the
 * limit on content a conditional grant may set, Measures 第五章), and notes the personal record as served. Runs
 * inside the shield rule, so it only sees fields the rule allowed; it never
 * touches a loader, so masking costs no legacy call.
 */
export function recordFieldMiddleware(fields: ReadonlyArray<ClassifiedField>, records: RecordLocators, logger: Logger): IMiddlewareTypeMap {
  const map: Record<string, IMiddlewareFieldMap> = {};
  for (const field of fields) {
    const locate = records[field.typeName];
    if (!locate || (field.fieldClass !== 'catalog' && field.fieldClass !== 'key')) continue;
    // graphql-middleware types a middleware as returning a promise, but passes any value on to graphql-js, which takes both.
    (map[field.typeName] ??= {})[field.fieldName] = recordField(field, locate, logger) as IMiddlewareFunction;
  }
  return map;
}

type Resolve = (parent: object, args: unknown, context: BaseSubgraphContext, info: GraphQLResolveInfo) => unknown;
type FieldMiddleware = (resolve: Resolve, parent: object, args: unknown, context: BaseSubgraphContext, info: GraphQLResolveInfo) => unknown;

/** Synchronous when the resolver is (most of these fields are plain properties): no promise per field of a long list. */
function recordField({ coordinate, fieldClass }: ClassifiedField, locate: RecordLocator<object>, logger: Logger): FieldMiddleware {
  return (resolve, parent, args, context, info) => {
    const finish = (value: unknown): unknown => {
      const access = recordAccess(context.permissions, coordinate, locate.school(parent));
      // Only a key field gets here refused: fetched for a join, stripped from the client's answer by the gateway, not served.
      if (!access.allowed) return value;
      if (locate.personal) context.recordsServed.add(locate.personal.type, locate.personal.id(parent), access.grantIds);
      if (access.mask === undefined || fieldClass === 'key') return value;
      return masked(access.mask, value, coordinate, context, logger);
    };
    const value = resolve(parent, args, context, info);
    return isThenable(value) ? value.then(finish) : finish(value);
  };
}

/**
 * Masks apply to text. A District under ADDRESS_DISTRICT (householdRegistration)
 * is already no finer than the district; any other value a mask cannot read is
 * refused rather than returned whole.
 */
function masked(mask: MaskKind, value: unknown, coordinate: string, context: BaseSubgraphContext, logger: Logger): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return maskValue(mask, value);
  if (mask === 'ADDRESS_DISTRICT' && isDistrict(value)) return value;
  logger.error({ requestId: context.request.requestId, coordinate, mask }, 'a mask was granted on a field whose value it cannot blur; refused');
  return toGraphQLError(errors.forbidden(`read ${coordinate} unmasked`, `the grant requires the ${mask} mask, which does not apply to this field.`));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isDistrict(value: unknown): boolean {
  return typeof value === 'object' && value !== null && /^\d{6}$/.test(String((value as { code?: unknown }).code));
}
