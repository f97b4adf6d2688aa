import type { Pool } from 'pg';
import { createPgPool } from '../../platform/pg-clients';

/** One short-lived pool for a few statements, always ended. */
export async function withPool<T>(url: string, use: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = createPgPool({ connectionString: url, max: 1 }, () => undefined);
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}
