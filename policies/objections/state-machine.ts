import { errors } from '../errors';
import { isOverdue } from '../deadlines';
import { ok, refused, type Outcome } from '../share-workflow/types';
import { openObjectionStatuses, type ObjectionStatus } from './types';

/**
 * An objection's life (校核纠错):
 *
 *   FILED ──verify──▶ VERIFYING ──correct──▶ CORRECTED
 *     │                  │      └──reject───▶ REJECTED
 *     ├──correct / reject (answered at once)
 *     └──withdraw (FILED or VERIFYING) ──▶ WITHDRAWN
 *
 * verify, correct and reject are the providing unit's: the unit the catalog
 * names as the resource's provider, which answers for the accuracy of what
 * it shares (Measures 第五章), and the one the governance store knows without
 * asking a legacy system. Withdraw is the filer's. An answer always gives
 * its reasons (the provider "gives its reasons", 第十五条, as for applications).
 */
export type ObjectionAction = 'VERIFY' | 'CORRECT' | 'REJECT' | 'WITHDRAW';

export interface ObjectionState {
  readonly id: string;
  readonly status: ObjectionStatus;
  readonly filedBy: string;
  readonly provider: string;
}

const targets: Readonly<Record<ObjectionAction, ObjectionStatus>> = {
  VERIFY: 'VERIFYING', CORRECT: 'CORRECTED', REJECT: 'REJECTED', WITHDRAW: 'WITHDRAWN',
};

export function isObjectionOpen(status: ObjectionStatus): boolean {
  return openObjectionStatuses.includes(status);
}

/** Overdue = still open after its deadline; shown in supervision (Measures 第八章). */
export function isObjectionOverdue(objection: { readonly status: ObjectionStatus; readonly deadline: Date }, now: Date): boolean {
  return isObjectionOpen(objection.status) && isOverdue(objection.deadline, now);
}

/**
 * The status `actor` moves the objection to, or the refusal: FORBIDDEN naming
 * who may act; BAD_USER_INPUT on `id` for a closed objection or a second
 * VERIFY; BAD_USER_INPUT on `reason` for an answer without reasons.
 */
export function nextObjectionStatus(state: ObjectionState, action: ObjectionAction, actor: string, reason: string | null): Outcome<ObjectionStatus> {
  const holder = action === 'WITHDRAW' ? state.filedBy : state.provider;
  if (actor !== holder) {
    const role = action === 'WITHDRAW' ? 'the unit that filed it' : 'its providing unit';
    return refused(errors.forbidden(`${action.toLowerCase()} objection ${state.id}`, `only ${role} ${holder} may.`));
  }
  if (!isObjectionOpen(state.status)) {
    return refused(errors.badUserInput('id', `objection ${state.id} is already ${state.status}; a closed objection cannot be changed.`));
  }
  if (action === 'VERIFY' && state.status === 'VERIFYING') {
    return refused(errors.badUserInput('id', `objection ${state.id} is already being verified.`));
  }
  if ((action === 'CORRECT' || action === 'REJECT') && !reason) {
    return refused(errors.badUserInput('reason', 'an answer to an objection must give its reasons (what was checked, what was corrected).'));
  }
  return ok(targets[action]);
}
