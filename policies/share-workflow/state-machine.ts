import { errors } from '../errors';
import { CITY_DIVISION_CODE } from '../standards';
import { ok, refused, type ApplicationStatus, type Outcome } from './types';

/**
 * The application's life (DESIGN.md "Units, tokens, grants"; Measures 第五章
 * and 解读之六: applications go level by level through the superior education
 * department, and the provider answers):
 *
 *   SUBMITTED ──endorse──▶ ENDORSED ──approve──▶ APPROVED
 *       │                     │     └──reject───▶ REJECTED
 *       │                     └──withdraw──▶ WITHDRAWN
 *       ├──approve / reject (only when there is no endorser)
 *       └──withdraw──▶ WITHDRAWN
 *
 * An application without an endorser (see `endorserFor`) waits for the
 * provider from the moment it is submitted: SUBMITTED then means "awaiting
 * the provider", and ENDORSED never occurs. Who may act:
 * endorse = the endorser; approve/reject = the provider named in the catalog;
 * withdraw = the applicant. The unit whose turn it is: `awaitingUnit`.
 */
export type WorkflowAction = 'ENDORSE' | 'APPROVE' | 'REJECT' | 'WITHDRAW';

export interface WorkflowState {
  readonly id: string;
  readonly status: ApplicationStatus;
  readonly applicant: string;
  readonly endorser: string | null;
  readonly provider: string;
}

const targets: Readonly<Record<WorkflowAction, ApplicationStatus>> = {
  ENDORSE: 'ENDORSED',
  APPROVE: 'APPROVED',
  REJECT: 'REJECTED',
  WITHDRAW: 'WITHDRAWN',
};

const verbs: Readonly<Record<WorkflowAction, string>> = {
  ENDORSE: 'endorse',
  APPROVE: 'approve',
  REJECT: 'reject',
  WITHDRAW: 'withdraw',
};

/** The unit that must act next: the endorser, then the provider; null once the application is closed. */
export function awaitingUnit(state: WorkflowState): string | null {
  if (state.status === 'SUBMITTED') return state.endorser ?? state.provider;
  if (state.status === 'ENDORSED') return state.provider;
  return null;
}

export function isPending(status: ApplicationStatus): boolean {
  return status === 'SUBMITTED' || status === 'ENDORSED';
}

/**
 * The status `actor` moves the application to with `action`, or the refusal:
 * FORBIDDEN (naming who may act) when the unit has no such role or it is not
 * its turn yet, BAD_USER_INPUT on `id` when the application is already closed.
 */
export function nextStatus(state: WorkflowState, action: WorkflowAction, actor: string): Outcome<ApplicationStatus> {
  const what = `${verbs[action]} share application ${state.id}`;
  const roleHolder = action === 'ENDORSE' ? state.endorser : action === 'WITHDRAW' ? state.applicant : state.provider;
  if (roleHolder === null) {
    return refused(errors.forbidden(what, `it needs no endorsement; it went straight to its provider ${state.provider}.`));
  }
  if (actor !== roleHolder) {
    const role = action === 'ENDORSE' ? 'the applicant\'s superior education department' : action === 'WITHDRAW' ? 'the applicant' : 'the providing unit';
    return refused(errors.forbidden(what, `only ${role} ${roleHolder} may.`));
  }
  if (!isPending(state.status)) {
    return refused(errors.badUserInput('id', `share application ${state.id} is already ${state.status}; a closed application cannot be changed.`));
  }
  if (action === 'ENDORSE' && state.status !== 'SUBMITTED') {
    return refused(errors.badUserInput('id', `share application ${state.id} is already ENDORSED.`));
  }
  if ((action === 'APPROVE' || action === 'REJECT') && awaitingUnit(state) !== state.provider) {
    return refused(errors.forbidden(what, `it awaits endorsement by ${state.endorser} first.`));
  }
  return ok(targets[action]);
}

export interface RevocableGrant {
  readonly id: string;
  readonly provider: string;
  readonly revokedAt?: Date;
}

/**
 * A grant is revoked by its provider, or by the city bureau as the supervisor
 * of the whole pool (Measures 第八章, 保障与监督机制).
 */
export function mayRevokeGrant(grant: RevocableGrant, actor: string): Outcome<void> {
  if (actor !== grant.provider && actor !== CITY_DIVISION_CODE) {
    const who = grant.provider === CITY_DIVISION_CODE
      ? `only its provider, the city bureau ${CITY_DIVISION_CODE}, may.`
      : `only its provider ${grant.provider} or the city bureau ${CITY_DIVISION_CODE} may.`;
    return refused(errors.forbidden(`revoke grant ${grant.id}`, who));
  }
  if (grant.revokedAt !== undefined) {
    return refused(errors.badUserInput('id', `grant ${grant.id} was already revoked at ${grant.revokedAt.toISOString()}.`));
  }
  return ok(undefined);
}

/** The parties of an application read it; so does the city bureau, which supervises the pool (Measures 第八章). */
export function mayReadApplication(state: Pick<WorkflowState, 'applicant' | 'endorser' | 'provider'>, unit: string): boolean {
  return unit === state.applicant || unit === state.endorser || unit === state.provider || unit === CITY_DIVISION_CODE;
}
