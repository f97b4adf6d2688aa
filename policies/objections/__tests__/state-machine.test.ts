import { expectError } from '../../share-workflow/__tests__/harness';
import { isObjectionOverdue, nextObjectionStatus, type ObjectionAction, type ObjectionState } from '../state-machine';
import type { ObjectionStatus } from '../types';

/** The objection's life as a table: who may move it where, and every refusal with its code and who may act instead. */
const filed: ObjectionState = { id: 'o-1', status: 'FILED', filedBy: '440106', provider: '440100' };
const as = (status: ObjectionStatus): ObjectionState => ({ ...filed, status });
const REASON = '已核对户籍';

function expectMove(state: ObjectionState, action: ObjectionAction, actor: string, to: ObjectionStatus, reason: string | null = REASON): void {
  expect(nextObjectionStatus(state, action, actor, reason)).toEqual({ ok: true, value: to });
}

describe('objection state machine', () => {
  it.each([
    ['the provider starts verifying', filed, 'VERIFY', '440100', 'VERIFYING'],
    ['the provider corrects while verifying', as('VERIFYING'), 'CORRECT', '440100', 'CORRECTED'],
    ['the provider rejects while verifying', as('VERIFYING'), 'REJECT', '440100', 'REJECTED'],
    ['the provider answers at once', filed, 'CORRECT', '440100', 'CORRECTED'],
    ['the filer withdraws a filed one', filed, 'WITHDRAW', '440106', 'WITHDRAWN'],
    ['the filer withdraws one being verified', as('VERIFYING'), 'WITHDRAW', '440106', 'WITHDRAWN'],
  ] as const)('%s', (_name, state, action, actor, to) => expectMove(state, action, actor, to));

  it('lets the provider start verifying or the filer withdraw without a reason', () => {
    expectMove(filed, 'VERIFY', '440100', 'VERIFYING', null);
    expectMove(filed, 'WITHDRAW', '440106', 'WITHDRAWN', null);
  });

  it.each([
    ['the filer cannot answer its own objection', filed, 'CORRECT', '440106', REASON, 'FORBIDDEN', 'only its providing unit 440100 may'],
    ['another unit cannot verify', filed, 'VERIFY', 'GZGAJ', REASON, 'FORBIDDEN', 'only its providing unit 440100 may'],
    ['the provider cannot withdraw', filed, 'WITHDRAW', '440100', REASON, 'FORBIDDEN', 'only the unit that filed it 440106 may'],
    ['an answer without reasons', as('VERIFYING'), 'REJECT', '440100', null, 'BAD_USER_INPUT', 'must give its reasons'],
    ['verifying twice', as('VERIFYING'), 'VERIFY', '440100', null, 'BAD_USER_INPUT', 'already being verified'],
    ['answering a closed objection', as('CORRECTED'), 'REJECT', '440100', REASON, 'BAD_USER_INPUT', 'is already CORRECTED'],
    ['withdrawing a rejected one', as('REJECTED'), 'WITHDRAW', '440106', REASON, 'BAD_USER_INPUT', 'is already REJECTED'],
  ] as const)('refuses: %s', (_name, state, action, actor, reason, code, message) =>
    expectError(nextObjectionStatus(state, action, actor, reason), code, message));

  it('is overdue only while open after its deadline', () => {
    const deadline = new Date('2026-12-10T15:59:59.999Z');
    const after = new Date('2026-12-10T16:00:00Z');
    expect(isObjectionOverdue({ status: 'FILED', deadline }, after)).toBe(true);
    expect(isObjectionOverdue({ status: 'VERIFYING', deadline }, after)).toBe(true);
    expect(isObjectionOverdue({ status: 'FILED', deadline }, deadline)).toBe(false);
    for (const status of ['CORRECTED', 'REJECTED', 'WITHDRAWN'] as const) expect(isObjectionOverdue({ status, deadline }, after)).toBe(false);
  });
});
