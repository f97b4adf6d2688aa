import { createMemoryHotState } from '../memory-hot-state';
import { forgetNonPersonal, readThrough } from '../non-personal-cache';
import { unavailableHotState } from './unavailable-hot-state';

function counter<T>(value: T) {
  const calls: number[] = [];
  return { calls, load: async () => { calls.push(1); return value; } };
}

describe('readThrough (non-personal entities)', () => {
  it('loads once, answers from the hot state until the TTL, then loads again', async () => {
    let now = 0;
    const state = createMemoryHotState('t:', () => now);
    const source = counter([{ code: '2144017078', name: '广州市天河区珠江新城实验小学', district: '440106' }]);
    const first = await readThrough(state, 'school-directory', 'all', 60, source.load);
    const second = await readThrough(state, 'school-directory', 'all', 60, source.load);
    expect(second).toEqual(first);
    expect(source.calls).toHaveLength(1);
    now = 61_000;
    await readThrough(state, 'school-directory', 'all', 60, source.load);
    expect(source.calls).toHaveLength(2);
  });

  it('loads again once forgotten', async () => {
    const state = createMemoryHotState('t:');
    const source = counter(['a']);
    await readThrough(state, 'school-directory', 'all', 60, source.load);
    await forgetNonPersonal(state, 'school-directory', 'all');
    await readThrough(state, 'school-directory', 'all', 60, source.load);
    expect(source.calls).toHaveLength(2);
  });

  it('loads on every call while Redis is unreachable, and never fails for it', async () => {
    const state = unavailableHotState();
    const source = counter(['a']);
    expect(await readThrough(state, 'school-directory', 'all', 60, source.load)).toEqual(['a']);
    expect(await readThrough(state, 'school-directory', 'all', 60, source.load)).toEqual(['a']);
    expect(source.calls).toHaveLength(2);
    await expect(forgetNonPersonal(state, 'school-directory', 'all')).resolves.toBeUndefined();
  });

  it('propagates a failure of the source itself', async () => {
    const state = createMemoryHotState('t:');
    await expect(readThrough(state, 'school-directory', 'x', 60, async () => { throw new Error('student subgraph down'); })).rejects.toThrow('student subgraph down');
    expect(await state.get('entity:school-directory:x')).toBeUndefined();
  });
});
