import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { governanceFolder, type GovernanceLocation } from '../../store/backup/backup-governance';
import { openGovernanceStore } from '../../store/open-store';
import { createServerTestDatabase, createTestDatabase, sessionsStillConnected, withClient, type TestDatabase } from './create-test-database';

/**
 * Most store-backed tests want a governance store with every migration
 * applied, and applying them is most of what a fresh store costs (on PGlite,
 * initdb and then every file in store/migrations: about 5 s each time, far
 * more under CI's load). So a jest run migrates one template, by opening a
 * governance store on it as the pool does, and each test copies it: on
 * PostgreSQL `CREATE DATABASE … TEMPLATE`, on PGlite the closed data folder.
 * A store opened on a copy still runs migrate(), which finds nothing pending.
 *
 * The template lives for one run: jest's top-level global setup makes it
 * (make-governance-template.ts), hands it to the workers through the
 * environment, and its teardown removes it. Tests of the migrations
 * themselves, of the database roles and of restores take empty databases
 * from createTestDatabase instead.
 */
const TEMPLATE_DATABASE = 'EDUPOOL_TEST_GOVERNANCE_TEMPLATE_DB';
const TEMPLATE_FOLDER = 'EDUPOOL_TEST_GOVERNANCE_TEMPLATE_DIR';

export interface GovernanceTemplate {
  /** The variables that name the template to the tests, for the workers' environment. */
  readonly env: Readonly<Record<string, string>>;
  remove(): Promise<void>;
}

/** The run's template: a database `edupool_tpl_<random>` on DATABASE_URL's server, else a PGlite folder under the OS temp dir. */
export async function makeGovernanceTemplate(): Promise<GovernanceTemplate> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'edupool-tpl-'));
    const remove = () => rm(dataDir, { recursive: true, force: true });
    // Closing the store shuts PGlite down cleanly, so the folder is complete when the tests copy it.
    await migrateAfresh({ dataDir }).catch(async (error: unknown) => {
      await remove();
      throw error;
    });
    return { env: { [TEMPLATE_FOLDER]: governanceFolder(dataDir) }, remove };
  }
  const name = `edupool_tpl_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const remove = async () => {
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  try {
    await migrateAfresh({ databaseUrl: databaseUrl(serverUrl, name), dataDir: '/nonexistent' });
    // PostgreSQL copies a template only while no session is connected to it: from now on none can connect.
    await withClient(serverUrl, (client) => client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`));
    const left = await sessionsStillConnected(serverUrl, name);
    if (left.length > 0) throw new Error(`governance template ${name} still has session(s) after migrating: ${left.join('; ')}`);
  } catch (error) {
    await remove();
    throw error;
  }
  return { env: { [TEMPLATE_DATABASE]: name }, remove };
}

/**
 * A database for one test's governance store, every migration applied: a
 * copy of the run's template, or, when the run has none (a file run without
 * jest's configuration), an empty database migrated afresh. PostgreSQL when
 * DATABASE_URL is set; else the PGlite folder `<dataDir>/governance` where
 * openGovernanceStore looks, in `dataDir` when given (a pool's data folder,
 * of which `drop()` then removes only that folder), or in a temp folder of
 * its own.
 */
export async function createMigratedTestDatabase(dataDir?: string): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const templateDatabase = process.env[TEMPLATE_DATABASE];
  if (serverUrl && templateDatabase) return createServerTestDatabase(serverUrl, templateDatabase);
  const db: TestDatabase = dataDir && !serverUrl
    ? { kind: 'pglite', dataDir, drop: () => rm(governanceFolder(dataDir), { recursive: true, force: true }) }
    : await createTestDatabase('DATABASE_URL');
  const templateFolder = process.env[TEMPLATE_FOLDER];
  try {
    if (db.kind === 'pglite' && templateFolder) await cp(templateFolder, governanceFolder(db.dataDir), { recursive: true });
    else await migrateAfresh(db.kind === 'postgres' ? { databaseUrl: db.url, dataDir: '/nonexistent' } : { dataDir: db.dataDir });
  } catch (error) {
    await db.drop();
    throw error;
  }
  return db;
}

/** Opens a governance store there and closes it again: the migrations run exactly as they do when the pool starts. */
async function migrateAfresh(location: GovernanceLocation): Promise<void> {
  const store = await openGovernanceStore({ ...location, clock: systemClock, logger: createLogger('silent', 'test'), poolSize: 1 });
  await store.close();
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
