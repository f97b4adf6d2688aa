import { randomBytes } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { contextKeysOf, type ContextKeys } from '../../../platform/context-keys';
import { openHotState, type HotState } from '../../../platform/hot-state';
import { createLogger } from '../../../platform/logger';
import { ASSERTION_EXTENSION, permissionsDigest, signAssertion } from '../../../platform/permissions-assertion';
import { sealFetch } from '../../../platform/signed-context';
import { serializePermissions } from '../../../policies/permissions';
import { freePort } from '../../../test/support/free-port';
import { AssertionRequired, ContextOpener } from '../context-opener';
import { allowAllPermissions } from './test-permissions';

/**
 * The subgraph's half of the sealed context, on the hot state instances share:
 * process memory always, and the machine's Redis when REDIS_URL is set (CI),
 * under a key prefix of this file's own, deleted afterwards. Two openers over
 * one hot state are two instances of one subgraph.
 */
const kinds: Array<[string, string | undefined]> = [['memory', undefined]];
if (process.env.REDIS_URL) kinds.push(['redis', process.env.REDIS_URL]);
const logger = createLogger('silent', 'test');
const claims = { unit: '440100', requestId: 'r-1', tokenId: 't-1' };
const wire = serializePermissions(allowAllPermissions('440100'));
const digest = permissionsDigest(wire);
const raw = JSON.stringify({ query: '{ students { totalCount } }', variables: {} });

let keys: ContextKeys;
beforeAll(async () => {
  keys = contextKeysOf(await generateKeyPair('EdDSA'));
});

const seal = (body = raw, ttl = 60) => sealFetch(keys.fetchKey('student'), 'student', claims, digest, body, ttl);
const withAssertion = async (assertedWire: unknown = wire, assertedDigest = digest) => {
  const assertion = await signAssertion(keys.assertion, 'student', assertedWire, assertedDigest, 3_600);
  const body = { ...(JSON.parse(raw) as object), extensions: { [ASSERTION_EXTENSION]: assertion } };
  return { body, raw: JSON.stringify(body) };
};

describe.each(kinds)('opening sealed fetches over a hot state in %s', (_kind, redisUrl) => {
  const prefix = `edupool-test-${randomBytes(4).toString('hex')}:`;
  let hotState: HotState;
  let instanceA: ContextOpener;
  let instanceB: ContextOpener;

  beforeAll(async () => {
    hotState = await openHotState({ ...(redisUrl ? { redisUrl } : {}), keyPrefix: prefix, logger });
    instanceA = new ContextOpener('student', keys, hotState);
    instanceB = new ContextOpener('student', keys, hotState);
  });
  afterAll(async () => {
    if (hotState.redis) {
      const stored = await hotState.redis.keys(`${prefix}*`);
      if (stored.length > 0) await hotState.redis.del(...stored.map((key) => key.slice(prefix.length)));
    }
    await hotState.close();
  });

  it('asks for the assertion of permissions it does not hold, then keeps them by digest', async () => {
    await expect(instanceA.open(await seal(), raw, JSON.parse(raw))).rejects.toEqual(new AssertionRequired(digest));
    const first = await withAssertion();
    const opened = await instanceA.open(await seal(first.raw), first.raw, first.body);
    expect(opened.permissions.unit).toBe('440100');
    expect(Object.isFrozen(opened.permissions)).toBe(true);
    const next = await instanceA.open(await seal(), raw, JSON.parse(raw));
    expect(next.permissions).toBe(opened.permissions);
  });

  it('refuses a seal already accepted, on the other instance and on the same one', async () => {
    const first = await withAssertion();
    const token = await seal(first.raw);
    await instanceA.open(token, first.raw, first.body);
    await expect(instanceB.open(token, first.raw, first.body)).rejects.toThrow('gateway context replayed');
    await expect(instanceA.open(token, first.raw, first.body)).rejects.toThrow('gateway context replayed');
  });

  it('refuses an assertion of other permissions than the seal names', async () => {
    const other = serializePermissions(allowAllPermissions('440106'));
    const forged = await withAssertion(other, permissionsDigest(other));
    const opener = new ContextOpener('student', keys, hotState);
    await expect(opener.open(await seal(forged.raw), forged.raw, forged.body)).rejects.toThrow('for other permissions');
  });
});

it('keeps serving when the hot state cannot be reached, and still refuses a replay at this instance', async () => {
  const unreachable = await openHotState({ redisUrl: `redis://127.0.0.1:${await freePort()}`, keyPrefix: 'edupool-test-none:', logger });
  try {
    const opener = new ContextOpener('student', keys, unreachable);
    const first = await withAssertion();
    const header = await seal(first.raw);
    await expect(opener.open(header, first.raw, first.body)).resolves.toMatchObject({ request: expect.anything() });
    await expect(opener.open(header, first.raw, first.body)).rejects.toThrow('replayed');
  } finally {
    await unreachable.close();
  }
});
