import { Redis, type RedisOptions } from 'ioredis';
import type { Client, Pool, PoolConfig } from 'pg';
import { connectPgClient, createPgPool } from '../../platform/pg-clients';

/**
 * Where tests open pg and ioredis clients (lint forbids `new Client`, `new
 * Pool` and `new Redis` elsewhere). Every client gets
 * an 'error' handler before it can connect: a client without one turns a
 * connection the server ends (57P01 when a database is dropped WITH (FORCE),
 * a stopped private Redis) into an uncaught exception, which jest reports in
 * whichever test file that worker runs next. A query on a broken connection
 * still rejects, so the test that needed it still fails.
 */
export function connectTestClient(url: string, connectionTimeoutMillis?: number): Promise<Client> {
  return connectPgClient(url, ignore, connectionTimeoutMillis);
}

/** One short-lived connection for a few statements, always closed. */
export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = await connectTestClient(url);
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A pool whose idle and checked-out connections all have an 'error' handler. */
export function createTestPool(config: PoolConfig): Pool {
  return createPgPool(config, ignore);
}

/**
 * An ioredis client that gives up when its server is gone instead of retrying
 * on a timer for ever, and whose `disconnect()` does not wait 2 s for a socket
 * already dead (jest reports either timer as an open handle after a private
 * Redis is stopped).
 */
export function createTestRedis(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, disconnectTimeout: 50, ...options });
  client.on('error', ignore);
  return client;
}

/** Deletes every key under `prefix` in the Redis at `url`: what a pool of one test wrote under its own prefix in the run's shared Redis. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = createTestRedis(url, { maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

function ignore(): void {}
