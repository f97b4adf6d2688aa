import { createMemoryHotState } from '../memory-hot-state';
import { hotStateKeyValueCache } from '../hot-state-key-value-cache';
import { unavailableHotState } from './unavailable-hot-state';

describe('hotStateKeyValueCache', () => {
  it('keeps values under its namespace, with the given or the default TTL', async () => {
    let now = 0;
    const state = createMemoryHotState('t:', () => now);
    const cache = hotStateKeyValueCache(state, 'apollo', 100);
    await cache.set('apq:a', 'text-a');
    await cache.set('apq:b', 'text-b', { ttl: 10 });
    expect(await state.get('apollo:apq:a')).toBe('text-a');
    now = 11_000;
    expect(await cache.get('apq:b')).toBeUndefined();
    expect(await cache.get('apq:a')).toBe('text-a');
    now = 101_000;
    expect(await cache.get('apq:a')).toBeUndefined();
  });

  it('deletes', async () => {
    const cache = hotStateKeyValueCache(createMemoryHotState('t:'), 'apollo', 100);
    await cache.set('k', 'v');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('never fails a request while Redis is unreachable: reads miss, writes are dropped', async () => {
    const cache = hotStateKeyValueCache(unavailableHotState(), 'apollo', 100);
    await expect(cache.set('apq:x', 'text')).resolves.toBeUndefined();
    await expect(cache.get('apq:x')).resolves.toBeUndefined();
    await expect(cache.delete('apq:x')).resolves.toBeUndefined();
  });
});
