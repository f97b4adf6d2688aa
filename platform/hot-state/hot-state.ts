/**
 * The pool's shared hot state (DESIGN.md "Stores"): what several gateway and
 * subgraph instances must see alike and fast — grant-cache invalidation, the
 * token denylist, rate-limit counters, persisted operations, the cache of
 * non-personal entities. Redis when `REDIS_URL` is set, a Redis Cluster when
 * `REDIS_CLUSTER_NODES` is, process memory otherwise (one instance only).
 *
 * Everything here can be rebuilt from PostgreSQL; nothing authoritative lives
 * only here, and no personal data is ever put here. Publish/subscribe only
 * tells instances to drop local caches: Redis loses messages across a
 * reconnect, so a subscriber is also told when its connection comes back and
 * must then assume it missed something.
 */
export interface HotState {
  readonly kind: 'redis' | 'redis-cluster' | 'memory';
  /** Prepended to every key and channel, so test runs and deployments sharing a Redis never meet. */
  readonly keyPrefix: string;
  /**
   * The command connection (ioredis, `keyPrefix` applied) for libraries that
   * take one, such as rate-limiter-flexible; undefined in memory mode.
   */
  readonly redis?: import('ioredis').Redis | import('ioredis').Cluster;
  /** True while commands are expected to succeed (always true in memory mode). */
  isAvailable(): boolean;
  get(key: string): Promise<string | undefined>;
  /**
   * Several values in one round trip (MGET), in the order of the keys. On a
   * Redis Cluster the keys must share a hash tag (`{tag}`), as for setMany and
   * a delete of several keys.
   */
  getMany(...keys: string[]): Promise<Array<string | undefined>>;
  /** Sets a value, expiring after `ttlSeconds` when given. */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /**
   * Sets several values at once (Redis MULTI): another client, a FLUSHDB
   * included, sees all of them or none.
   */
  setMany(entries: ReadonlyArray<{ readonly key: string; readonly value: string; readonly ttlSeconds?: number }>): Promise<void>;
  /** Sets the value only where the key is absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlSeconds?: number): Promise<boolean>;
  delete(...keys: string[]): Promise<void>;
  exists(key: string): Promise<boolean>;
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `onMessage` for each message on the channel, and `onResync` whenever
   * the subscription (re)connects after a loss, when messages may have been
   * missed. Returns the unsubscribe function.
   */
  subscribe(channel: string, onMessage: (message: string) => void, onResync?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Thrown by a Redis-backed operation while Redis is unreachable: callers decide to fail closed or serve without it. */
export class HotStateUnavailable extends Error {
  constructor(cause: unknown) {
    super(`shared hot state (Redis) unavailable: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
