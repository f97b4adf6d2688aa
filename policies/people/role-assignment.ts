import { errors } from '../errors';
import { ok, refused, type Outcome } from '../share-workflow/types';
import type { UnitType } from '../units';
import { isPersonRole, personRoles, roleFitsUnit, roleLabels, type PersonRole } from './roles';

/**
 * Who administers a unit's people and apps: a signed-in person holding
 * 应用管理员 APP_ADMIN in that unit. An operator's token names a unit but no
 * person, and an app's token is an app: administration is done by people,
 * so both are refused (the pool's other governance acts still go per unit).
 */
export function mayAdministerUnit(person: { readonly unit: string; readonly roles: ReadonlyArray<PersonRole> } | undefined, unit: string, action: string): Outcome<void> {
  if (person && person.unit === unit && person.roles.includes('APP_ADMIN')) return ok(undefined);
  return refused(errors.forbidden(action, `only a signed-in person holding the role ${roleLabels.APP_ADMIN} (APP_ADMIN) in unit ${unit} may; sign in to the console as your unit's app administrator.`));
}

/** The roles a person of a unit of this kind may hold, in the order of personRoles. */
export function assignableRoles(unitType: UnitType): PersonRole[] {
  return personRoles.filter((role) => roleFitsUnit(role, unitType));
}

/**
 * A new set of roles for one account of the unit: each a known role that fits
 * the unit's kind (an endorser only in a bureau, a supervisor only in the city
 * bureau). Administrators cannot take APP_ADMIN from themselves, so a unit is
 * never locked out of its own administration by a slip; another administrator
 * of the unit can.
 */
export function checkRoleAssignment(
  roles: ReadonlyArray<string>, unitType: UnitType, change: { readonly self: boolean; readonly had: ReadonlyArray<PersonRole> },
): Outcome<PersonRole[]> {
  const unknown = roles.filter((role) => !isPersonRole(role));
  if (unknown.length > 0) return refused(errors.badUserInput('roles', `${unknown.join(', ')} is not a role; roles are ${personRoles.join(', ')}.`));
  const wanted = [...new Set(roles as ReadonlyArray<PersonRole>)];
  const misfits = wanted.filter((role) => !roleFitsUnit(role, unitType));
  if (misfits.length > 0) {
    return refused(errors.badUserInput('roles', `${misfits.map((role) => `${roleLabels[role]} ${role}`).join(', ')} cannot be held in a unit of kind ${unitType}; `
      + `such a unit's people may hold ${assignableRoles(unitType).join(', ')}.`));
  }
  if (change.self && change.had.includes('APP_ADMIN') && !wanted.includes('APP_ADMIN')) {
    return refused(errors.forbidden('take away your own app administrator role', 'another app administrator of the unit must do it, so the unit is never left without one by a slip.'));
  }
  return ok(personRoles.filter((role) => wanted.includes(role)));
}
