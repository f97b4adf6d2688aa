import pino from 'pino';
import type { Pool } from 'pg';
import { SettableClock } from '../../platform/clock';
import { servePglite, type ServedPglite } from '../../platform/pglite-server';
import { createTestDatabase, type TestDatabase } from '../../test/support/create-test-database';
import { createMigratedTestDatabase } from '../../test/support/governance-template';
import { createTestPool } from '../../test/support/test-clients';
import { openGovernanceStore, type GovernanceStore } from '../open-store';

/**
 * A governance store on a database of its own: PostgreSQL when DATABASE_URL
 * is set (a fresh database, dropped after), else a PGlite folder in a temp
 * dir. The database is a copy of the run's migrated template
 * (test/support/governance-template.ts) unless the test asks for an empty
 * one. The clock is settable so that tests choose the time.
 */
export const silentLogger = pino({ level: 'silent' });

export interface TestStore {
  readonly store: GovernanceStore;
  readonly clock: SettableClock;
  readonly db: TestDatabase;
  drop(): Promise<void>;
}

export interface TestStoreOptions {
  /** Open on an empty database, so that opening applies every migration by the store's clock: for tests of the migrations. */
  readonly emptyDatabase?: boolean;
}

export async function openTestStore(now = new Date('2025-03-03T02:00:00Z'), options: TestStoreOptions = {}): Promise<TestStore> {
  const db = options.emptyDatabase ? await createTestDatabase('DATABASE_URL') : await createMigratedTestDatabase();
  const clock = new SettableClock();
  clock.set(now);
  try {
    const store = await openGovernanceStore({
      ...(db.kind === 'postgres' ? { databaseUrl: db.url, dataDir: '/nonexistent' } : { dataDir: db.dataDir }),
      clock, logger: silentLogger, poolSize: 4,
    });
    return { store, clock, db, drop: async () => { await store.close(); await db.drop(); } };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/** An empty database reached by URL, for tests that run migrations on pools of their own. */
export async function openEmptyDatabase(): Promise<{ newPool(): Pool; drop(): Promise<void> }> {
  const db = await createTestDatabase('DATABASE_URL');
  let served: ServedPglite | undefined;
  const url = db.kind === 'postgres' ? db.url : (served = await servePglite({ dataDir: db.dataDir })).url;
  const pools: Pool[] = [];
  return {
    newPool: () => {
      const pool = createTestPool({ connectionString: url, max: 2 });
      pools.push(pool);
      return pool;
    },
    drop: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      await served?.close();
      await db.drop();
    },
  };
}
