import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { codes, jtiOf, startTwoInstances, type TwoInstances } from './two-instances';

/**
 * Issue 6, fail closed: two gateways on a private redis-server (never the
 * machine's shared one), which the tests stop, restart empty and flush.
 * PostgreSQL stays the authority throughout.
 */
let redis: PrivateRedis;
let two: TwoInstances;

beforeAll(async () => {
  redis = await startPrivateRedis();
  two = await startTwoInstances(redis.url);
});

afterAll(async () => {
  await two?.close();
  await redis?.stop();
});

const PROBE = '{ __typename }';
const CATALOG = '{ catalog { code } }';
const REVOKE = 'mutation ($jti: ID!, $reason: String!) { revokeToken(jti: $jti, reason: $reason) { jti } }';
const tokens: Record<'early' | 'duringOutage' | 'good', string> = { early: '', duringOutage: '', good: '' };

async function revokeOwn(url: string, token: string): Promise<void> {
  const reply = await two.call(url, REVOKE, { token, variables: { jti: jtiOf(token), reason: 'fault test' } });
  expect(reply.body.errors).toBeUndefined();
}

async function expectRefusedEverywhere(token: string): Promise<void> {
  for (const url of [two.urlA, two.urlB]) {
    const reply = await two.call(url, PROBE, { token });
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.message).toMatch(/^token revoked/);
  }
}

async function expectServedEverywhere(token: string): Promise<void> {
  for (const url of [two.urlA, two.urlB]) {
    const reply = await two.call(url, CATALOG, { token });
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect((reply.body.data?.catalog as unknown[]).length).toBeGreaterThan(0);
  }
}

/** Waits until the gateways have copied the denylist back (what they do in the background). */
async function denylistKeys(expected: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const keys = await redis.keys(`${two.keyPrefix}{denylist}:*`);
    if (keys.length >= expected || Date.now() > deadline) return keys.sort();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('with Redis stopped, revoked tokens are still refused (PostgreSQL answers) and everything else is served', async () => {
  tokens.early = await two.a.token('440106');
  tokens.good = await two.a.token('440106');
  await revokeOwn(two.urlA, tokens.early);
  await redis.stop();

  await expectRefusedEverywhere(tokens.early);
  await expectServedEverywhere(tokens.good);

  // A revocation made while Redis is down is committed to PostgreSQL and refused at once on both gateways.
  tokens.duringOutage = await two.a.token('440104');
  await revokeOwn(two.urlB, tokens.duringOutage);
  await expectRefusedEverywhere(tokens.duringOutage);

  // Grant changes still work: an unconditional application is approved and used through the other gateway.
  const applied = await two.call(two.urlA, 'mutation ($input: ApplyForShareInput!) { applyForShare(input: $input) { status } }', {
    unit: 'GZTJJ', variables: { input: {
      resources: ['GZJY-JS-003'], fields: ['Teacher.title'], purpose: '职称统计',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    } },
  });
  expect(applied.body.data?.applyForShare).toEqual({ status: 'APPROVED' });
});

it('when Redis returns empty, the gateways rebuild the denylist from PostgreSQL', async () => {
  await redis.start();
  const keys = await denylistKeys(3);
  expect(keys).toEqual(expect.arrayContaining([
    `${two.keyPrefix}{denylist}:ready`,
    `${two.keyPrefix}{denylist}:jti:440106:${jtiOf(tokens.early)}`,
    `${two.keyPrefix}{denylist}:jti:440104:${jtiOf(tokens.duringOutage)}`,
  ]));
  await expectRefusedEverywhere(tokens.early);
  await expectRefusedEverywhere(tokens.duringOutage);
  await expectServedEverywhere(tokens.good);
});

it('when Redis is flushed under running gateways, revoked tokens stay refused and the copy is rebuilt', async () => {
  await redis.flush();
  expect(await redis.keys(`${two.keyPrefix}{denylist}:*`)).toEqual([]);
  await expectRefusedEverywhere(tokens.early);
  await expectServedEverywhere(tokens.good);
  const keys = await denylistKeys(3);
  expect(keys).toContain(`${two.keyPrefix}{denylist}:jti:440106:${jtiOf(tokens.early)}`);
  expect(keys).toContain(`${two.keyPrefix}{denylist}:ready`);
  const fresh = await two.a.token('440106');
  await revokeOwn(two.urlB, fresh);
  await expectRefusedEverywhere(fresh);
  expect(codes(await two.call(two.urlA, PROBE, { token: tokens.good }))).toEqual([]);
});
