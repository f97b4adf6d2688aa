import { EventEmitter } from 'node:events';
import type { HotState } from './hot-state';

interface Entry {
  readonly value: string;
  readonly expiresAtMs: number;
}

/**
 * The default for one instance without Redis: the same contract in process
 * memory. Expiry is checked on read, so no timer keeps the process alive.
 */
export function createMemoryHotState(keyPrefix: string, now: () => number = Date.now): HotState {
  const entries = new Map<string, Entry>();
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAtMs <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const expiry = (ttlSeconds?: number) => (ttlSeconds === undefined ? Number.POSITIVE_INFINITY : now() + ttlSeconds * 1000);
  return {
    kind: 'memory',
    keyPrefix,
    isAvailable: () => true,
    get: async (key) => live(key)?.value,
    getMany: async (...keys) => keys.map((key) => live(key)?.value),
    set: async (key, value, ttlSeconds) => {
      entries.set(key, { value, expiresAtMs: expiry(ttlSeconds) });
    },
    setMany: async (list) => {
      for (const { key, value, ttlSeconds } of list) entries.set(key, { value, expiresAtMs: expiry(ttlSeconds) });
    },
    setIfAbsent: async (key, value, ttlSeconds) => {
      if (live(key)) return false;
      entries.set(key, { value, expiresAtMs: expiry(ttlSeconds) });
      return true;
    },
    delete: async (...keys) => {
      for (const key of keys) entries.delete(key);
    },
    exists: async (key) => live(key) !== undefined,
    publish: async (channel, message) => {
      // Delivered on a later tick, as Redis would: a publisher never runs its own handlers re-entrantly.
      setImmediate(() => bus.emit(channel, message));
    },
    subscribe: async (channel, onMessage) => {
      bus.on(channel, onMessage);
      return async () => {
        bus.off(channel, onMessage);
      };
    },
    close: async () => {
      bus.removeAllListeners();
      entries.clear();
    },
  };
}
