import { clientSecretMatches } from '../../../platform/app-secrets';
import { accountsRepository, adminActionsOf, appCredentialsRepository, type Account } from '../../../store/people';
import { dataOf, errorOf, openFixture, TIANHE_SCHOOL, type Fixture } from './harness';

/**
 * Issue 14, items 1 and 3: a unit's app administrator registers, rotates and
 * revokes the unit's apps and sets its people's roles. Each refusal names
 * what is missing; each change is recorded with the person who made it.
 */
let f: Fixture;
const people: Record<string, Account> = {};

const REGISTER = `mutation Register($input: RegisterAppInput!) {
  registerApp(input: $input) { clientSecret app { clientId name scope purpose createdAt rotatedAt revokedAt } } }`;
const ROTATE = 'mutation Rotate($id: ID!) { rotateAppSecret(clientId: $id) { clientSecret app { clientId rotatedAt } } }';
const REVOKE = 'mutation Revoke($id: ID!, $reason: String!) { revokeApp(clientId: $id, reason: $reason) { clientId revokedAt revokeReason } }';
const APPS = '{ apps { clientId name scope purpose revokedAt } }';
const ACCOUNTS = '{ unitAccounts { id login displayName roles lockedUntil disabled } assignableRoles }';
const SET_ROLES = 'mutation Set($id: ID!, $roles: [PersonRole!]!) { setAccountRoles(accountId: $id, roles: $roles) { id login roles } }';

const input = (overrides: Record<string, unknown> = {}) => ({ input: { name: '学位管理系统', scope: ['GZJY-XS-001'], purpose: '学位管理', ...overrides } });
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const as = (login: string) => ({ person: people[login]!.id });

beforeAll(async () => {
  f = await openFixture();
  const accounts = accountsRepository(f.t.store.pool);
  const seed: Array<[string, string, Account['roles']]> = [
    ['440106.admin', '440106', ['APP_ADMIN']], ['440106.admin2', '440106', ['APP_ADMIN', 'APPLICANT']], ['440106.clerk', '440106', ['APPLICANT']],
    ['440100.admin', '440100', ['APP_ADMIN']], [`${TIANHE_SCHOOL}.admin`, TIANHE_SCHOOL, ['APP_ADMIN']], [`${TIANHE_SCHOOL}.clerk`, TIANHE_SCHOOL, ['APPLICANT']],
    ['GZGAJ.admin', 'GZGAJ', ['APP_ADMIN']],
  ];
  for (const [login, unit, roles] of seed) {
    people[login] = await accounts.ensure({ unit, login, displayName: login, roles, grantedBy: 'test' }, f.t.clock.now());
  }
});

afterAll(() => f?.close());

