import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Pool } from 'pg';
import type { Clock } from '../platform/clock';
import { inTransaction } from './transaction';

/**
 * Versioned migrations: `store/migrations/NNN_name.sql`, applied in version
 * order, each recorded in `schema_migrations`. All pending ones run in ONE
 * transaction under a transaction-level advisory lock, so a second process
 * starting at the same moment waits, then finds them applied; a migration that
 * fails leaves the database as it was. Applied files are never edited: a
 * change is a new file.
 */
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** Any constant works; this one is "edupool" read as ASCII bytes (0x656475706f6f6c). */
const MIGRATION_LOCK_KEY = '28539428208078700';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The migration files of a folder, in version order; throws on a misnamed file or a duplicate version. */
export function readMigrations(directory: string): Migration[] {
  const migrations = readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{3,})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`migration ${file}: name it NNN_name.sql (digits, underscore, lower-case name)`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(path.join(directory, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, i) => {
    if (i > 0 && migrations[i - 1]!.version === migration.version) {
      throw new Error(`migrations ${migrations[i - 1]!.name} and ${migration.name} share version ${migration.version}`);
    }
  });
  return migrations;
}

/** Applies the pending migrations; returns the names of those this call applied (empty when up to date). */
export async function migrate(pool: Pool, clock: Clock, directory = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(directory);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    // No DDL when the table exists: the pool's own role (edupool_app, store/database-roles) may not create tables.
    const existing = await client.query<{ found: string | null }>("SELECT to_regclass('schema_migrations')::text AS found");
    if (existing.rows[0]!.found === null) {
      await client.query(`CREATE TABLE schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
    }
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const names: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version, migration.name, clock.now(),
      ]);
      names.push(migration.name);
    }
    return names;
  });
}
