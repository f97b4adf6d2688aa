import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareFieldMap, IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import type { MaskKind } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import { maskValue } from '../../policies/masks';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { Logger } from '../../platform/logger';
import type { CoordinateDecision } from './catalog-rules';
import type { ClassifiedField } from './field-classes';
import { requestVerdict } from './operation-check';
import { recordAccess, type RecordLocator, type RecordLocators } from './record-locators';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * The step around a record's field, on every catalog and key field of a
 * located type. A catalog field shield does not guard (a plain property)
 * is decided here: the operation check's verdict on its coordinate, then the
 * record's school against the row scope. After the value is loaded it applies
 * the mask the request's access to this record carries (有条件共享
 * "对数据内容限定", the limit on content a conditional grant may set, Measures
 * 第五章), and notes the personal record as served. Synchronous, and it never
 * touches a loader, so deciding and masking cost no promise and no legacy call.
 */
export interface RecordFieldOptions {
  readonly records: RecordLocators;
  readonly decisions: ReadonlyMap<string, CoordinateDecision>;
  /** Coordinates whose shield rule has already decided by the time this step runs. */
  readonly shielded: ReadonlySet<string>;
  readonly logger: Logger;
}

export function recordFieldMiddleware(fields: ReadonlyArray<ClassifiedField>, options: RecordFieldOptions): IMiddlewareTypeMap {
  const map: Record<string, IMiddlewareFieldMap> = {};
  for (const field of fields) {
    const locate = options.records[field.typeName];
    if (!locate || (field.fieldClass !== 'catalog' && field.fieldClass !== 'key')) continue;
    const decision = field.fieldClass === 'catalog' && !options.shielded.has(field.coordinate) ? options.decisions.get(field.coordinate) : undefined;
    // graphql-middleware types a middleware as returning a promise, but passes any value on to graphql-js, which takes both.
    (map[field.typeName] ??= {})[field.fieldName] = recordField(field, locate, decision, options.logger) as IMiddlewareFunction;
  }
  return map;
}

type Resolve = (parent: object, args: unknown, context: BaseSubgraphContext, info: GraphQLResolveInfo) => unknown;
type FieldMiddleware = (resolve: Resolve, parent: object, args: unknown, context: BaseSubgraphContext, info: GraphQLResolveInfo) => unknown;

/** Synchronous when the resolver is (most of these fields are plain properties): no promise per field of a long list. */
function recordField(field: ClassifiedField, locate: RecordLocator<object>, decision: CoordinateDecision | undefined, logger: Logger): FieldMiddleware {
  return (resolve, parent, args, context, info) => {
    if (decision) {
      const verdict = requestVerdict(context, decision);
      const allowed = verdict === true ? decision.inScope(parent, context) : verdict;
      if (allowed !== true) return allowed;
    }
    const value = resolve(parent, args, context, info);
    // No closure for a synchronous value: a list of 1,000 records runs this for every field of every record.
    return isThenable(value)
      ? value.then((loaded) => servedValue(loaded, field, locate, parent, context, logger))
      : servedValue(value, field, locate, parent, context, logger);
  };
}

function servedValue(
  value: unknown, { coordinate, fieldClass }: ClassifiedField, locate: RecordLocator<object>, parent: object, context: BaseSubgraphContext, logger: Logger,
): unknown {
  const access = recordAccess(context.permissions, coordinate, locate.school(parent));
  // Only a key field gets here refused (a catalog field was decided above or by its rule): fetched for a join, stripped from the client's answer by the gateway, not served.
  if (!access.allowed) return value;
  if (locate.personal) context.recordsServed.add(locate.personal.type, locate.personal.id(parent), access.grantIds);
  if (access.mask === undefined || fieldClass === 'key') return value;
  return masked(access.mask, value, coordinate, context, logger);
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
