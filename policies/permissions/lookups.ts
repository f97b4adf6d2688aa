import type { MaskKind } from '../catalog';
import { strictestMask } from '../masks/mask-order';
import { inRowScope, NO_ROWS, unionScope } from './row-scope';
import type { CoordinatePermission, Permissions, RowScope } from './types';

/**
 * The look-ups subgraph rules and resolvers make per field and per record.
 * They are synchronous and cheap: what they need is worked out once per
 * coordinate and cached with the permissions object (dropped with it).
 */

export type RecordAccess =
  | { readonly allowed: true; readonly mask?: MaskKind; readonly grantIds: ReadonlyArray<string> }
  | { readonly allowed: false; readonly code: 'NOT_SHARED' | 'NOT_GRANTED' | 'OUT_OF_SCOPE' };

interface ResolvedPath {
  readonly scope: RowScope;
  readonly mask?: MaskKind;
  readonly grantId?: string;
}

interface Resolved {
  readonly paths: ReadonlyArray<ResolvedPath>;
  readonly rowScope: RowScope;
}

const cache = new WeakMap<Permissions, Map<string, Resolved | undefined>>();

/** The permission on a coordinate; undefined for one the catalog does not declare. */
export function permissionOf(perms: Permissions, coordinate: string): CoordinatePermission | undefined {
  return Object.prototype.hasOwnProperty.call(perms.coordinates, coordinate) ? perms.coordinates[coordinate] : undefined;
}

/** True when the field may be read at all (for some records). Undeclared coordinates are denied. */
export function isAllowed(perms: Permissions, coordinate: string): boolean {
  return permissionOf(perms, coordinate)?.allowed === true;
}

/** The records a list query on the field may return: the union of its paths' scopes, pushed down into the source. */
export function rowScopeOf(perms: Permissions, coordinate: string): RowScope | undefined {
  return resolved(perms, coordinate)?.rowScope;
}

/**
 * Whether one record (known by its school) may show the field, and how.
 * Among the paths that reach the record the most restrictive mask applies: a
 * record reached both unmasked and masked is masked, since combining
 * conditions on one field takes the most restrictive. `grantIds` are the
 * grants of those paths, for the audit trail.
 */
export function accessForRecord(perms: Permissions, coordinate: string, schoolCode: string): RecordAccess {
  const permission = permissionOf(perms, coordinate);
  if (permission === undefined) return { allowed: false, code: 'NOT_GRANTED' };
  if (!permission.allowed) return { allowed: false, code: permission.code };
  const covering = resolved(perms, coordinate)!.paths.filter((path) => inRowScope(path.scope, schoolCode));
  if (covering.length === 0) return { allowed: false, code: outsideScopeCode(perms, coordinate) };
  const mask = strictestMask(covering.map((path) => path.mask));
  const grantIds = [...new Set(covering.flatMap((path) => (path.grantId === undefined ? [] : [path.grantId])))].sort();
  return { allowed: true, ...(mask === undefined ? {} : { mask }), grantIds };
}

/**
 * The code for a record no path of the coordinate reaches. OUT_OF_SCOPE is
 * "outside the grant's row scope": it needs a grant. A unit that reads the
 * field only over its own jurisdiction was never granted it elsewhere, so a
 * record outside is NOT_GRANTED (apply for the resource), never OUT_OF_SCOPE.
 */
export function outsideScopeCode(perms: Permissions, coordinate: string): 'OUT_OF_SCOPE' | 'NOT_GRANTED' {
  const permission = permissionOf(perms, coordinate);
  return permission?.allowed && permission.paths.some((path) => path.grantId !== undefined) ? 'OUT_OF_SCOPE' : 'NOT_GRANTED';
}

function resolved(perms: Permissions, coordinate: string): Resolved | undefined {
  let byCoordinate = cache.get(perms);
  if (byCoordinate === undefined) {
    byCoordinate = new Map();
    cache.set(perms, byCoordinate);
  }
  if (byCoordinate.has(coordinate)) return byCoordinate.get(coordinate);

  const permission = permissionOf(perms, coordinate);
  let result: Resolved | undefined;
  if (permission?.allowed) {
    // A scope id missing from `scopes` reaches nothing: fail closed (parsePermissions rules it out anyway).
    const paths = permission.paths.map((path) => ({ ...path, scope: perms.scopes[path.scope] ?? NO_ROWS }));
    result = { paths, rowScope: paths.map((path) => path.scope).reduce(unionScope, NO_ROWS) };
  }
  byCoordinate.set(coordinate, result);
  return result;
}
