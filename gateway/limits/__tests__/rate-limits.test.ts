import { randomBytes } from 'node:crypto';
import { openHotState, type HotState } from '../../../platform/hot-state';
import { createLogger } from '../../../platform/logger';
import { createRateLimits, type RateLimitVerdict } from '../rate-limits';

/**
 * The limiter over process memory always, and over the machine's Redis when
 * REDIS_URL is set (under a prefix of this run's own, deleted afterwards).
 * Two limiters over two hot states of one prefix stand for two gateway
 * instances: with Redis they count against one allowance, in memory each
 * counts alone.
 */
const logger = createLogger('silent', 'test');
const kinds: Array<[string, string | undefined]> = [['memory', undefined]];
if (process.env.REDIS_URL) kinds.push(['redis', process.env.REDIS_URL]);

async function times(n: number, admit: () => Promise<RateLimitVerdict>): Promise<RateLimitVerdict[]> {
  const verdicts: RateLimitVerdict[] = [];
  for (let i = 0; i < n; i += 1) verdicts.push(await admit());
  return verdicts;
}
const allowedCount = (verdicts: RateLimitVerdict[]) => verdicts.filter((v) => v.allowed).length;

describe.each(kinds)('rate limits over %s', (kind, redisUrl) => {
  const prefix = `edupool-test-rl-${randomBytes(4).toString('hex')}:`;
  const states: HotState[] = [];
  const open = async () => {
    const state = await openHotState({ ...(redisUrl ? { redisUrl } : {}), keyPrefix: prefix, logger });
    states.push(state);
    return state;
  };

  afterAll(async () => {
    const redis = states[0]?.redis;
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length)));
    }
    for (const state of states) await state.close();
  });

  it('refuses a token past its allowance with a wait of at most the window, and counts other tokens apart', async () => {
    const limits = createRateLimits(await open(), { unitPerMinute: 100, tokenPerMinute: 2 });
    const verdicts = await times(3, () => limits.admitRequest({ unit: '440106', token: 'jti-a' }));
    expect(verdicts.slice(0, 2)).toEqual([{ allowed: true }, { allowed: true }]);
    const refused = verdicts[2]!;
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(await limits.admitRequest({ unit: '440106', token: 'jti-b' })).toEqual({ allowed: true });
  });

  it('refuses every token of a unit past the unit allowance, and no other unit', async () => {
    const limits = createRateLimits(await open(), { unitPerMinute: 3, tokenPerMinute: 100 });
    const verdicts = await Promise.all(['t1', 't2', 't3', 't4'].map((token) => limits.admitRequest({ unit: 'GZWJW', token })));
    expect(allowedCount(verdicts)).toBe(3);
    expect(await limits.admitRequest({ unit: 'GZMZJ', token: 't5' })).toEqual({ allowed: true });
  });

  it('limits off (0) admit everything', async () => {
    const limits = createRateLimits(await open(), { unitPerMinute: 0, tokenPerMinute: 0 });
    expect(allowedCount(await times(20, () => limits.admitRequest({ unit: 'GZTJJ', token: 'x' })))).toBe(20);
  });

  it('counts a resource per unit within its own window', async () => {
    const limits = createRateLimits(await open(), { unitPerMinute: 0, tokenPerMinute: 0 });
    const limit = { requests: 2, perSeconds: 10 };
    const verdicts = await times(3, () => limits.admitResource('GZGAJ', 'GZJY-XS-009', limit));
    expect(allowedCount(verdicts)).toBe(2);
    const refused = verdicts[2]!;
    expect(refused.allowed ? 0 : refused.retryAfterSeconds).toBeLessThanOrEqual(10);
    expect(await limits.admitResource('GZRSJ', 'GZJY-XS-009', limit)).toEqual({ allowed: true });
    expect(await limits.admitResource('GZGAJ', 'GZJY-XS-001', limit)).toEqual({ allowed: true });
  });

  it(kind === 'redis' ? 'two instances count against one allowance' : 'two instances each count alone', async () => {
    const settings = { unitPerMinute: 0, tokenPerMinute: 4 };
    const first = createRateLimits(await open(), settings);
    const second = createRateLimits(await open(), settings);
    const subject = { unit: '440103', token: 'shared-jti' };
    const verdicts = [...await times(3, () => first.admitRequest(subject)), ...await times(3, () => second.admitRequest(subject))];
    expect(allowedCount(verdicts)).toBe(kind === 'redis' ? 4 : 6);
  });
});

describe('rate limits while Redis is unreachable', () => {
  let state: HotState;
  beforeAll(async () => {
    // Nothing listens on port 1: the hot state opens without Redis after its start-up wait.
    state = await openHotState({ redisUrl: 'redis://127.0.0.1:1', keyPrefix: 'edupool-test-down:', logger });
  });
  afterAll(async () => {
    await state.close();
  });

  it('keep serving, limited per instance by the in-memory insurance', async () => {
    expect(state.isAvailable()).toBe(false);
    const limits = createRateLimits(state, { unitPerMinute: 100, tokenPerMinute: 3 });
    const verdicts = await times(5, () => limits.admitRequest({ unit: '440104', token: 'jti-down' }));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, false]);
  });
});
