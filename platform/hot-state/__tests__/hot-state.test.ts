import { randomBytes } from 'node:crypto';
import { createLogger } from '../../logger';
import { openHotState, type HotState } from '..';

/**
 * One contract, two implementations: process memory always, and the
 * machine's Redis when REDIS_URL is set (CI sets it), under a key prefix of
 * this run's own that is deleted afterwards.
 */
const kinds: Array<[string, string | undefined]> = [['memory', undefined]];
if (process.env.REDIS_URL) kinds.push(['redis', process.env.REDIS_URL]);

describe.each(kinds)('hot state in %s', (_kind, redisUrl) => {
  let state: HotState;
  const prefix = `edupool-test-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    state = await openHotState({ ...(redisUrl ? { redisUrl } : {}), keyPrefix: prefix, logger: createLogger('silent', 'test') });
  });
  afterAll(async () => {
    if (state.redis) {
      const keys = await state.redis.keys(`${prefix}*`);
      if (keys.length > 0) await state.redis.del(...keys.map((key) => key.slice(prefix.length)));
    }
    await state.close();
  });

  it('sets, reads, expires and deletes values', async () => {
    expect(state.isAvailable()).toBe(true);
    await state.set('a', '1');
    // A value with a time to live is there until it lapses, then gone: no elapsed time is assumed either way.
    await state.set('lasting', '2', 600);
    await state.set('brief', '3', 0.05);
    expect(await state.get('a')).toBe('1');
    expect(await state.exists('lasting')).toBe(true);
    await waitFor(async () => await state.get('brief') === undefined);
    expect(await state.get('lasting')).toBe('2');
    await state.delete('a');
    expect(await state.get('a')).toBeUndefined();
  });

  it('setIfAbsent sets once', async () => {
    expect(await state.setIfAbsent('once', 'x', 10)).toBe(true);
    expect(await state.setIfAbsent('once', 'y', 10)).toBe(false);
    expect(await state.get('once')).toBe('x');
  });

  it('publishes to every subscriber of the channel, and to none after unsubscribing', async () => {
    const heard: string[] = [];
    const unsubscribe = await state.subscribe('grants', (message) => heard.push(message));
    await state.publish('grants', 'changed:GZGAJ');
    await waitFor(() => heard.length === 1);
    expect(heard).toEqual(['changed:GZGAJ']);
    await unsubscribe();
    await state.publish('grants', 'again');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual(['changed:GZGAJ']);
  });

  if (redisUrl) {
    it('keeps its keys under its prefix', async () => {
      await state.set('prefixed', 'v');
      expect(await state.redis!.get('prefixed')).toBe('v');
      const raw = await state.redis!.keys(`${prefix}prefixed`);
      expect(raw).toEqual([`${prefix}prefixed`]);
    });
  }
});

/** Waits until the condition holds; the bound only ends a failing test, on a loaded machine it may take seconds. */
async function waitFor(condition: () => boolean | Promise<boolean>, boundMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!await condition()) {
    if (Date.now() - started > boundMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
