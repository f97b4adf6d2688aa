import type { UnitType } from '../units';
import { isPersonRole, roleFitsUnit, type PersonRole } from './roles';

/**
 * What a person's claims from the identity platform (OIDC) say about them in
 * the pool: the unit they act for (a claim naming a unit code) and, when the
 * platform manages them, their roles (a claim listing role names). A unit the
 * pool does not know, or a role that does not fit the unit's kind, refuses the
 * sign-in: the pool never guesses a unit, and never drops a role silently.
 * Without the roles claim the person has no role until the unit's app
 * administrator assigns one in the console.
 */
export interface OidcClaimNames {
  readonly unit: string;
  readonly roles: string;
}

export type OidcPersonVerdict =
  | { readonly kind: 'person'; readonly unit: string; readonly displayName: string; readonly roles?: ReadonlyArray<PersonRole> }
  | { readonly kind: 'refused'; readonly reason: 'unit-missing' | 'unit-unknown' | 'roles-invalid'; readonly detail: string };

export function readOidcPerson(
  claims: Readonly<Record<string, unknown>>, names: OidcClaimNames, unitTypeOf: (code: string) => UnitType | undefined,
): OidcPersonVerdict {
  const unit = claims[names.unit];
  if (typeof unit !== 'string' || unit.trim() === '') {
    return { kind: 'refused', reason: 'unit-missing', detail: `the identity platform sent no ${names.unit} claim` };
  }
  const unitType = unitTypeOf(unit.trim());
  if (!unitType) return { kind: 'refused', reason: 'unit-unknown', detail: `unit ${unit} is not among the pool's units` };
  const displayName = firstText(claims.name, claims.preferred_username, claims.sub) ?? 'unnamed';
  const listed = claims[names.roles];
  if (listed === undefined || listed === null) return { kind: 'person', unit: unit.trim(), displayName };
  // A list of names, or one space-separated string as some platforms send scopes.
  const listedNames = typeof listed === 'string' ? listed.split(/\s+/).filter(Boolean) : listed;
  if (!Array.isArray(listedNames)) return { kind: 'refused', reason: 'roles-invalid', detail: `the ${names.roles} claim is neither a list nor a string` };
  const roles = [...new Set(listedNames.map((name) => (typeof name === 'string' ? name.trim().toUpperCase() : name)))];
  const unknown = roles.filter((role) => !isPersonRole(role));
  if (unknown.length > 0) return { kind: 'refused', reason: 'roles-invalid', detail: `unknown roles ${JSON.stringify(unknown)}` };
  const known = (roles as PersonRole[]).sort();
  const unfit = known.filter((role) => !roleFitsUnit(role, unitType));
  if (unfit.length > 0) return { kind: 'refused', reason: 'roles-invalid', detail: `roles ${unfit.join(', ')} do not fit a unit of kind ${unitType}` };
  return { kind: 'person', unit: unit.trim(), displayName, roles: known };
}

function firstText(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '')?.trim();
}