describe('registering an app', () => {
  it('answers the client id and a secret once; the store keeps only its hash; the list never shows it', async () => {
    const { registerApp } = dataOf(await f.call('440106', REGISTER, input(), as('440106.admin')));
    expect(registerApp.app).toMatchObject({ name: '学位管理系统', scope: ['GZJY-XS-001'], purpose: '学位管理', rotatedAt: null, revokedAt: null });
    expect(registerApp.app.clientId).toMatch(/^app_[A-Za-z0-9_-]{16}$/);
    // 256 bits, base64url.
    expect(registerApp.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await appCredentialsRepository(f.t.store.pool).forClientAuthentication(registerApp.app.clientId);
    expect(stored!.secretHash).not.toContain(registerApp.clientSecret);
    expect(clientSecretMatches(registerApp.clientSecret, stored!.secretHash)).toBe(true);
    const { apps } = dataOf(await f.call('440106', APPS, {}, as('440106.admin2')));
    expect(apps).toContainEqual({ clientId: registerApp.app.clientId, name: '学位管理系统', scope: ['GZJY-XS-001'], purpose: '学位管理', revokedAt: null });
    expect(JSON.stringify(apps)).not.toContain(registerApp.clientSecret);
  });

  it('records who registered what, never the secret', async () => {
    const { registerApp } = dataOf(await f.call('440106', REGISTER, input({ name: '  招生系统 ', scope: ['GZJY-XX-001', 'GZJY-XS-001', 'GZJY-XX-001'] }), as('440106.admin')));
    expect(registerApp.app.name).toBe('招生系统');
    expect(registerApp.app.scope).toEqual(['GZJY-XS-001', 'GZJY-XX-001']);
    const [latest] = await adminActionsOf(f.t.store.pool, '440106', 1);
    expect(latest).toMatchObject({
      person: people['440106.admin']!.id, action: 'REGISTER_APP', subject: registerApp.app.clientId,
      details: { name: '招生系统', scope: ['GZJY-XS-001', 'GZJY-XX-001'], purpose: '学位管理' },
    });
    expect(JSON.stringify(latest)).not.toContain(registerApp.clientSecret);
  });

  it('lets a school register an app for what it can read (open school data, its own students)', async () => {
    const answer = await f.call(TIANHE_SCHOOL, REGISTER, input({ scope: ['GZJY-XX-001', 'GZJY-XS-001'] }), as(`${TIANHE_SCHOOL}.admin`));
    expect(dataOf(answer).registerApp.app.scope).toEqual(['GZJY-XS-001', 'GZJY-XX-001']);
  });

  const refusals: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
    ['an unknown resource', '440106', input({ scope: ['GZJY-XS-999'] }), 'BAD_USER_INPUT', /GZJY-XS-999 is not a catalog resource/],
    ['no resource', '440106', input({ scope: [] }), 'BAD_USER_INPUT', /at least one catalog resource/],
    ['no purpose', '440106', input({ purpose: '   ' }), 'BAD_USER_INPUT', /declare what the app reads the data for/],
    ['a purpose of 201 characters', '440106', input({ purpose: '用'.repeat(201) }), 'BAD_USER_INPUT', /1 to 200 characters/],
    ['no name', '440106', input({ name: '' }), 'BAD_USER_INPUT', /give the app a name/],
    ['a resource that is not shared', '440106', input({ scope: ['GZJY-XS-001', 'GZJY-XS-006'] }), 'NOT_SHARED', /个人信息保护法/],
    ['a resource the unit must first apply for', 'GZGAJ', input({ scope: ['GZJY-XS-001'] }), 'NOT_GRANTED', /Apply for catalog resource GZJY-XS-001/],
  ];

  it.each(refusals)('refuses %s', async (_name, unit, variables, code, message) => {
    const error = errorOf(await f.call(unit, REGISTER, variables, as(`${unit}.admin`)));
    expect(error.extensions.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('gives the legal basis of a resource that is not shared', async () => {
    const error = errorOf(await f.call('440106', REGISTER, input({ scope: ['GZJY-XS-006'] }), as('440106.admin')));
    expect(error.extensions).toMatchObject({ code: 'NOT_SHARED', resource: 'GZJY-XS-006', legalBasis: expect.stringContaining('未成年人保护法') });
  });
});

describe('who may administer the unit', () => {
  const who: Array<[string, string, { person?: string; client?: string } | (() => { person: string })]> = [
    ['an operator\'s token (no person)', '440106', {}],
    ['an app\'s token', '440106', { client: 'app_something' }],
    ['a person without APP_ADMIN', '440106', () => as('440106.clerk')],
    ['the app administrator of another unit', '440106', () => as('440100.admin')],
    ['an unknown person', '440106', { person: '00000000-0000-4000-8000-000000000000' }],
  ];
  const operations: Array<[string, string, Record<string, unknown>]> = [
    ['registerApp', REGISTER, input()], ['apps', APPS, {}], ['unitAccounts', ACCOUNTS, {}],
    ['rotateAppSecret', ROTATE, { id: 'app_x' }], ['revokeApp', REVOKE, { id: 'app_x', reason: 'x' }],
    ['setAccountRoles', SET_ROLES, { id: '00000000-0000-4000-8000-000000000000', roles: [] }],
  ];
  it.each(who.flatMap(([name, unit, caller]) => operations.map(([operation, query, variables]) => [name, operation, unit, caller, query, variables] as const)))(
    'refuses %s: %s is FORBIDDEN, naming the role needed', async (_name, _operation, unit, caller, query, variables) => {
      const error = errorOf(await f.call(unit, query, variables, typeof caller === 'function' ? caller() : caller));
      expect(error.extensions.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/应用管理员 \(APP_ADMIN\) in unit 440106/);
    },
  );
});

describe('rotating and revoking', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = dataOf(await f.call('440106', REGISTER, input({ name: '待轮换' }), as('440106.admin'))).registerApp.app.clientId;
  });

  it('rotates: a new secret once; only the new one matches', async () => {
    const before = await appCredentialsRepository(f.t.store.pool).forClientAuthentication(clientId);
    const { rotateAppSecret } = dataOf(await f.call('440106', ROTATE, { id: clientId }, as('440106.admin2')));
    expect(rotateAppSecret.app.rotatedAt).toMatch(ISO_INSTANT);
    const after = await appCredentialsRepository(f.t.store.pool).forClientAuthentication(clientId);
    expect(after!.secretHash).not.toBe(before!.secretHash);
    expect(clientSecretMatches(rotateAppSecret.clientSecret, after!.secretHash)).toBe(true);
    expect((await adminActionsOf(f.t.store.pool, '440106', 1))[0]).toMatchObject({ action: 'ROTATE_APP_SECRET', subject: clientId, person: people['440106.admin2']!.id });
  });

  it('refuses another unit\'s app as unknown, and a revocation without a reason', async () => {
    expect(errorOf(await f.call('440100', ROTATE, { id: clientId }, as('440100.admin'))).message).toMatch(/no app of unit 440100 has client id/);
    expect(errorOf(await f.call('440100', REVOKE, { id: clientId, reason: '泄露' }, as('440100.admin'))).extensions.code).toBe('BAD_USER_INPUT');
    expect(errorOf(await f.call('440106', REVOKE, { id: clientId, reason: '  ' }, as('440106.admin'))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
  });

  it('revokes with the reason; the app can then be neither rotated nor revoked again', async () => {
    const { revokeApp } = dataOf(await f.call('440106', REVOKE, { id: clientId, reason: '系统停用' }, as('440106.admin')));
    expect(revokeApp).toEqual({ clientId, revokedAt: expect.stringMatching(ISO_INSTANT), revokeReason: '系统停用' });
    expect((await adminActionsOf(f.t.store.pool, '440106', 1))[0]).toMatchObject({ action: 'REVOKE_APP', subject: clientId, details: { reason: '系统停用' } });
    expect(errorOf(await f.call('440106', ROTATE, { id: clientId }, as('440106.admin'))).message).toMatch(/was revoked at .*register a new app/);
    expect(errorOf(await f.call('440106', REVOKE, { id: clientId, reason: '再次' }, as('440106.admin'))).extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('people and roles', () => {
  it('lists the unit\'s people only, and the roles its kind allows', async () => {
    const district = dataOf(await f.call('440106', ACCOUNTS, {}, as('440106.admin')));
    expect(district.unitAccounts.map((a: { login: string }) => a.login)).toEqual(['440106.admin', '440106.admin2', '440106.clerk']);
    expect(district.unitAccounts[2]).toMatchObject({ roles: ['APPLICANT'], lockedUntil: null, disabled: false });
    expect(district.assignableRoles).toEqual(['APPLICANT', 'ENDORSER', 'DATA_OFFICER', 'AUDITOR', 'APP_ADMIN']);
    const school = dataOf(await f.call(TIANHE_SCHOOL, ACCOUNTS, {}, as(`${TIANHE_SCHOOL}.admin`)));
    expect(school.assignableRoles).toEqual(['APPLICANT', 'DATA_OFFICER', 'AUDITOR', 'APP_ADMIN']);
    expect(dataOf(await f.call('440100', ACCOUNTS, {}, as('440100.admin'))).assignableRoles).toContain('SUPERVISOR');
  });

  it('sets roles, recording who granted them and what changed', async () => {
    const clerk = people['440106.clerk']!;
    const { setAccountRoles } = dataOf(await f.call('440106', SET_ROLES, { id: clerk.id, roles: ['ENDORSER', 'APPLICANT'] }, as('440106.admin')));
    expect(setAccountRoles).toEqual({ id: clerk.id, login: '440106.clerk', roles: ['APPLICANT', 'ENDORSER'] });
    const granted = await f.t.store.pool.query<{ role: string; granted_by: string }>('SELECT role, granted_by FROM account_roles WHERE account_id = $1 ORDER BY role', [clerk.id]);
    expect(granted.rows).toEqual([{ role: 'APPLICANT', granted_by: 'test' }, { role: 'ENDORSER', granted_by: people['440106.admin']!.id }]);
    expect((await adminActionsOf(f.t.store.pool, '440106', 1))[0]).toMatchObject({
      action: 'SET_ACCOUNT_ROLES', subject: clerk.id, details: { login: '440106.clerk', before: ['APPLICANT'], after: ['APPLICANT', 'ENDORSER'] },
    });
  });

  it('refuses a role the unit\'s kind cannot hold, another unit\'s account, and taking APP_ADMIN from oneself', async () => {
    const schoolClerk = people[`${TIANHE_SCHOOL}.clerk`]!;
    const endorser = errorOf(await f.call(TIANHE_SCHOOL, SET_ROLES, { id: schoolClerk.id, roles: ['ENDORSER'] }, as(`${TIANHE_SCHOOL}.admin`)));
    expect(endorser.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'roles' });
    expect(endorser.message).toMatch(/审核人 ENDORSER cannot be held in a unit of kind SCHOOL/);
    const supervisor = errorOf(await f.call('440106', SET_ROLES, { id: people['440106.clerk']!.id, roles: ['SUPERVISOR'] }, as('440106.admin')));
    expect(supervisor.message).toMatch(/SUPERVISOR cannot be held in a unit of kind DISTRICT_BUREAU/);
    const foreign = errorOf(await f.call('440106', SET_ROLES, { id: schoolClerk.id, roles: ['APPLICANT'] }, as('440106.admin')));
    expect(foreign.message).toMatch(/no account of unit 440106 has id/);
    expect(errorOf(await f.call('440106', SET_ROLES, { id: 'not-a-uuid', roles: [] }, as('440106.admin'))).extensions.code).toBe('BAD_USER_INPUT');
    const self = errorOf(await f.call('440106', SET_ROLES, { id: people['440106.admin']!.id, roles: ['APPLICANT'] }, as('440106.admin')));
    expect(self.extensions.code).toBe('FORBIDDEN');
    expect(self.message).toMatch(/another app administrator of the unit must do it/);
  });

  it('lets another administrator take APP_ADMIN away, after which that person is refused', async () => {
    const admin2 = people['440106.admin2']!;
    dataOf(await f.call('440106', SET_ROLES, { id: admin2.id, roles: ['APPLICANT'] }, as('440106.admin')));
    expect(errorOf(await f.call('440106', APPS, {}, as('440106.admin2'))).extensions.code).toBe('FORBIDDEN');
  });
});
