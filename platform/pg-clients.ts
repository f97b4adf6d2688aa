import { Client, Pool, type PoolConfig } from 'pg';

/**
 * The one way the pool opens PostgreSQL connections (lint forbids `new Pool`
 * and `new Client` elsewhere): each connection reports its errors to
 * `onError` from the moment it exists. pg emits 'error' on a connection the
 * server ends (a restart, 57P01 from a forced drop, a network cut), and an
 * EventEmitter with no listener throws that into whatever code runs next.
 * pg-pool listens on idle connections only; a connection checked out (a
 * transaction in progress) would still throw, so every connection gets its
 * own listener too. Queries on a broken connection still reject.
 */
export function createPgPool(config: PoolConfig, onError: (error: Error) => void): Pool {
  const pool = new Pool(config);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/** A single connection, connected, with its error listener attached before it connects. */
export async function connectPgClient(url: string, onError: (error: Error) => void, connectionTimeoutMillis?: number): Promise<Client> {
  const client = new Client({ connectionString: url, ...(connectionTimeoutMillis ? { connectionTimeoutMillis } : {}) });
  client.on('error', onError);
  await client.connect();
  return client;
}
