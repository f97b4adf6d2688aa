import { tmpdir } from 'node:os';
import type { Pool } from 'pg';
import { systemClock } from '../../../platform/clock';
import { openGovernanceStore, type GovernanceStore } from '../../open-store';
import { createMigratedTestDatabase } from '../../../test/support/governance-template';
import { silentLogger } from './audit-fixtures';

/**
 * A fresh governance store (all migrations applied, copied from the run's
 * migrated template): PostgreSQL when DATABASE_URL is set, else a PGlite data
 * folder. `env` is what the audit:verify CLI needs to open the same store.
 * Only one process may hold a PGlite folder, so `stop()` closes the store
 * (keeping its data) before the CLI runs and `reopen()` opens it again;
 * `drop()` removes everything.
 */
export interface AuditTestStore {
  /** The open store's pool (a new one after each reopen). */
  readonly pool: Pool;
  readonly env: { DATABASE_URL?: string; DATA_DIR: string };
  stop(): Promise<void>;
  reopen(): Promise<void>;
  drop(): Promise<void>;
}

export async function createAuditTestStore(): Promise<AuditTestStore> {
  const db = await createMigratedTestDatabase();
  const env = db.kind === 'postgres' ? { DATABASE_URL: db.url, DATA_DIR: tmpdir() } : { DATA_DIR: db.dataDir };
  const open = (): Promise<GovernanceStore> => openGovernanceStore({
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), dataDir: env.DATA_DIR, clock: systemClock, logger: silentLogger,
  });
  let store: GovernanceStore | undefined = await open();
  const stop = async (): Promise<void> => {
    await store?.close();
    store = undefined;
  };
  return {
    get pool() {
      if (!store) throw new Error('the test store is stopped; reopen() it first');
      return store.pool;
    },
    env,
    stop,
    reopen: async () => {
      if (!store) store = await open();
    },
    drop: async () => {
      await stop();
      await db.drop();
    },
  };
}
