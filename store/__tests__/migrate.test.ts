import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SettableClock } from '../../platform/clock';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../migrate';
import { openEmptyDatabase, openTestStore } from './test-store';

const clock = new SettableClock();
clock.set(new Date('2025-03-03T02:00:00Z'));
const shipped = readMigrations(MIGRATIONS_DIR).map((m) => m.name);

describe('governance store migrations', () => {
  it('are applied once when the store opens, in version order, and recorded', async () => {
    const opened = new Date('2025-03-03T02:00:00Z');
    const { store, clock: storeClock, drop } = await openTestStore(opened, { emptyDatabase: true });
    try {
      const { rows } = await store.pool.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.name)).toEqual(shipped);
      expect(rows[0]).toMatchObject({ version: 1, name: 'governance' });
      // The store's clock (settable, still running), not the machine's.
      expect(rows[0].applied_at.getTime()).toBeGreaterThanOrEqual(opened.getTime());
      expect(rows[0].applied_at.getTime()).toBeLessThanOrEqual(storeClock.now().getTime());
      expect(await migrate(store.pool, clock)).toEqual([]);
      expect((await store.pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(shipped.length);
    } finally {
      await drop();
    }
  });

  it('apply exactly once when two processes start at the same moment', async () => {
    const db = await openEmptyDatabase();
    try {
      const results = await Promise.all([migrate(db.newPool(), clock), migrate(db.newPool(), clock)]);
      expect(results.map((names) => names.length).sort()).toEqual([0, shipped.length]);
      const { rows } = await db.newPool().query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(readMigrations(MIGRATIONS_DIR).map((m) => m.version));
    } finally {
      await db.drop();
    }
  });

  describe('from a folder of their own', () => {
    let folder: string;
    beforeEach(async () => { folder = await mkdtemp(path.join(tmpdir(), 'edupool-migrations-')); });
    afterEach(() => rm(folder, { recursive: true, force: true }));

    it('leave nothing behind when one of them fails', async () => {
      await writeFile(path.join(folder, '001_first.sql'), 'CREATE TABLE first_table (id int);');
      await writeFile(path.join(folder, '002_broken.sql'), 'CREATE TABLE broken (id nosuchtype);');
      const db = await openEmptyDatabase();
      try {
        const pool = db.newPool();
        await expect(migrate(pool, clock, folder)).rejects.toThrow('nosuchtype');
        const { rows } = await pool.query(`SELECT to_regclass('first_table') AS t, to_regclass('schema_migrations') AS m`);
        expect(rows[0]).toEqual({ t: null, m: null });
      } finally {
        await db.drop();
      }
    });

    it('refuse a misnamed file and a version used twice', async () => {
      await writeFile(path.join(folder, '1-first.sql'), '');
      expect(() => readMigrations(folder)).toThrow('migration 1-first.sql: name it NNN_name.sql');
      await rm(path.join(folder, '1-first.sql'));
      await writeFile(path.join(folder, '003_a.sql'), '');
      await writeFile(path.join(folder, '003_b.sql'), '');
      expect(() => readMigrations(folder)).toThrow('migrations a and b share version 3');
    });
  });
});
