import type { PersonRole } from '../../people';
import { checkPersonRole, type PersonAction } from '../person-roles';
import { expectError } from './harness';

/** A person acts for their unit only with the role the step takes; who assigns roles is named in every refusal. */
describe('the role a person needs for each step', () => {
  it.each([
    ['APPLY', '2144010001', ['APPLICANT']],
    ['RESUBMIT', '2144010001', ['APPLICANT']],
    ['WITHDRAW', '2144010001', ['APPLICANT']],
    ['GIVE_UP', '2144010001', ['APPLICANT']],
    ['ENDORSE', '440106', ['ENDORSER']],
    ['DECLINE', '440106', ['ENDORSER']],
    ['APPROVE', '440100', ['DATA_OFFICER']],
    ['REJECT', '440100', ['DATA_OFFICER']],
    ['REVOKE', '440106', ['DATA_OFFICER']],
    ['REVOKE', '440100', ['DATA_OFFICER']],
    ['REVOKE', '440100', ['SUPERVISOR']],
    ['ENDORSE', '440106', ['APPLICANT', 'ENDORSER']],
  ] as const)('%s in %s with %j: allowed', (action, unit, roles) => {
    expect(checkPersonRole(action, unit, roles)).toEqual({ ok: true, value: undefined });
  });

  it.each<[PersonAction, string, PersonRole[], string]>([
    ['APPLY', '440106', [], 'it takes the role 经办人 (APPLICANT) in unit 440106'],
    ['DECLINE', '440106', ['APPLICANT'], 'it takes the role 审核人 (ENDORSER) in unit 440106'],
    ['ENDORSE', '440106', ['DATA_OFFICER', 'AUDITOR'], '审核人 (ENDORSER)'],
    ['APPROVE', '440100', ['ENDORSER', 'SUPERVISOR'], '数据管理员 (DATA_OFFICER)'],
    ['RESUBMIT', '2144010001', ['APP_ADMIN'], '经办人 (APPLICANT)'],
    ['GIVE_UP', '2144010001', [], 'give up a grant'],
    ['REVOKE', '440106', ['SUPERVISOR'], 'it takes the role 数据管理员 (DATA_OFFICER) in unit 440106'],
    ['REVOKE', '440100', ['AUDITOR'], '数据管理员 (DATA_OFFICER) or 监督员 (SUPERVISOR)'],
  ])('%s in %s with %j: FORBIDDEN naming %s', (action, unit, roles, message) => {
    const outcome = checkPersonRole(action, unit, roles);
    expectError(outcome, 'FORBIDDEN', message);
    expectError(outcome, 'FORBIDDEN', 'Your unit\'s 应用管理员 (APP_ADMIN) assigns roles in the console.');
  });
});
