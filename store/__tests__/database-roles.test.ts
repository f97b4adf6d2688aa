import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { setUpDatabase } from '../../scripts/db-setup';
import { createTestDatabase, withClient, type TestDatabase } from '../../test/support/create-test-database';
import { connectTestClient } from '../../test/support/test-clients';
import { createAuditLog } from '../audit/audit-log';
import { auditEntry, fixedClock } from '../audit/__tests__/audit-fixtures';
import { verifyAuditChain } from '../audit/verify-chain';
import { openGovernanceStore, type GovernanceStore } from '../open-store';
import { silentLogger } from './test-store';

/**
 * The pool's database role (issue 11, item 3) on a real PostgreSQL: a fresh
 * database and two roles named for this run, all dropped afterwards. PGlite
 * has no roles, so this runs only where DATABASE_URL names a server.
 */
const serverUrl = process.env.DATABASE_URL;
const suffix = randomBytes(4).toString('hex');
const roles = { owner: `edupool_owner_t${suffix}`, app: `edupool_app_t${suffix}` };

(serverUrl ? describe : describe.skip)('the app role edupool_app', () => {
  let db: Extract<TestDatabase, { kind: 'postgres' }>;
  let store: GovernanceStore;
  let app: Client;

  beforeAll(async () => {
    db = (await createTestDatabase('DATABASE_URL')) as typeof db;
    expect(await setUpDatabase(db.url, roles)).toContain('audit');
    const appUrl = new URL(db.url);
    appUrl.username = roles.app;
    store = await openGovernanceStore({ databaseUrl: appUrl.toString(), dataDir: '/nonexistent', clock: fixedClock(), logger: silentLogger, poolSize: 2 });
    app = await connectTestClient(appUrl.toString());
  });
  afterAll(async () => {
    await app?.end();
    await store?.close();
    await db?.drop();
    await withClient(serverUrl!, async (admin) => {
      await admin.query(`DROP ROLE IF EXISTS ${roles.app}`);
      await admin.query(`DROP ROLE IF EXISTS ${roles.owner}`);
    });
  });

  test('is what the pool runs as: it opens the migrated store and appends to the audit trail', async () => {
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
    await Promise.all([log.append(auditEntry(1)), log.append(auditEntry(2))]);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 2 });
    const who = await app.query<{ user: string; superuser: string }>("SELECT current_user AS user, current_setting('is_superuser') AS superuser");
    expect(who.rows).toEqual([{ user: roles.app, superuser: 'off' }]);
  });

  test.each([
    ['DELETE FROM audit_entries', 'permission denied for table audit_entries'],
    ["UPDATE audit_entries SET unit = 'GZGAJ'", 'permission denied for table audit_entries'],
    ['TRUNCATE audit_entries CASCADE', 'permission denied for table audit_entries'],
    ['DELETE FROM audit_record_sets', 'permission denied for table audit_record_sets'],
    ['DELETE FROM audit_verifications', 'permission denied for table audit_verifications'],
    ['SET session_replication_role = replica', 'permission denied to set parameter "session_replication_role"'],
    ['ALTER TABLE audit_entries DISABLE TRIGGER ALL', 'must be owner of table audit_entries'],
    ['ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only', 'must be owner of table audit_entries'],
    ['DROP TRIGGER audit_entries_append_only ON audit_entries', 'must be owner of relation audit_entries'],
    ['CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$', 'permission denied for schema public'],
    ['CREATE TABLE audit_shadow (seq bigint)', 'permission denied for schema public'],
    ["INSERT INTO schema_migrations VALUES (999, 'fake', now())", 'permission denied for table schema_migrations'],
  ])('cannot %s', async (statement, message) => {
    await expect(app.query(statement)).rejects.toMatchObject({ code: '42501', message });
    const count = await app.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries');
    expect(count.rows).toEqual([{ n: 2 }]);
  });

  test('owns nothing and holds no role attribute that bypasses the triggers', async () => {
    const role = await app.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    expect(role.rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false }]);
    const owned = await app.query(`SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
      UNION ALL SELECT proname FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`);
    expect(owned.rows).toEqual([]);
  });
});
