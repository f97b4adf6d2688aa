import type { PersistedQueryOptions } from '@apollo/server';
import type { HotState } from './hot-state';

/**
 * Apollo's KeyValueCache over the shared hot state, under a namespace of its
 * own (Apollo adds its own prefix too, `apq:` for persisted queries): automatic persisted queries registered on one gateway instance are
 * found by every other. A cache must never make a request fail, so while
 * Redis is unreachable a read is a miss (an APQ client then sends the full
 * text) and a write is dropped.
 */
/** The cache type Apollo Server takes (@apollo/utils.keyvaluecache's KeyValueCache, not a direct dependency). */
export type KeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

export function hotStateKeyValueCache(hotState: HotState, namespace: string, defaultTtlSeconds: number): KeyValueCache {
  const key = (name: string) => `${namespace}:${name}`;
  return {
    async get(name) {
      return hotState.get(key(name)).catch(() => undefined);
    },
    async set(name, value, options) {
      // Apollo passes ttl null for "no expiry"; the pool still bounds what it keeps.
      const ttl = options?.ttl ?? defaultTtlSeconds;
      await hotState.set(key(name), value, ttl).catch(() => undefined);
    },
    async delete(name) {
      await hotState.delete(key(name)).catch(() => undefined);
    },
  };
}
