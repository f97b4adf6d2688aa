import type { Catalog } from '../catalog';
import type { Grant, TokenScope } from './types';

/** True while the grant may be used: from `validFrom` (inclusive) to `validUntil` (exclusive), until revoked. */
export function isGrantActive(grant: Grant, now: Date): boolean {
  const t = now.getTime();
  if (t < grant.validFrom.getTime() || t >= grant.validUntil.getTime()) return false;
  // A revocation takes effect at its recorded time; a grant revoked at all is dead from then on.
  return grant.revokedAt === undefined || t < grant.revokedAt.getTime();
}

/**
 * The purpose a grant binds its reads to, or undefined when it binds none.
 * A grant's purpose is fixed when its catalog resource is shared only for a
 * stated purpose (`purposeRequired`, 有条件共享 limited by use; PIPL art. 6,
 * minimum necessary): every read under it must declare that purpose. For
 * other resources the purpose is what the applicant wrote, kept on record.
 */
export function fixedPurposeOf(grant: Grant, catalog: Catalog): string | undefined {
  const purpose = grant.purpose.trim();
  return catalog.byCode(grant.resource)?.conditions.purposeRequired && purpose !== '' ? purpose : undefined;
}

/** The unit's grants sorted into those this request may use and those it may not, with why. */
export interface SortedGrants {
  readonly usable: ReadonlyArray<Grant>;
  /** Active, but fixed to a purpose the request did not declare. */
  readonly otherPurpose: ReadonlyArray<Grant>;
  /** Past their `validUntil` and never revoked. */
  readonly expired: ReadonlyArray<Grant>;
}

/**
 * The grants this request may use: the unit's own, active now, within the
 * token's narrowing (an application-scoped token uses only that
 * application's grants), and, for a grant whose purpose is fixed, only when
 * the request declares that purpose. The others are kept apart so a refusal
 * can say why. Sorted by id so the result does not depend on the order the
 * store returned them in.
 */
export function sortGrants(grants: ReadonlyArray<Grant>, unit: string, token: TokenScope, catalog: Catalog, now: Date): SortedGrants {
  const usable: Grant[] = [];
  const otherPurpose: Grant[] = [];
  const expired: Grant[] = [];
  const declared = token.purpose?.trim();
  const ordered = [...grants].sort((a, b) => compare(a.id, b.id));
  for (const grant of ordered) {
    if (grant.grantee !== unit) continue;
    if (token.application !== undefined && grant.applicationId !== token.application) continue;
    if (!isGrantActive(grant, now)) {
      if (grant.revokedAt === undefined && now.getTime() >= grant.validUntil.getTime()) expired.push(grant);
      continue;
    }
    const fixed = fixedPurposeOf(grant, catalog);
    (fixed === undefined || fixed === declared ? usable : otherPurpose).push(grant);
  }
  return { usable, otherPurpose, expired };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
