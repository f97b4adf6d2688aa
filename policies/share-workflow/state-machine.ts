import { errors } from '../errors';
import { CITY_DIVISION_CODE } from '../standards';
import { ok, refused, type ApplicationStatus, type Outcome } from './types';

/**
 * The application's life (DESIGN.md "Units, tokens, grants"; Measures 第五章
 * and 解读之六: applications go level by level through the superior education
 * department, and the provider answers):
 *
 *   SUBMITTED ──endorse──▶ ENDORSED ──approve──▶ APPROVED
 *     │  ▲                    │     └──reject───▶ REJECTED
 *     │  └──resubmit──┐       └──withdraw──▶ WITHDRAWN
 *     ├──decline──▶ DECLINED ──withdraw──▶ WITHDRAWN
 *     ├──approve / reject (only when there is no endorser)
 *     └──withdraw──▶ WITHDRAWN
 *
 * An application without an endorser (see `endorserFor`) waits for the
 * provider from the moment it is submitted: SUBMITTED then means "awaiting
 * the provider", and ENDORSED and DECLINED never occur. Who may act:
 * endorse and decline (退回, with reasons) = the endorser; approve/reject =
 * the provider named in the catalog; resubmit (a declined one) and withdraw
 * (any open one) = the applicant. The unit whose turn it is: `awaitingUnit`.
 */
export type WorkflowAction = 'ENDORSE' | 'DECLINE' | 'APPROVE' | 'REJECT' | 'RESUBMIT' | 'WITHDRAW';

export interface WorkflowState {
  readonly id: string;
  readonly status: ApplicationStatus;
  readonly applicant: string;
  readonly endorser: string | null;
  readonly provider: string;
}

type Party = 'applicant' | 'endorser' | 'provider';

/**
 * Each action as data: who takes it, from which states, to which state. A
 * state outside `from` is refused as BAD_USER_INPUT on `id`.
 */
const transitions: Readonly<Record<WorkflowAction, { readonly by: Party; readonly from: ReadonlyArray<ApplicationStatus>; readonly to: ApplicationStatus; readonly verb: string }>> = {
  ENDORSE: { by: 'endorser', from: ['SUBMITTED'], to: 'ENDORSED', verb: 'endorse' },
  DECLINE: { by: 'endorser', from: ['SUBMITTED'], to: 'DECLINED', verb: 'decline' },
  APPROVE: { by: 'provider', from: ['SUBMITTED', 'ENDORSED'], to: 'APPROVED', verb: 'approve' },
  REJECT: { by: 'provider', from: ['SUBMITTED', 'ENDORSED'], to: 'REJECTED', verb: 'reject' },
  RESUBMIT: { by: 'applicant', from: ['DECLINED'], to: 'SUBMITTED', verb: 'resubmit' },
  WITHDRAW: { by: 'applicant', from: ['SUBMITTED', 'ENDORSED', 'DECLINED'], to: 'WITHDRAWN', verb: 'withdraw' },
};

const partyNames: Readonly<Record<Party, string>> = {
  applicant: 'the applicant',
  endorser: 'the applicant\'s superior education department',
  provider: 'the providing unit',
};

/** The unit that must act next: the endorser, then the provider; the applicant when declined; null once closed. */
export function awaitingUnit(state: WorkflowState): string | null {
  if (state.status === 'SUBMITTED') return state.endorser ?? state.provider;
  if (state.status === 'ENDORSED') return state.provider;
  if (state.status === 'DECLINED') return state.applicant;
  return null;
}

/** Waiting for the endorser or the provider (a deadline runs). */
export function isPending(status: ApplicationStatus): boolean {
  return status === 'SUBMITTED' || status === 'ENDORSED';
}

/** Not yet approved, rejected or withdrawn. */
export function isOpen(status: ApplicationStatus): boolean {
  return isPending(status) || status === 'DECLINED';
}

/** Whether the application is with its provider now: endorsed, or submitted with no endorser to ask. */
export function isWithProvider(state: Pick<WorkflowState, 'status' | 'endorser'>): boolean {
  return state.status === 'ENDORSED' || (state.status === 'SUBMITTED' && state.endorser === null);
}

/**
 * The status `actor` moves the application to with `action`, or the refusal:
 * FORBIDDEN (naming who may act) when the unit has no such role or it is not
 * its turn yet, BAD_USER_INPUT on `id` when the application is not in a state
 * the action applies to (closed, already endorsed, not declined).
 */
export function nextStatus(state: WorkflowState, action: WorkflowAction, actor: string): Outcome<ApplicationStatus> {
  const { by, from, to, verb } = transitions[action];
  const what = `${verb} share application ${state.id}`;
  const roleHolder = state[by];
  if (roleHolder === null) {
    return refused(errors.forbidden(what, `it needs no endorsement; it went straight to its provider ${state.provider}.`));
  }
  if (actor !== roleHolder) return refused(errors.forbidden(what, `only ${partyNames[by]} ${roleHolder} may.`));
  if (!from.includes(state.status)) {
    const why = !isOpen(state.status) ? `is already ${state.status}; a closed application cannot be changed.`
      : state.status === 'DECLINED' ? 'was declined (退回) by its endorser; resubmit or withdraw it first.'
        : action === 'RESUBMIT' ? `is ${state.status}, not declined; only a declined application is resubmitted.`
          : `is already ${state.status}.`;
    return refused(errors.badUserInput('id', `share application ${state.id} ${why}`));
  }
  if (by === 'provider' && !isWithProvider(state)) {
    return refused(errors.forbidden(what, `it awaits endorsement by ${state.endorser} first.`));
  }
  return ok(to);
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

export interface HeldGrant extends RevocableGrant {
  readonly grantee: string;
  readonly validUntil: Date;
}

/**
 * A grantee gives up (放弃) a grant it no longer needs: minimum necessary
 * holds for the whole life of a grant, not only at application (Measures
 * 解读之六). Only the grantee may, and only while the grant has not ended.
 */
export function mayGiveUpGrant(grant: HeldGrant, actor: string, now: Date): Outcome<void> {
  if (actor !== grant.grantee) return refused(errors.forbidden(`give up grant ${grant.id}`, `only its grantee ${grant.grantee} may.`));
  if (grant.revokedAt !== undefined) {
    return refused(errors.badUserInput('id', `grant ${grant.id} already ended at ${grant.revokedAt.toISOString()}.`));
  }
  if (grant.validUntil <= now) return refused(errors.badUserInput('id', `grant ${grant.id} expired at ${grant.validUntil.toISOString()}.`));
  return ok(undefined);
}

/** The parties of an application read it; so does the city bureau, which supervises the pool (Measures 第八章). */
export function mayReadApplication(state: Pick<WorkflowState, 'applicant' | 'endorser' | 'provider'>, unit: string): boolean {
  return unit === state.applicant || unit === state.endorser || unit === state.provider || unit === CITY_DIVISION_CODE;
}
