import { ANONYMOUS_UNIT } from '../../../policies/permissions';
import { createMemoryHotState } from '../../../platform/hot-state';
import { createRateLimits } from '../../limits/rate-limits';
import { requestChecks } from '../request-checks';
import { decide, summary, verificationGrant, type Case } from './harness';

const VERIFY = '{ verifyEnrollment(idNumber: "440106201001010011", name: "张三") { enrolled } }';
const PURPOSE = '户籍迁入审核';

const registry = (registered: boolean) => ({
  registeredOperations: { isPartner: (unit: string) => unit === 'GZGAJ', isRegistered: async () => registered },
});

describe('the request checks, one row per outcome', () => {
  it.each<[string, Case, string]>([
    ['anonymous, open data only', { unit: ANONYMOUS_UNIT, query: '{ schools(first: 2) { edges { node { code name } } } }' }, 'admitted'],
    ['anonymous, a closed field', { unit: ANONYMOUS_UNIT, query: '{ students(first: 2) { edges { node { name } } } }' }, 'rejected 401 UNAUTHENTICATED'],
    ['header contradicts the token\'s purpose', { query: VERIFY, grants: [verificationGrant()], purpose: '其他', tokenPurpose: PURPOSE }, 'rejected 403 FORBIDDEN'],
    ['header repeats the token\'s purpose', { query: VERIFY, grants: [verificationGrant()], purpose: PURPOSE, tokenPurpose: PURPOSE }, 'admitted'],
    ['cost over the limit once the variables are known',
      { unit: '440106', query: 'query ($n: Int = 1) { students(first: $n) { edges { node { name school { classes { name } } } } } }', variables: { n: 500 } }, 'rejected 400 QUERY_TOO_COSTLY'],
    ['fixed purpose, none declared', { query: VERIFY, grants: [verificationGrant()] }, 'admitted refusing Query.verifyEnrollment:NOT_GRANTED'],
    ['fixed purpose, another declared', { query: VERIFY, grants: [verificationGrant()], purpose: '其他' }, 'admitted refusing Query.verifyEnrollment:NOT_GRANTED'],
    ['fixed purpose, declared', { query: VERIFY, grants: [verificationGrant()], purpose: PURPOSE }, 'admitted'],
    ['never granted', { query: VERIFY }, 'admitted refusing Query.verifyEnrollment:NOT_GRANTED'],
    ['a refusal in reject mode', { query: VERIFY, refusalMode: 'reject' }, 'rejected 200 NOT_GRANTED'],
    ['a partner\'s unregistered operation', { query: VERIFY, grants: [verificationGrant()], purpose: PURPOSE, ports: registry(false) }, 'rejected 403 FORBIDDEN'],
    ['a partner\'s registered operation', { query: VERIFY, grants: [verificationGrant()], purpose: PURPOSE, ports: registry(true) }, 'admitted'],
    ['a partner\'s operation touching no catalog resource', { query: '{ __typename }', ports: registry(false) }, 'admitted'],
  ])('%s', async (_name, setup, expected) => {
    expect(summary(await decide(setup))).toBe(expected);
  });
});

describe('what a refusal says', () => {
  it('names the grant\'s purpose, the purpose declared and how to declare one', async () => {
    const decision = await decide({ query: VERIFY, grants: [verificationGrant()], purpose: '其他', refusalMode: 'reject' });
    expect(decision.kind).toBe('rejected');
    const [error] = decision.kind === 'rejected' ? decision.errors : [];
    expect(error!.message).toContain(`only for the purpose "${PURPOSE}"`);
    expect(error!.message).toContain('declared the purpose "其他"');
    expect(error!.message).toContain('x-edupool-purpose');
    expect(error!.extensions).toMatchObject({ code: 'NOT_GRANTED', grantPurposes: [PURPOSE], declaredPurpose: '其他' });
  });

  it('names when an expired grant ended', async () => {
    const expired = verificationGrant({ validUntil: new Date('2026-02-01T00:00:00+08:00') });
    const decision = await decide({ query: VERIFY, grants: [expired], purpose: PURPOSE, refusalMode: 'reject' });
    const [error] = decision.kind === 'rejected' ? decision.errors : [];
    expect(error!.extensions).toMatchObject({ code: 'NOT_GRANTED', expiredAt: '2026-01-31T16:00:00.000Z' });
    expect(error!.message).toContain('expired at 2026-01-31T16:00:00.000Z');
  });

  it('records the declared purpose in the admission', async () => {
    const decision = await decide({ query: VERIFY, grants: [verificationGrant()], purpose: PURPOSE });
    expect(decision.kind === 'admitted' && decision.purpose).toBe(PURPOSE);
  });
});

describe('order', () => {
  it('is the one the list states, with the shared-state checks last', () => {
    expect(requestChecks.map((c) => c.name)).toEqual([
      'anonymous reads open data only', 'declared purpose agrees with the token', 'cost with the request\'s variables',
      'strip refused fields', 'whole-request refusal mode', 'registered operations for partners', 'resource rate limit',
    ]);
  });

  it('counts a resource\'s allowance only for requests no earlier check rejected; aliased uses count each', async () => {
    const hotState = createMemoryHotState('decide-test:');
    const limits = createRateLimits(hotState, { unitPerMinute: 0, tokenPerMinute: 0 });
    const ports = { admitResource: limits.admitResource.bind(limits) };
    const grants = [verificationGrant()];
    for (let i = 0; i < 5; i += 1) expect(summary(await decide({ query: VERIFY, grants, purpose: PURPOSE, ports: { ...ports, ...registry(false) } }))).toBe('rejected 403 FORBIDDEN');
    const twenty = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: verifyEnrollment(idNumber: "440106201001010011", name: "张三") { enrolled }`).join(' ')} }`;
    for (let used = 0; used + 20 <= 60; used += 20) expect(summary(await decide({ query: twenty, grants, purpose: PURPOSE, ports }))).toBe('admitted');
    const over = await decide({ query: VERIFY, grants, purpose: PURPOSE, ports });
    expect(summary(over)).toBe('rejected 429 RATE_LIMITED');
    expect(over.kind === 'rejected' && over.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await hotState.close();
  });
});
