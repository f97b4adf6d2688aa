import { startPrivateRedis, type PrivateRedis } from '../../../test/support/private-redis';
import { createLogger } from '../../logger';
import { HotStateUnavailable, openHotState, type HotState } from '..';

/**
 * The Redis hot state across a Redis restart, on a private redis-server:
 * commands fail fast while it is down (no offline queue), and a subscriber is
 * told to resync when its connection comes back, since messages published
 * meanwhile are lost.
 */
let redis: PrivateRedis;
let state: HotState;

beforeAll(async () => {
  redis = await startPrivateRedis();
  state = await openHotState({ redisUrl: redis.url, keyPrefix: 't:', logger: createLogger('silent', 'test') });
});

afterAll(async () => {
  await state?.close();
  await redis?.stop();
});

it('fails fast while Redis is down and resyncs its subscribers when it returns', async () => {
  let resyncs = 0;
  const heard: string[] = [];
  await state.subscribe('c', (message) => heard.push(message), () => { resyncs += 1; });
  await state.set('k', 'v');

  await redis.stop();
  await waitFor(() => !state.isAvailable());
  await expect(state.get('k')).rejects.toBeInstanceOf(HotStateUnavailable);
  await expect(state.publish('c', 'lost')).rejects.toBeInstanceOf(HotStateUnavailable);
  expect(resyncs).toBe(0);

  await redis.start();
  await waitFor(() => resyncs === 1 && state.isAvailable());
  expect(await state.get('k')).toBeUndefined();
  await state.publish('c', 'after');
  await waitFor(() => heard.length === 1);
  expect(heard).toEqual(['after']);
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
