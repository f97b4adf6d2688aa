import type { Grant, TokenScope } from './types';

/** True while the grant may be used: from `validFrom` (inclusive) to `validUntil` (exclusive), until revoked. */
export function isGrantActive(grant: Grant, now: Date): boolean {
  const t = now.getTime();
  if (t < grant.validFrom.getTime() || t >= grant.validUntil.getTime()) return false;
  // A revocation takes effect at its recorded time; a grant revoked at all is dead from then on.
  return grant.revokedAt === undefined || t < grant.revokedAt.getTime();
}

/**
 * The grants this request may use: the unit's own, active now, and within the
 * token's narrowing — an application-scoped token uses only that application's
 * grants, a purpose-scoped token only grants for that purpose. Sorted by id so
 * the result does not depend on the order the store returned them in.
 */
export function usableGrants(grants: ReadonlyArray<Grant>, unit: string, token: TokenScope, now: Date): Grant[] {
  return grants
    .filter((grant) => grant.grantee === unit && isGrantActive(grant, now))
    .filter((grant) => token.application === undefined || grant.applicationId === token.application)
    .filter((grant) => token.purpose === undefined || grant.purpose === token.purpose)
    .sort((a, b) => compare(a.id, b.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
