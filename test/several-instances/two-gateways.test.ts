import { requestToken, signIn, withCookie } from '../people/people-support';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import type { GraphQLReply } from '../support/test-pool';
import { codes, jtiOf, startTwoInstances, type TwoInstances } from './two-instances';

/**
 * Issue 6, "several instances, one truth": two gateways (each with its own
 * governance subgraph instance) sharing only PostgreSQL and Redis. The Redis
 * is REDIS_URL's (the machine's, in CI) or, without it, a private
 * redis-server; the store is DATABASE_URL's server or the one embedded PGlite
 * reached by both over its socket.
 */
let two: TwoInstances;
let privateRedis: PrivateRedis | undefined;

beforeAll(async () => {
  if (!process.env.REDIS_URL) privateRedis = await startPrivateRedis();
  two = await startTwoInstances(process.env.REDIS_URL ?? privateRedis!.url);
});

afterAll(async () => {
  await two?.close();
  await privateRedis?.stop();
});

const PROBE = '{ __typename }';
const REVOKE = 'mutation ($jti: ID!, $unit: String, $reason: String!) { revokeToken(jti: $jti, unit: $unit, reason: $reason) { jti unit revokedBy } }';
const REVOKE_UNIT = 'mutation ($unit: String!, $reason: String!) { revokeUnitTokens(unit: $unit, reason: $reason) { unit revokedBefore revokedBy } }';

const revokedReply = expect.objectContaining({
  status: 401,
  body: expect.objectContaining({ errors: [expect.objectContaining({ message: expect.stringMatching(/^token revoked/), extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })] }),
});

/**
 * The other gateway's answer once it refuses the token. It asks until then, but
 * not for as long as the backstop poll (a minute), so a refusal seen here was
 * carried by Redis. How fast is `npm run bench`'s business (hot-state bench).
 */
async function replyOnceRefused(url: string, token: string): Promise<GraphQLReply> {
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    const reply = await two.call(url, PROBE, { token });
    if (reply.status !== 200 || Date.now() > giveUpAt) return reply;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a token revoked through one gateway', () => {
  it('is refused by the other (every time of 20), and by the first; other tokens are still served', async () => {
    const bystander = await two.a.token('440106');
    for (let i = 0; i < 20; i += 1) {
      const token = await two.a.token('440106');
      expect((await two.call(two.urlB, PROBE, { token })).status).toBe(200);
      const revoked = await two.call(two.urlA, REVOKE, { token, variables: { jti: jtiOf(token), reason: 'leaked in a test' } });
      expect(revoked.body.errors).toBeUndefined();
      expect(await replyOnceRefused(two.urlB, token)).toEqual(revokedReply);
      expect(await two.call(two.urlA, PROBE, { token })).toEqual(revokedReply);
    }
    expect(await two.call(two.urlA, PROBE, { token: (await two.a.token('440106')) })).toEqual(expect.objectContaining({ status: 200 }));
    expect((await two.call(two.urlB, PROBE, { token: bystander })).status).toBe(200);
  });

  it('may be revoked by its unit, its education department or the city bureau, and by no one else', async () => {
    const schoolToken = await two.a.token('440106');
    const jti = jtiOf(schoolToken);
    const byOtherDistrict = await two.call(two.urlA, REVOKE, { unit: '440104', variables: { jti, unit: '440106', reason: 'not mine' } });
    expect(codes(byOtherDistrict)).toEqual(['FORBIDDEN']);
    const byPartner = await two.call(two.urlB, REVOKE, { unit: 'GZGAJ', variables: { jti, unit: '440106', reason: 'not mine' } });
    expect(codes(byPartner)).toEqual(['FORBIDDEN']);
    expect((await two.call(two.urlB, PROBE, { token: schoolToken })).status).toBe(200);

    const unknownUnit = await two.call(two.urlA, REVOKE, { unit: '440100', variables: { jti, unit: 'NOPE', reason: 'x' } });
    expect(codes(unknownUnit)).toEqual(['BAD_USER_INPUT']);
    const noReason = await two.call(two.urlA, REVOKE, { unit: '440100', variables: { jti, unit: '440106', reason: ' ' } });
    expect(codes(noReason)).toEqual(['BAD_USER_INPUT']);

    const byCity = await two.call(two.urlA, REVOKE, { unit: '440100', variables: { jti, unit: '440106', reason: 'supervision' } });
    expect(byCity.body.data?.revokeToken).toEqual({ jti, unit: '440106', revokedBy: '440100' });
    expect(await two.call(two.urlB, PROBE, { token: schoolToken })).toEqual(revokedReply);
  });

  it('a jti revoked for one unit does not revoke a token of another unit', async () => {
    const token = await two.a.token('440104');
    const revoked = await two.call(two.urlA, REVOKE, { unit: '440106', variables: { jti: jtiOf(token), reason: 'own unit named' } });
    expect(revoked.body.data?.revokeToken).toEqual(expect.objectContaining({ unit: '440106' }));
    expect((await two.call(two.urlB, PROBE, { token })).status).toBe(200);
  });
});

