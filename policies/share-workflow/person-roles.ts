import { errors, type ErrorShape } from '../errors';
import { roleLabels, type PersonRole } from '../people';
import { CITY_DIVISION_CODE } from '../standards';
import type { WorkflowAction } from './state-machine';
import { ok, refused, type Outcome } from './types';

/**
 * Which of a unit's people may take each step (DESIGN.md "People,
 * credentials and the console"): the unit check of the state machine says
 * whether the unit may act; this says whether the signed-in person may act
 * for it. Requests of an operator's token (no person) are checked per unit
 * only; an app's token takes no step at all: apps read, people decide.
 */
export type PersonAction = 'APPLY' | WorkflowAction | 'GIVE_UP' | 'REVOKE';

const rolesOf: Readonly<Record<PersonAction, ReadonlyArray<PersonRole>>> = {
  APPLY: ['APPLICANT'],
  RESUBMIT: ['APPLICANT'],
  WITHDRAW: ['APPLICANT'],
  GIVE_UP: ['APPLICANT'],
  ENDORSE: ['ENDORSER'],
  DECLINE: ['ENDORSER'],
  APPROVE: ['DATA_OFFICER'],
  REJECT: ['DATA_OFFICER'],
  REVOKE: ['DATA_OFFICER'],
};

const verbs: Readonly<Record<PersonAction, string>> = {
  APPLY: 'apply for data', RESUBMIT: 'resubmit a share application', WITHDRAW: 'withdraw a share application',
  GIVE_UP: 'give up a grant', ENDORSE: 'endorse a share application', DECLINE: 'decline a share application',
  APPROVE: 'approve a share application', REJECT: 'reject a share application', REVOKE: 'revoke a grant',
};

/**
 * The roles any one of which lets a person of `unit` take `action`. A grant
 * is revoked by its provider's data officer, or in the city bureau also by
 * the supervisor (Measures 第八章, 保障与监督机制).
 */
export function rolesForAction(action: PersonAction, unit: string): ReadonlyArray<PersonRole> {
  return action === 'REVOKE' && unit === CITY_DIVISION_CODE ? ['DATA_OFFICER', 'SUPERVISOR'] : rolesOf[action];
}

/** Allowed when the person holds one of the roles the action takes; else FORBIDDEN naming them and who assigns them. */
export function checkPersonRole(action: PersonAction, unit: string, held: ReadonlyArray<PersonRole>): Outcome<void> {
  const needed = rolesForAction(action, unit);
  if (needed.some((role) => held.includes(role))) return ok(undefined);
  const names = needed.map((role) => `${roleLabels[role]} (${role})`).join(' or ');
  return refused(errors.roleMissing(verbs[action], unit, names));
}

/**
 * An app (client-credentials token) reads within its scope and purpose; it
 * never takes a step of the sharing process for its unit, so a leaked app
 * secret cannot apply, decide or revoke.
 */
export function appStepRefusal(action: PersonAction, client: string): ErrorShape {
  return errors.forbidden(verbs[action], `app ${client} reads data within its scope; a step of the sharing process is taken by a signed-in person holding ${rolesOf[action].map((role) => `${roleLabels[role]} (${role})`).join(' or ')}, in the console or with their session.`);
}
