import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * A throw-away database for a store-backed test. With the named variable set
 * (`LEGACY_STUDENT_DB_URL` for the student DB, `DATABASE_URL` for the
 * governance store) it is a fresh database `edupool_t_<random>` on that
 * server; otherwise an empty PGlite data folder under the OS temp dir. Either
 * way `drop()` removes it, so tests never touch existing data.
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
  const name = `edupool_t_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    // WITH (FORCE) ends sessions a failed test left open (PostgreSQL 13+).
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** One short-lived connection for administrative statements (CREATE/DROP DATABASE), always closed. */
export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
