import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one connection: committed if it resolves,
 * rolled back if it throws (the error is rethrown). Inside, use only the
 * client given: on the embedded PGlite a query on another connection waits for
 * this transaction to end, and so would never run.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot roll back is not given to the next caller.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
