import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { servePglite, type ServedPglite } from '../../../platform/pglite-server';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database';

/**
 * A fresh database with the audit migration applied: PostgreSQL when
 * DATABASE_URL is set, else a PGlite data folder served over its socket.
 * `stop()` closes the pool and the server and keeps the folder (the CLI test
 * opens it itself); `drop()` removes everything.
 */
export interface AuditTestStore {
  readonly db: TestDatabase;
  readonly pool: Pool;
  newPool(): Pool;
  stop(): Promise<void>;
  drop(): Promise<void>;
}

export async function createAuditTestStore(): Promise<AuditTestStore> {
  const db = await createTestDatabase('DATABASE_URL');
  let served: ServedPglite | undefined;
  const url = db.kind === 'postgres' ? db.url : (served = await servePglite({ dataDir: db.dataDir })).url;
  const pools: Pool[] = [];
  const newPool = (): Pool => {
    const pool = new Pool({ connectionString: url, max: 4 });
    pools.push(pool);
    return pool;
  };
  const pool = newPool();
  await pool.query(readFileSync(path.join(__dirname, '../../migrations/002_audit.sql'), 'utf8'));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await Promise.all(pools.map((p) => p.end()));
    await served?.close();
  };
  return { db, pool, newPool, stop, drop: async () => { await stop(); await db.drop(); } };
}
