import { HeaderMap, type GraphQLRequestListener } from '@apollo/server';
import { createMemoryHotState } from '../../../platform/hot-state';
import { poolCatalog } from '../../../scripts/pool-parts';
import { newEnforcementState, type GatewayContext } from '../../gateway-context';
import { createRateLimits } from '../rate-limits';
import { resourceRateLimitPlugin } from '../resource-rate-limit-plugin';

/**
 * The per-(unit, resource) limit as the enforcement plugin leaves a request:
 * its served coordinates name the resources it touches, and each resource's
 * allowance is the one the shipped catalog sets (enrollment verification,
 * 学籍核验: 60 a minute per unit).
 */
const catalog = poolCatalog();
const VERIFICATION = catalog.resourceOf('Query.verifyEnrollment')!;

async function run(unit: string, served: string[] | Map<string, string[][]>, limits = createRateLimits(createMemoryHotState('t:'), { unitPerMinute: 0, tokenPerMinute: 0 })) {
  const plugin = resourceRateLimitPlugin({ limits, catalog });
  const enforcement = newEnforcementState();
  enforcement.served = served instanceof Map ? served : new Map(served.map((c) => [c, [[c]]]));
  const contextValue: GatewayContext = { requestId: 'r', unit, tokenId: 't', enforcement };
  const response = { http: { status: undefined as number | undefined, headers: new HeaderMap() } };
  const listener = await plugin.requestDidStart!({} as never) as GraphQLRequestListener<GatewayContext>;
  const result = await listener.responseForOperation!({ contextValue, response } as never);
  return { result, response, enforcement, limits };
}

it('refuses the unit\'s request past the resource\'s allowance with 429 and Retry-After, serving and auditing nothing', async () => {
  const { requests, perSeconds } = VERIFICATION.rateLimit!;
  const first = await run('GZGAJ', ['Query.verifyEnrollment', 'EnrollmentVerification.match']);
  expect(first.result).toBeNull();
  for (let i = 1; i < requests; i += 1) expect((await run('GZGAJ', ['Query.verifyEnrollment'], first.limits)).result).toBeNull();
  const over = await run('GZGAJ', ['Query.verifyEnrollment'], first.limits);
  expect(over.response.http.status).toBe(429);
  const wait = Number(over.response.http.headers.get('retry-after'));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(perSeconds);
  expect(over.result!.body).toEqual({ kind: 'single', singleResult: { errors: [{
    message: expect.stringContaining('Retry after'), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, http: { status: 429 } },
  }] } });
  expect(over.enforcement.served.size).toBe(0);
  const otherUnit = await run('GZWJW', ['Query.verifyEnrollment'], first.limits);
  expect(otherUnit.result).toBeNull();
});

it('leaves alone a request touching no limited resource', async () => {
  const limits = createRateLimits(createMemoryHotState('t:'), { unitPerMinute: 0, tokenPerMinute: 0 });
  expect(catalog.resourceOf('Student.name')!.rateLimit).toBeUndefined();
  for (let i = 0; i < 100; i += 1) expect((await run('GZGAJ', ['Student.name'], limits)).result).toBeNull();
});

it('counts every aliased use: twenty verifications in one request are twenty of the allowance', async () => {
  const { requests } = VERIFICATION.rateLimit!;
  const twenty = new Map([['Query.verifyEnrollment', Array.from({ length: 20 }, (_, i) => [`a${i}`])]]);
  const first = await run('GZGAJ', twenty);
  expect(first.result).toBeNull();
  for (let used = 20; used + 20 <= requests; used += 20) expect((await run('GZGAJ', twenty, first.limits)).result).toBeNull();
  const over = await run('GZGAJ', twenty, first.limits);
  expect(over.response.http.status).toBe(429);
});
