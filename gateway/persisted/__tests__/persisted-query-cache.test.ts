import { createMemoryHotState } from '../../../platform/hot-state';
import { hotStateKeyValueCache } from '../../../platform/hot-state/hot-state-key-value-cache';
import { withRegisteredTexts } from '../persisted-query-cache';

const SHA = 'a'.repeat(64);

describe('withRegisteredTexts', () => {
  function setUp(texts: Record<string, string>) {
    const asked: string[] = [];
    const inner = hotStateKeyValueCache(createMemoryHotState('t:'), 'apollo', 100);
    const cache = withRegisteredTexts(inner, async (sha) => { asked.push(sha); return texts[sha]; }, 100);
    return { asked, inner, cache };
  }

  it('finds a registered text by hash on a miss and keeps it', async () => {
    const { asked, inner, cache } = setUp({ [SHA]: '{ schools { totalCount } }' });
    expect(await cache.get(`apq:${SHA}`)).toBe('{ schools { totalCount } }');
    expect(await inner.get(`apq:${SHA}`)).toBe('{ schools { totalCount } }');
    expect(await cache.get(`apq:${SHA}`)).toBe('{ schools { totalCount } }');
    expect(asked).toEqual([SHA]);
  });

  it('misses for a hash registered nowhere, and never asks for a key that is not a sha256', async () => {
    const { asked, cache } = setUp({});
    expect(await cache.get(`apq:${SHA}`)).toBeUndefined();
    expect(await cache.get('apq:not-a-hash')).toBeUndefined();
    expect(asked).toEqual([SHA]);
  });

  it('answers from the cache first', async () => {
    const { asked, cache } = setUp({ [SHA]: 'registered' });
    await cache.set(`apq:${SHA}`, 'sent by a client');
    expect(await cache.get(`apq:${SHA}`)).toBe('sent by a client');
    expect(asked).toEqual([]);
  });
});
