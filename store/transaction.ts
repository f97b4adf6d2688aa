import type { Pool, PoolClient, QueryResult } from 'pg';

/**
 * Runs `work` in one transaction on one connection: committed if it resolves,
 * rolled back if it throws (the error is rethrown). Inside, use only the
 * client given: on the embedded PGlite a query on another connection waits for
 * this transaction to end, and so would never run.
 *
 * `withBegin` are statements sent in BEGIN's own round trip, as one simple
 * query (so without parameters); `work` gets their results in order. Each
 * statement of a simple query takes its own snapshot under READ COMMITTED, so
 * a read after a lock taken there sees what the lock's last holder committed.
 */
export async function inTransaction<T>(
  pool: Pool, work: (client: PoolClient, begun: ReadonlyArray<QueryResult>) => Promise<T>, withBegin: ReadonlyArray<string> = [],
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const begun = await begin(client, withBegin);
    const result = await work(client, begun);
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

async function begin(client: PoolClient, withBegin: ReadonlyArray<string>): Promise<ReadonlyArray<QueryResult>> {
  if (withBegin.length === 0) {
    await client.query('BEGIN');
    return [];
  }
  // pg answers a simple query of several statements with one result per statement; its types know only the single one.
  const results = (await client.query(['BEGIN', ...withBegin].join('; '))) as unknown as ReadonlyArray<QueryResult>;
  return results.slice(1);
}
