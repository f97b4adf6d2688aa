import { awaitingUnit, mayGiveUpGrant, mayReadApplication, mayRevokeGrant, type WorkflowState } from '../state-machine';
import { expectError, expectMove, expectRefused, partnerApplication, schoolApplication, tianheSchool } from './harness';

const as = (state: WorkflowState, status: WorkflowState['status']): WorkflowState => ({ ...state, status });
const SCHOOL = tianheSchool.code;

describe('share application state machine', () => {
  it.each([
    ['endorser endorses a submitted application', schoolApplication, 'ENDORSE', '440106', 'ENDORSED'],
    ['provider approves an endorsed one', as(schoolApplication, 'ENDORSED'), 'APPROVE', '440100', 'APPROVED'],
    ['provider rejects an endorsed one', as(schoolApplication, 'ENDORSED'), 'REJECT', '440100', 'REJECTED'],
    ['applicant withdraws a submitted one', schoolApplication, 'WITHDRAW', SCHOOL, 'WITHDRAWN'],
    ['applicant withdraws an endorsed one', as(schoolApplication, 'ENDORSED'), 'WITHDRAW', SCHOOL, 'WITHDRAWN'],
    ['provider approves straight away when there is no endorser', partnerApplication, 'APPROVE', '440100', 'APPROVED'],
    ['provider rejects straight away when there is no endorser', partnerApplication, 'REJECT', '440100', 'REJECTED'],
    ['partner withdraws its own', partnerApplication, 'WITHDRAW', 'GZGAJ', 'WITHDRAWN'],
    ['endorser declines a submitted one back to the applicant', schoolApplication, 'DECLINE', '440106', 'DECLINED'],
    ['applicant resubmits a declined one to the endorser', as(schoolApplication, 'DECLINED'), 'RESUBMIT', SCHOOL, 'SUBMITTED'],
    ['applicant withdraws a declined one', as(schoolApplication, 'DECLINED'), 'WITHDRAW', SCHOOL, 'WITHDRAWN'],
  ] as const)('%s', (_name, state, action, actor, to) => expectMove(state, action, actor, to));

  it.each([
    ['another district cannot endorse', schoolApplication, 'ENDORSE', '440103', 'FORBIDDEN', 'only the applicant\'s superior education department 440106 may'],
    ['the applicant cannot endorse itself', schoolApplication, 'ENDORSE', SCHOOL, 'FORBIDDEN', '440106 may'],
    ['the provider cannot skip the endorsement', schoolApplication, 'APPROVE', '440100', 'FORBIDDEN', 'awaits endorsement by 440106 first'],
    ['the endorser cannot decide', as(schoolApplication, 'ENDORSED'), 'APPROVE', '440106', 'FORBIDDEN', 'only the providing unit 440100 may'],
    ['the applicant cannot decide', partnerApplication, 'REJECT', 'GZGAJ', 'FORBIDDEN', 'only the providing unit 440100 may'],
    ['nobody endorses an application without endorser', partnerApplication, 'ENDORSE', '440100', 'FORBIDDEN', 'it needs no endorsement'],
    ['only the applicant withdraws', schoolApplication, 'WITHDRAW', '440106', 'FORBIDDEN', 'only the applicant 2144010001 may'],
    ['endorsing twice', as(schoolApplication, 'ENDORSED'), 'ENDORSE', '440106', 'BAD_USER_INPUT', 'already ENDORSED'],
    ['deciding a closed application', as(schoolApplication, 'APPROVED'), 'REJECT', '440100', 'BAD_USER_INPUT', 'is already APPROVED'],
    ['withdrawing a rejected one', as(partnerApplication, 'REJECTED'), 'WITHDRAW', 'GZGAJ', 'BAD_USER_INPUT', 'is already REJECTED'],
    ['endorsing a withdrawn one', as(schoolApplication, 'WITHDRAWN'), 'ENDORSE', '440106', 'BAD_USER_INPUT', 'is already WITHDRAWN'],
    ['another district cannot decline', schoolApplication, 'DECLINE', '440104', 'FORBIDDEN', 'only the applicant\'s superior education department 440106 may'],
    ['the provider cannot decline', as(schoolApplication, 'ENDORSED'), 'DECLINE', '440100', 'FORBIDDEN', '440106 may'],
    ['nobody declines an application without endorser', partnerApplication, 'DECLINE', '440100', 'FORBIDDEN', 'it needs no endorsement'],
    ['declining an endorsed one', as(schoolApplication, 'ENDORSED'), 'DECLINE', '440106', 'BAD_USER_INPUT', 'is already ENDORSED'],
    ['declining twice', as(schoolApplication, 'DECLINED'), 'DECLINE', '440106', 'BAD_USER_INPUT', 'resubmit or withdraw it first'],
    ['endorsing a declined one before resubmission', as(schoolApplication, 'DECLINED'), 'ENDORSE', '440106', 'BAD_USER_INPUT', 'was declined (退回)'],
    ['the provider cannot decide a declined one', as(schoolApplication, 'DECLINED'), 'APPROVE', '440100', 'BAD_USER_INPUT', 'was declined (退回)'],
    ['only the applicant resubmits', as(schoolApplication, 'DECLINED'), 'RESUBMIT', '440106', 'FORBIDDEN', 'only the applicant 2144010001 may'],
    ['resubmitting a pending one', schoolApplication, 'RESUBMIT', SCHOOL, 'BAD_USER_INPUT', 'is SUBMITTED, not declined'],
    ['resubmitting an endorsed one', as(schoolApplication, 'ENDORSED'), 'RESUBMIT', SCHOOL, 'BAD_USER_INPUT', 'is ENDORSED, not declined'],
    ['resubmitting a withdrawn one', as(schoolApplication, 'WITHDRAWN'), 'RESUBMIT', SCHOOL, 'BAD_USER_INPUT', 'is already WITHDRAWN'],
  ] as const)('refuses: %s', (_name, state, action, actor, code, message) => expectRefused(state, action, actor, code, message));

  it.each([
    [schoolApplication, '440106'],
    [as(schoolApplication, 'ENDORSED'), '440100'],
    [partnerApplication, '440100'],
    [as(partnerApplication, 'APPROVED'), null],
    [as(schoolApplication, 'WITHDRAWN'), null],
    [as(schoolApplication, 'DECLINED'), SCHOOL],
  ] as const)('awaits the right unit (%#)', (state, unit) => expect(awaitingUnit(state)).toBe(unit));

  it('lets the parties and the city bureau read an application, nobody else', () => {
    expect(['2144010001', '440106', '440100', 'GZGAJ'].map((unit) => mayReadApplication(schoolApplication, unit))).toEqual([true, true, true, false]);
    expect(mayReadApplication(partnerApplication, 'GZGAJ')).toBe(true);
  });
});

