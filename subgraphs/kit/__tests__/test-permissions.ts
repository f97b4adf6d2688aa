import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadDefaultCatalog, type MaskKind } from '../../../policies/catalog';
import { declaredCoordinates } from '../../../policies/coordinates';
import { ALL_ROWS, partialScope, serializePermissions, type CoordinatePermission, type Permissions, type RowScope } from '../../../policies/permissions';
import { fixedUnits } from '../../../policies/units';
import type { RequestContextClaims } from '../../../platform/signed-context';
import { createBaseContext } from '../base-context';
import type { SubgraphDefinition } from '../subgraph-definition';

/**
 * Hand-made permissions for subgraph tests, in the shape the gateway signs:
 * every declared coordinate allowed over all rows unless the test says
 * otherwise, so a test about something else is not refused by accident.
 */
export const catalog = loadDefaultCatalog(new Set(fixedUnits.map((unit) => unit.code)));

export interface TestPermissionsOptions {
  readonly unit?: string;
  /** The scope of every allowed coordinate without a scope of its own (default: all rows). */
  readonly scope?: RowScope;
  /** Per-coordinate scopes. */
  readonly scopes?: Readonly<Record<string, RowScope>>;
  readonly masks?: Readonly<Record<string, MaskKind>>;
  /** Coordinates refused, with the code. */
  readonly refuse?: Readonly<Record<string, 'NOT_SHARED' | 'NOT_GRANTED'>>;
  /** Coordinates left out of the permissions altogether. */
  readonly omit?: ReadonlyArray<string>;
  /** Every allowed path comes from this grant (default: the unit's own jurisdiction, no grant). */
  readonly grantId?: string;
}

export function testPermissions(options: TestPermissionsOptions = {}): Permissions {
  const scopeIds = new Map<RowScope, string>();
  const scopeId = (scope: RowScope) => {
    if (!scopeIds.has(scope)) scopeIds.set(scope, `s${scopeIds.size}`);
    return scopeIds.get(scope)!;
  };
  const coordinates: Record<string, CoordinatePermission> = {};
  for (const coordinate of declaredCoordinates) {
    if (options.omit?.includes(coordinate)) continue;
    const resource = catalog.resourceOf(coordinate);
    if (!resource) continue;
    const refused = options.refuse?.[coordinate];
    if (refused) {
      coordinates[coordinate] = refused === 'NOT_SHARED'
        ? { allowed: false, resource: resource.code, code: refused, legalBasis: resource.legalBasis ?? '《个人信息保护法》第二十八条' }
        : { allowed: false, resource: resource.code, code: refused };
      continue;
    }
    const mask = options.masks?.[coordinate];
    const path = {
      scope: scopeId(options.scopes?.[coordinate] ?? options.scope ?? ALL_ROWS),
      ...(mask ? { mask } : {}),
      ...(options.grantId ? { grantId: options.grantId } : {}),
    };
    coordinates[coordinate] = { allowed: true, resource: resource.code, paths: [path] };
  }
  const scopes = Object.fromEntries([...scopeIds].map(([scope, id]) => [id, scope]));
  return { unit: options.unit ?? '440100', coordinates, scopes };
}

export function allowAllPermissions(unit = '440100'): Permissions {
  return testPermissions({ unit });
}

/** A district's scope as the gateway writes it: the district and the full list of its schools. */
export function districtScope(district: string, schools: ReadonlyArray<string>): RowScope {
  return partialScope([district], schools);
}

/** Claims as the gateway signs them: the permissions in their wire form. */
export function claimsWith(permissions: Permissions | undefined, unit = permissions?.unit ?? '440100'): RequestContextClaims {
  return { unit, requestId: randomUUID(), tokenId: 'test-token', ...(permissions ? { permissions: serializePermissions(permissions) } : {}) };
}

/** A request context as serveSubgraph makes it, for tests that run the guarded schema in-process. */
export function contextFor<S, C>(definition: SubgraphDefinition<S, C>, services: S, permissions: Permissions = allowAllPermissions()): C {
  return definition.createContext(services, createBaseContext(claimsWith(permissions)));
}

export const silentLogger = pino({ level: 'silent' });
