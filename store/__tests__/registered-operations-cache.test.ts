import { createMemoryHotState } from '../../platform/hot-state';
import { unavailableHotState } from '../../platform/hot-state/__tests__/unavailable-hot-state';
import { forgetRegisteredOperations, registeredOperationsCache } from '../registered-operations-cache';

/** The store's rows stand behind a counter: the cache must ask them once per unit until forgotten or expired. */
function rows(initial: Record<string, string[]>) {
  const table = { ...initial };
  const calls: string[] = [];
  return { table, calls, repository: { hashesOf: async (unit: string) => { calls.push(unit); return table[unit] ?? []; } } };
}

describe('registeredOperationsCache', () => {
  it('reads a unit\'s hashes once, answers from the hot state after, and reads again once forgotten', async () => {
    const state = createMemoryHotState('t:');
    const store = rows({ GZGAJ: ['a'] });
    const cache = registeredOperationsCache(state, store.repository, 60);
    expect(await cache.isRegistered('GZGAJ', 'a')).toBe(true);
    expect(await cache.isRegistered('GZGAJ', 'b')).toBe(false);
    expect(await cache.isRegistered('GZWJW', 'a')).toBe(false);
    expect(store.calls).toEqual(['GZGAJ', 'GZWJW']);
    store.table.GZGAJ = ['b'];
    await forgetRegisteredOperations(state, 'GZGAJ');
    expect(await cache.isRegistered('GZGAJ', 'b')).toBe(true);
    expect(await cache.isRegistered('GZGAJ', 'a')).toBe(false);
    expect(store.calls).toEqual(['GZGAJ', 'GZWJW', 'GZGAJ']);
  });

  it('reads the store again after the TTL', async () => {
    let now = 0;
    const state = createMemoryHotState('t:', () => now);
    const store = rows({ GZGAJ: ['a'] });
    const cache = registeredOperationsCache(state, store.repository, 60);
    await cache.isRegistered('GZGAJ', 'a');
    now = 61_000;
    await cache.isRegistered('GZGAJ', 'a');
    expect(store.calls).toEqual(['GZGAJ', 'GZGAJ']);
  });

  it('asks the store every time while the hot state is unavailable, and still decides', async () => {
    const down = unavailableHotState();
    const store = rows({ GZGAJ: ['a'] });
    const cache = registeredOperationsCache(down, store.repository, 60);
    expect(await cache.isRegistered('GZGAJ', 'a')).toBe(true);
    expect(await cache.isRegistered('GZGAJ', 'z')).toBe(false);
    await expect(cache.forget('GZGAJ')).resolves.toBeUndefined();
    expect(store.calls).toEqual(['GZGAJ', 'GZGAJ']);
  });
});