describe('revoking a grant', () => {
  const grant = { id: 'g-1', provider: '440106' };

  it('is allowed to the provider and to the city bureau', () => {
    expect(mayRevokeGrant(grant, '440106')).toEqual({ ok: true, value: undefined });
    expect(mayRevokeGrant(grant, '440100')).toEqual({ ok: true, value: undefined });
  });

  it('is refused to the grantee and to other units, naming who may', () => {
    expectError(mayRevokeGrant(grant, 'GZGAJ'), 'FORBIDDEN', 'only its provider 440106 or the city bureau 440100 may');
    expectError(mayRevokeGrant(grant, '440103'), 'FORBIDDEN', 'only its provider 440106');
  });

  it('names the city bureau once when it is the provider', () => {
    expectError(mayRevokeGrant({ id: 'g-2', provider: '440100' }, 'GZGAJ'), 'FORBIDDEN', 'only its provider, the city bureau 440100, may.');
  });

  it('is refused for a grant already revoked', () => {
    const revoked = { ...grant, revokedAt: new Date('2025-03-01T02:00:00Z') };
    expectError(mayRevokeGrant(revoked, '440106'), 'BAD_USER_INPUT', 'already revoked at 2025-03-01T02:00:00.000Z', 'id');
  });
});

describe('giving up a grant', () => {
  const grant = { id: 'g-1', provider: '440100', grantee: SCHOOL, validUntil: new Date('2025-06-30T16:00:00Z') };
  const now = new Date('2025-03-03T02:00:00Z');

  it('is allowed to the grantee while the grant runs', () => expect(mayGiveUpGrant(grant, SCHOOL, now)).toEqual({ ok: true, value: undefined }));

  it.each([
    ['the provider', grant, '440100', now, 'FORBIDDEN', `only its grantee ${SCHOOL} may`],
    ['another unit', grant, '440106', now, 'FORBIDDEN', `only its grantee ${SCHOOL} may`],
    ['a grant already ended', { ...grant, revokedAt: new Date('2025-03-01T02:00:00Z') }, SCHOOL, now, 'BAD_USER_INPUT', 'already ended at 2025-03-01T02:00:00.000Z'],
    ['an expired grant', grant, SCHOOL, new Date('2025-07-01T00:00:00Z'), 'BAD_USER_INPUT', 'expired at 2025-06-30T16:00:00.000Z'],
  ] as const)('is refused: %s', (_name, held, actor, at, code, message) => expectError(mayGiveUpGrant(held, actor, at), code, message));
});
