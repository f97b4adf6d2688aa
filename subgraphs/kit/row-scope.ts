import { errors } from '../../policies/errors';
import { inRowScope, NO_ROWS, outsideScopeCode, permissionOf, rowScopeOf, type RowScope } from '../../policies/permissions';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * Row scope on the resolvers' side (units share "在授权范围内", within what
 * they were granted; 有条件共享 may limit the records, Measures 第五章): list
 * queries push the scope of their coordinate down into the legacy query, so
 * records outside it never leave the legacy system (DESIGN.md "Row scope is
 * pushed down"); look-ups by id answer OUT_OF_SCOPE for an existing record
 * outside it.
 */

/**
 * The records a list or look-up coordinate may return. A refused coordinate
 * reaches no record (its shield rule has already answered it; this is the
 * second line).
 */
export function scopeOf(context: BaseSubgraphContext, coordinate: string): RowScope {
  return rowScopeOf(context.permissions, coordinate) ?? NO_ROWS;
}

/** The scope as a source's filter: undefined when it reaches every record. */
export function scopeFilter(scope: RowScope): { readonly districts: ReadonlyArray<string>; readonly schools: ReadonlyArray<string> } | undefined {
  return scope.all ? undefined : { districts: scope.districts, schools: scope.schools };
}

/**
 * The schools a source filtered by school code may be asked for: the
 * client's own filter narrowed to the scope, the scope's schools when the
 * client gave none, and undefined (no restriction) only when both are open.
 */
export function schoolsInScope(scope: RowScope, requested: ReadonlyArray<string> | undefined): ReadonlyArray<string> | undefined {
  if (scope.all) return requested;
  if (requested === undefined) return scope.schools;
  return requested.filter((code) => inRowScope(scope, code));
}

/** For a record found by id: throws when its school is outside the coordinate's scope (see `outsideScope`). */
export function requireInScope<T>(context: BaseSubgraphContext, coordinate: string, id: string, record: T | null, schoolOf: (record: T) => string): T | null {
  if (record !== null && !inRowScope(scopeOf(context, coordinate), schoolOf(record))) throw outsideScope(context, coordinate, id);
  return record;
}

/**
 * The refusal for a record that exists outside the coordinate's scope:
 * OUT_OF_SCOPE when a grant reaches the coordinate elsewhere, NOT_GRANTED
 * when no grant covers it at all (policies' `outsideScopeCode`).
 */
export function outsideScope(context: BaseSubgraphContext, coordinate: string, id: string): Error {
  if (outsideScopeCode(context.permissions, coordinate) === 'OUT_OF_SCOPE') return toGraphQLError(errors.outOfScope(coordinate, id));
  const resource = permissionOf(context.permissions, coordinate)?.resource ?? 'unknown';
  return toGraphQLError(errors.notGranted(coordinate, resource));
}
