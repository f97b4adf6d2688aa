import type { Logger } from '../logger';
import { HotStateUnavailable, type HotState } from './hot-state';
import { openRedisConnections, type RedisTarget } from './redis-connections';

export interface RedisHotStateOptions {
  readonly target: RedisTarget;
  readonly keyPrefix: string;
  readonly logger: Logger;
  /** Per command; a slow Redis counts as an unreachable one (default 500 ms). */
  readonly commandTimeoutMs?: number;
}

/**
 * The hot state on Redis (ioredis). Commands are not queued while the
 * connection is down: they fail at once with HotStateUnavailable, so a caller
 * can fail closed (revocation) or go on without the cache (everything else)
 * instead of hanging. Reconnection goes on in the background for ever.
 * The same code serves one Redis server and a Redis Cluster.
 */
export async function openRedisHotState(options: RedisHotStateOptions): Promise<HotState> {
  const { commands, subscriber } = openRedisConnections(options.target, options.keyPrefix, options.commandTimeoutMs ?? 500);
  const log = options.logger.child({ part: 'hot-state' });
  let available = false;
  commands.on('ready', () => {
    if (!available) log.info('Redis reachable');
    available = true;
  });
  commands.on('end', () => { available = false; });
  commands.on('close', () => {
    if (available) log.warn('Redis connection lost; serving from PostgreSQL until it returns');
    available = false;
  });
  commands.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  await Promise.all([commands, subscriber].map((client) => new Promise<void>((resolve) => {
    if (client.status === 'ready') resolve();
    client.once('ready', () => resolve());
    // Start-up does not wait for a Redis that is down: the pool serves without it and fails closed where it must.
    setTimeout(resolve, 2_000).unref();
  })));

  const guard = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw new HotStateUnavailable(error);
    }
  };
  const channelName = (channel: string) => `${options.keyPrefix}${channel}`;
  const handlers = new Map<string, Set<(message: string) => void>>();
  const resyncs = new Set<() => void>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  // Registered after the first 'ready' was awaited, so every 'ready' seen here is a reconnect (or a late first
  // connection after a start with Redis down): either way messages may have been missed.
  subscriber.on('ready', () => {
    for (const resync of resyncs) resync();
  });

  return {
    kind: options.target.kind,
    keyPrefix: options.keyPrefix,
    redis: commands,
    isAvailable: () => available,
    get: (key) => guard(async () => (await commands.get(key)) ?? undefined),
    getMany: (...keys) => guard(async () => (keys.length === 0 ? [] : (await commands.mget(...keys)).map((value) => value ?? undefined))),
    set: (key, value, ttlSeconds) => guard(async () => {
      if (ttlSeconds === undefined) await commands.set(key, value);
      else await commands.set(key, value, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)));
    }),
    setMany: (entries) => guard(async () => {
      if (entries.length === 0) return;
      const multi = commands.multi();
      for (const { key, value, ttlSeconds } of entries) {
        if (ttlSeconds === undefined) multi.set(key, value);
        else multi.set(key, value, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)));
      }
      const replies = await multi.exec();
      const failed = replies?.find(([error]) => error);
      if (!replies || failed) throw failed?.[0] ?? new Error('MULTI aborted');
    }),
    setIfAbsent: (key, value, ttlSeconds) => guard(async () => {
      const reply = ttlSeconds === undefined
        ? await commands.set(key, value, 'NX')
        : await commands.set(key, value, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)), 'NX');
      return reply === 'OK';
    }),
    delete: (...keys) => guard(async () => {
      if (keys.length > 0) await commands.del(...keys);
    }),
    exists: (key) => guard(async () => (await commands.exists(key)) === 1),
    publish: (channel, message) => guard(async () => {
      await commands.publish(channelName(channel), message);
    }),
    subscribe: async (channel, onMessage, onResync) => {
      const name = channelName(channel);
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
        await subscriber.subscribe(name).catch(() => undefined);
      }
      set.add(onMessage);
      if (onResync) resyncs.add(onResync);
      return async () => {
        set.delete(onMessage);
        if (onResync) resyncs.delete(onResync);
        if (set.size === 0) {
          handlers.delete(name);
          await subscriber.unsubscribe(name).catch(() => undefined);
        }
      };
    },
    close: async () => {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
