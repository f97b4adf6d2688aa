import pino from 'pino';
import { SettableClock } from '../../../platform/clock';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../../../store/migrate';
import { openGovernanceStore, type GovernanceStore } from '../../../store/open-store';
import type { TestDatabase } from '../create-test-database';
import { createMigratedTestDatabase } from '../governance-template';

/**
 * A migrated test database is a copy of the run's template: the store opened
 * on it finds every shipped migration applied and applies none, and what one
 * test writes reaches neither the template nor the next copy.
 */
const clock = new SettableClock();
const shipped = readMigrations(MIGRATIONS_DIR).map((m) => m.version);

function open(db: TestDatabase, logs: string[] = []): Promise<GovernanceStore> {
  const logger = pino({ level: 'info' }, { write: (line: string) => { logs.push(line); } });
  const location = db.kind === 'postgres' ? { databaseUrl: db.url, dataDir: '/nonexistent' } : { dataDir: db.dataDir };
  return openGovernanceStore({ ...location, clock, logger, poolSize: 2 });
}

test('opens with every migration applied and none pending', async () => {
  const db = await createMigratedTestDatabase();
  const logs: string[] = [];
  const store = await open(db, logs);
  try {
    expect(logs.filter((line) => line.includes('governance store migrated'))).toEqual([]);
    expect(await migrate(store.pool, clock)).toEqual([]);
    const { rows } = await store.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(shipped);
  } finally {
    await store.close();
    await db.drop();
  }
});

test('is a copy of its own: a table made in one is not in the next', async () => {
  const first = await createMigratedTestDatabase();
  const firstStore = await open(first);
  try {
    await firstStore.pool.query('CREATE TABLE only_in_the_first (id int)');
  } finally {
    await firstStore.close();
    await first.drop();
  }
  const second = await createMigratedTestDatabase();
  const secondStore = await open(second);
  try {
    const { rows } = await secondStore.pool.query("SELECT to_regclass('only_in_the_first') AS found");
    expect(rows).toEqual([{ found: null }]);
  } finally {
    await secondStore.close();
    await second.drop();
  }
});
