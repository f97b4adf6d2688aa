import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { withClient } from './test-clients';

export { withClient } from './test-clients';

/**
 * A throw-away database for a store-backed test. With the named variable set
 * (`LEGACY_STUDENT_DB_URL` for the student DB, `DATABASE_URL` for the
 * governance store) it is a fresh database `edupool_t_<random>` on that
 * server; otherwise an empty PGlite data folder under the OS temp dir. Either
 * way `drop()` removes it, so tests never touch existing data. A governance
 * store that should open with its migrations already applied takes a copy of
 * the run's migrated template instead (governance-template.ts).
 *
 * Whoever made it closes every connection to it before `drop()`. A session
 * still connected then is a leak: the drop ends it (WITH (FORCE)) and then
 * fails, naming the session's `application_name` (the test file that opened
 * it, see jest-setup.ts), instead of letting the ended client throw 57P01
 * into some later test file.
 */
export type TestDatabase =
  | { readonly kind: 'postgres'; readonly url: string; drop(): Promise<void> }
  | { readonly kind: 'pglite'; readonly dataDir: string; drop(): Promise<void> };

export type TestDatabaseEnv = 'LEGACY_STUDENT_DB_URL' | 'DATABASE_URL';

export async function createTestDatabase(env: TestDatabaseEnv): Promise<TestDatabase> {
  const serverUrl = process.env[env];
  if (!serverUrl) {
    const parent = await mkdtemp(path.join(tmpdir(), 'edupool-t-'));
    return { kind: 'pglite', dataDir: path.join(parent, 'db'), drop: () => rm(parent, { recursive: true, force: true }) };
  }
  return createServerTestDatabase(serverUrl);
}

/**
 * A fresh database `edupool_t_<random>` on `serverUrl`: empty, or a copy of
 * the database `template`, which PostgreSQL makes only while no session is
 * connected to the template.
 */
export async function createServerTestDatabase(serverUrl: string, template?: string): Promise<Extract<TestDatabase, { kind: 'postgres' }>> {
  const name = `edupool_t_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: async () => {
      const leftover = await sessionsStillConnected(serverUrl, name);
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      if (leftover.length > 0) {
        throw new Error(`test database ${name} still had ${leftover.length} session(s) when dropped; close them first: ${leftover.join('; ')}`);
      }
    },
  };
}

/** Sessions on the database once those already closing have gone (a server process ends a moment after its client). */
export async function sessionsStillConnected(serverUrl: string, name: string): Promise<string[]> {
  const giveUpAt = Date.now() + 5_000;
  return withClient(serverUrl, async (client) => {
    for (;;) {
      const { rows } = await client.query<{ who: string }>(
        `SELECT format('%s (pid %s, %s: %s)', coalesce(nullif(application_name, ''), 'no application_name'), pid, state, left(query, 60)) AS who
           FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`, [name]);
      if (rows.length === 0 || Date.now() > giveUpAt) return rows.map((row) => row.who);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}