describe('revoking every token of a unit', () => {
  it('refuses its earlier tokens on both gateways and serves tokens issued afterwards; only its superiors may', async () => {
    const before = await two.a.token('GZGAJ');
    const forbidden = await two.call(two.urlB, REVOKE_UNIT, { unit: '440106', variables: { unit: 'GZGAJ', reason: 'not mine' } });
    expect(codes(forbidden)).toEqual(['FORBIDDEN']);
    expect((await two.call(two.urlA, PROBE, { token: before })).status).toBe(200);

    const revoked = await two.call(two.urlB, REVOKE_UNIT, { unit: '440100', variables: { unit: 'GZGAJ', reason: 'device lost' } });
    expect(revoked.body.data?.revokeUnitTokens).toEqual(expect.objectContaining({ unit: 'GZGAJ', revokedBy: '440100' }));
    expect(await two.call(two.urlA, PROBE, { token: before })).toEqual(revokedReply);
    expect(await two.call(two.urlB, PROBE, { token: before })).toEqual(revokedReply);
    expect((await two.call(two.urlA, PROBE, { unit: '440106' })).status).toBe(200);

    // iat has whole seconds and the cut-off revokes its own second: a new token is good from the next one.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const after = await two.a.token('GZGAJ');
    expect((await two.call(two.urlA, PROBE, { token: after })).status).toBe(200);
    expect((await two.call(two.urlB, PROBE, { token: after })).status).toBe(200);
  });
});

describe('an app revoked through one gateway', () => {
  it('has the token it holds refused by the other, at once, while its unit\'s other tokens are served', async () => {
    const { cookie } = await signIn(two.a, '440106.admin', 'EduPool-demo-2026');
    const registered = await withCookie(two.a, cookie, `mutation { registerApp(input: { name: "学位管理系统", scope: ["GZJY-XS-001"], purpose: "学区学位统筹" }) {
      clientSecret app { clientId } } }`);
    const { clientSecret, app } = registered.body.data!.registerApp as { clientSecret: string; app: { clientId: string } };
    const { body } = await requestToken(two.a, { grant_type: 'client_credentials' }, { id: app.clientId, secret: clientSecret });
    const token = body.access_token!;
    expect((await two.call(two.urlB, PROBE, { token })).status).toBe(200);
    const revoked = await withCookie(two.a, cookie, `mutation { revokeApp(clientId: "${app.clientId}", reason: "泄露") { revokedAt } }`);
    expect(revoked.body.errors).toBeUndefined();
    expect(await replyOnceRefused(two.urlB, token)).toEqual(revokedReply);
    expect(await two.call(two.urlA, PROBE, { token })).toEqual(revokedReply);
    expect((await two.call(two.urlB, PROBE, { unit: '440106' })).status).toBe(200);
  });
});

describe('a share application across the gateways', () => {
  const APPLY = 'mutation ($input: ApplyForShareInput!) { applyForShare(input: $input) { id status } }';
  const DECIDE = 'mutation ($id: ID!) { decideShareApplication(id: $id, decision: APPROVE) { status grants { id resource } } }';
  const ID_NUMBERS = '{ students(first: 3) { edges { node { id idNumber } } } }';

  it('is made through A, decided through B, used through A at once; its grant revoked through A is refused through B', async () => {
    const refused = await two.call(two.urlA, ID_NUMBERS, { unit: 'GZWJW', purpose: '疫苗接种核查' });
    expect(codes(refused)).toContain('NOT_GRANTED');
    expect(codes(await two.call(two.urlB, ID_NUMBERS, { unit: 'GZWJW', purpose: '疫苗接种核查' }))).toContain('NOT_GRANTED');

    const applied = await two.call(two.urlA, APPLY, { unit: 'GZWJW', variables: { input: {
      resources: ['GZJY-XS-001', 'GZJY-XS-002'], fields: ['Query.students', 'Student.id', 'Student.idNumber'],
      purpose: '疫苗接种核查', validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    } } });
    expect(applied.body.errors).toBeUndefined();
    const application = applied.body.data?.applyForShare as { id: string; status: string };
    expect(application.status).toBe('SUBMITTED');
    const decided = await two.call(two.urlB, DECIDE, { unit: '440100', variables: { id: application.id } });
    const approved = decided.body.data?.decideShareApplication as { status: string; grants: Array<{ id: string; resource: string }> };
    expect(approved.status).toBe('APPROVED');
    const idNumberGrant = approved.grants.find((g) => g.resource === 'GZJY-XS-002')!;

    // A cached GZWJW's permissions (no grant) above; the backstop poll is a minute away, so the Redis notice dropped them.
    const served = await two.call(two.urlA, ID_NUMBERS, { unit: 'GZWJW', purpose: '疫苗接种核查' });
    expect(served.body.errors).toBeUndefined();
    expect((served.body.data?.students as { edges: Array<{ node: { idNumber: string } }> }).edges[0]!.node.idNumber).toBeTruthy();
    expect((await two.call(two.urlB, ID_NUMBERS, { unit: 'GZWJW', purpose: '疫苗接种核查' })).body.errors).toBeUndefined();

    const revoke = await two.call(two.urlA, 'mutation ($id: ID!) { revokeGrant(id: $id, reason: "purpose fulfilled") { id } }', {
      unit: '440100', variables: { id: idNumberGrant.id },
    });
    expect(revoke.body.errors).toBeUndefined();
    expect(codes(await two.call(two.urlB, ID_NUMBERS, { unit: 'GZWJW', purpose: '疫苗接种核查' }))).toContain('NOT_GRANTED');
  });
});
