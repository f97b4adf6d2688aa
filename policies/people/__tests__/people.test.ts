import { checkClientScope, judgeSignIn, readOidcPerson, LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS, personRoles, roleFitsUnit } from '..';
import { unitTypes } from '../../units';

const NOW = new Date('2026-12-07T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('judgeSignIn', () => {
  it.each([
    ['a right password clears the count', { failedAttempts: 3 }, true, { kind: 'accepted', next: { failedAttempts: 0 } }],
    ['a wrong one counts', { failedAttempts: 1 }, false, { kind: 'refused', next: { failedAttempts: 2 }, attemptsLeft: MAX_FAILED_SIGN_INS - 2 }],
    ['the last wrong one locks', { failedAttempts: MAX_FAILED_SIGN_INS - 1 }, false,
      { kind: 'locked', until: minutes(LOCKOUT_MINUTES), next: { failedAttempts: MAX_FAILED_SIGN_INS, lockedUntil: minutes(LOCKOUT_MINUTES) } }],
    ['a locked account refuses even the right password', { failedAttempts: 5, lockedUntil: minutes(3) }, true,
      { kind: 'locked', until: minutes(3), next: { failedAttempts: 5, lockedUntil: minutes(3) } }],
    ['a lock that ran out lets the right password in', { failedAttempts: 5, lockedUntil: minutes(-1) }, true, { kind: 'accepted', next: { failedAttempts: 0 } }],
    ['a lock that ran out starts a fresh count', { failedAttempts: 5, lockedUntil: minutes(-1) }, false,
      { kind: 'refused', next: { failedAttempts: 1 }, attemptsLeft: MAX_FAILED_SIGN_INS - 1 }],
  ] as const)('%s', (_name, state, matches, verdict) => {
    expect(judgeSignIn(state, matches, NOW)).toEqual(verdict);
  });
});

describe('checkClientScope', () => {
  const registered = ['GZJY-XS-001', 'GZJY-XX-001'];
  it.each([
    [undefined, { ok: true, scope: ['GZJY-XS-001', 'GZJY-XX-001'] }],
    ['  ', { ok: true, scope: ['GZJY-XS-001', 'GZJY-XX-001'] }],
    ['GZJY-XX-001', { ok: true, scope: ['GZJY-XX-001'] }],
    ['GZJY-XX-001  GZJY-XX-001', { ok: true, scope: ['GZJY-XX-001'] }],
    ['GZJY-XX-001 GZJY-XS-002', { ok: false, outside: ['GZJY-XS-002'] }],
  ])('%j', (requested, verdict) => {
    expect(checkClientScope(registered, requested)).toEqual(verdict);
  });
});

describe('roleFitsUnit', () => {
  it('lets only bureaus endorse and only the city bureau supervise; the rest fit every unit', () => {
    const fits = Object.fromEntries(personRoles.map((role) => [role, unitTypes.filter((type) => roleFitsUnit(role, type))]));
    expect(fits).toEqual({
      APPLICANT: unitTypes, DATA_OFFICER: unitTypes, AUDITOR: unitTypes, APP_ADMIN: unitTypes,
      ENDORSER: ['CITY_BUREAU', 'DISTRICT_BUREAU'], SUPERVISOR: ['CITY_BUREAU'],
    });
  });
});

describe('readOidcPerson', () => {
  const names = { unit: 'edupool_unit', roles: 'edupool_roles' };
  const unitTypeOf = (code: string) => ({ '440106': 'DISTRICT_BUREAU', '44010601': 'SCHOOL' } as const)[code];
  it.each([
    ['a unit and no roles claim: roles left to the console', { sub: 's1', name: '王老师', edupool_unit: '440106' },
      { kind: 'person', unit: '440106', displayName: '王老师' }],
    ['roles as a list, any case, sorted and unique', { sub: 's1', edupool_unit: '440106', edupool_roles: ['endorser', 'APPLICANT', 'ENDORSER'] },
      { kind: 'person', unit: '440106', displayName: 's1', roles: ['APPLICANT', 'ENDORSER'] }],
    ['roles as a space-separated string', { sub: 's1', preferred_username: 'wang', edupool_unit: '44010601', edupool_roles: 'APPLICANT APP_ADMIN' },
      { kind: 'person', unit: '44010601', displayName: 'wang', roles: ['APPLICANT', 'APP_ADMIN'] }],
    ['an empty roles list: no role', { sub: 's1', edupool_unit: '440106', edupool_roles: [] },
      { kind: 'person', unit: '440106', displayName: 's1', roles: [] }],
    ['no unit claim', { sub: 's1' }, { kind: 'refused', reason: 'unit-missing' }],
    ['a unit the pool does not know', { sub: 's1', edupool_unit: '999999' }, { kind: 'refused', reason: 'unit-unknown' }],
    ['an unknown role', { sub: 's1', edupool_unit: '440106', edupool_roles: ['APPLICANT', 'ROOT'] }, { kind: 'refused', reason: 'roles-invalid' }],
    ['a role that does not fit the unit\'s kind', { sub: 's1', edupool_unit: '44010601', edupool_roles: ['ENDORSER'] },
      { kind: 'refused', reason: 'roles-invalid' }],
    ['a roles claim of the wrong shape', { sub: 's1', edupool_unit: '440106', edupool_roles: { role: 'APPLICANT' } },
      { kind: 'refused', reason: 'roles-invalid' }],
  ] as const)('%s', (_name, claims, verdict) => {
    expect(readOidcPerson(claims, names, unitTypeOf)).toMatchObject(verdict);
  });
});
