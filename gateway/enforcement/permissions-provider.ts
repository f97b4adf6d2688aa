import { effectivePermissions, type Catalog, type UnitTree } from '../../policies';
import type { Grant, Permissions } from '../../policies/permissions/types';
import type { Clock } from '../../platform/clock';
import type { GatewayContext } from '../gateway-context';
import { countPermissionLookup } from '../../platform/observability/state-metrics';

/** Where the gateway reads grants: the governance store (cached here; dropped on the hot state's grant-change notices). */
export interface GrantSource {
  /** The unit's usable grants and those that expired lately (named in refusals). */
  forPermissions(unit: string, now: Date): Promise<ReadonlyArray<Grant>>;
  /** A number that grows with every grant change, cheap to read. */
  changeMark(): Promise<number>;
}

export interface PermissionsProvider {
  forRequest(context: GatewayContext): Promise<Permissions>;
  /**
   * Drops cached grants now: the unit's when given (a grant-change notice
   * named its grantee), else everyone's (this instance made a change, or the
   * notices may have been missed).
   */
  invalidate(unit?: string): void;
  close(): void;
}

interface CachedPermissions {
  readonly unit: string;
  readonly grants: ReadonlyArray<Grant>;
  readonly permissions: Permissions;
  /** The first instant a grant of this set starts or ends: the permissions must be worked out again then. */
  readonly recomputeAtMs: number;
}

/**
 * Works out a request's permissions once (STYLE.md habit 4), caching them per
 * unit and token scope until a grant changes or a grant's validity starts or
 * ends. Grant changes arrive as notices through the shared hot state (see
 * scripts/pool-parts: `invalidate(unit)` on every instance); the store's change
 * mark is still polled every `pollMs` as a backstop, because a notice can be
 * lost where no resync follows: the publisher's Redis write failing while the
 * subscribers stay connected, or the governance process dying between its
 * commit and its publish.
 */
export function createPermissionsProvider(options: {
  grants: GrantSource;
  unitTree: () => UnitTree;
  catalog: Catalog;
  clock: Clock;
  pollMs: number;
}): PermissionsProvider {
  let grantsByUnit = new Map<string, Promise<ReadonlyArray<Grant>>>();
  let permissionsByKey = new Map<string, CachedPermissions>();
  let lastMark: number | undefined;
  const invalidate = (unit?: string) => {
    if (unit === undefined) {
      grantsByUnit = new Map();
      permissionsByKey = new Map();
      return;
    }
    grantsByUnit.delete(unit);
    for (const [key, cached] of permissionsByKey) if (cached.unit === unit) permissionsByKey.delete(key);
  };
  const poll = setInterval(() => {
    options.grants.changeMark().then((mark) => {
      if (lastMark !== undefined && mark !== lastMark) invalidate();
      lastMark = mark;
    }, () => invalidate());
  }, options.pollMs);
  poll.unref();

  const grantsOf = (unit: string, now: Date) => {
    let grants = grantsByUnit.get(unit);
    if (!grants) {
      grants = options.grants.forPermissions(unit, now);
      grants.catch(() => grantsByUnit.delete(unit));
      grantsByUnit.set(unit, grants);
    }
    return grants;
  };

  return {
    async forRequest(context) {
      const now = options.clock.now();
      const grants = await grantsOf(context.unit, now);
      const key = JSON.stringify([context.unit, context.scope ?? null, context.application ?? null, context.purpose ?? null]);
      const cached = permissionsByKey.get(key);
      const hit = cached !== undefined && cached.grants === grants && now.getTime() < cached.recomputeAtMs;
      countPermissionLookup(hit);
      if (hit) return cached.permissions;
      const permissions = effectivePermissions({
        unit: context.unit,
        unitTree: options.unitTree(),
        catalog: options.catalog,
        grants,
        token: {
          ...(context.scope ? { resources: context.scope } : {}),
          ...(context.application ? { application: context.application } : {}),
          ...(context.purpose ? { purpose: context.purpose } : {}),
        },
        now,
      });
      permissionsByKey.set(key, { unit: context.unit, grants, permissions, recomputeAtMs: nextValidityEdge(grants, now) });
      return permissions;
    },
    invalidate,
    close: () => clearInterval(poll),
  };
}

function nextValidityEdge(grants: ReadonlyArray<Grant>, now: Date): number {
  let edge = Number.POSITIVE_INFINITY;
  for (const grant of grants) {
    for (const instant of [grant.validFrom.getTime(), grant.validUntil.getTime()]) {
      if (instant > now.getTime() && instant < edge) edge = instant;
    }
  }
  return edge;
}
