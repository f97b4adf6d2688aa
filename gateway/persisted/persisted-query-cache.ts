import type { KeyValueCache } from '../../platform/hot-state/hot-state-key-value-cache';

/**
 * The automatic-persisted-query cache, falling back to the registered
 * operations: a partner's system sends a registered operation by its hash
 * alone, even to a gateway that has never seen its text. The text is found
 * whoever registered it; whether this unit may run it is the
 * registered-operations plugin's decision. A text found is kept in the cache.
 */
export function withRegisteredTexts(cache: KeyValueCache, textOf: (sha256: string) => Promise<string | undefined>, ttlSeconds: number): KeyValueCache {
  return {
    async get(key) {
      const cached = await cache.get(key);
      // Apollo asks for `apq:<sha256>` (it prefixes the keys of any cache it is given).
      const sha256 = /^apq:([0-9a-f]{64})$/.exec(key)?.[1];
      if (cached !== undefined || !sha256) return cached;
      const text = await textOf(sha256);
      if (text !== undefined) await cache.set(key, text, { ttl: ttlSeconds });
      return text;
    },
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
  };
}
