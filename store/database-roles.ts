import type { Client } from 'pg';

/**
 * The governance store's two roles on PostgreSQL (issue 11, item 3). The
 * owner role owns every table, function and trigger and never logs in; the
 * pool connects as the app role, which is no superuser and owns nothing, so
 * it can neither `ALTER TABLE … DISABLE TRIGGER` nor
 * `SET session_replication_role` (superuser only), and holds no UPDATE,
 * DELETE or TRUNCATE on the append-only tables. Migrations run as the owner
 * (npm run db:setup), never as the pool.
 */
export interface DatabaseRoles {
  /** Owns the schema's objects; NOLOGIN. */
  readonly owner: string;
  /** What the pool logs in as (DATABASE_URL's user). */
  readonly app: string;
  /** The app role's password; unset leaves it to the server's authentication (certificates, peer, a password set apart). */
  readonly appPassword?: string;
}

/** Tables whose rows are never changed or removed (their triggers refuse it too). */
export const APPEND_ONLY_TABLES: ReadonlyArray<string> = [
  'audit_entries', 'audit_record_sets', 'audit_verifications', 'objection_events', 'schema_migrations',
];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function quoted(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`role name ${JSON.stringify(name)}: use lower-case letters, digits and _ (at most 63)`);
  return `"${name}"`;
}

/** Creates the roles when missing; run as a superuser (or a role with CREATEROLE) on the store's database. */
export async function createRoles(admin: Client, roles: DatabaseRoles): Promise<void> {
  const owner = quoted(roles.owner);
  const app = quoted(roles.app);
  const exists = async (name: string) => (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
  if (!(await exists(roles.owner))) await admin.query(`CREATE ROLE ${owner} NOLOGIN`);
  if (!(await exists(roles.app))) {
    await admin.query(`CREATE ROLE ${app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
  }
  if (roles.appPassword !== undefined) {
    const literal = (await admin.query<{ q: string }>('SELECT quote_literal($1) AS q', [roles.appPassword])).rows[0]!.q;
    await admin.query(`ALTER ROLE ${app} PASSWORD ${literal}`);
  }
  const database = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
  await admin.query(`GRANT CONNECT ON DATABASE "${database.replaceAll('"', '""')}" TO ${app}`);
  await admin.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${owner}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
  await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${app}`);
}

/**
 * After the migrations ran as the owner: hands the owner anything an earlier
 * deployment created as another role, then grants the app role what the pool
 * does, and no more.
 */
export async function grantAppRole(admin: Client, roles: DatabaseRoles): Promise<void> {
  const owner = quoted(roles.owner);
  const app = quoted(roles.app);
  const tables = await admin.query<{ name: string; owner: string }>(
    "SELECT tablename AS name, tableowner AS owner FROM pg_tables WHERE schemaname = 'public'",
  );
  for (const table of tables.rows) {
    if (table.owner !== roles.owner) await admin.query(`ALTER TABLE public.${quoted(table.name)} OWNER TO ${owner}`);
  }
  const functions = await admin.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`, [roles.owner],
  );
  for (const fn of functions.rows) await admin.query(`ALTER FUNCTION ${fn.signature} OWNER TO ${owner}`);
  await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  const appendOnly = APPEND_ONLY_TABLES.filter((name) => tables.rows.some((t) => t.name === name)).map((name) => `public.${quoted(name)}`);
  if (appendOnly.length > 0) await admin.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${appendOnly.join(', ')} FROM ${app}`);
  await admin.query(`REVOKE INSERT ON public.schema_migrations FROM ${app}`);
  await admin.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
}
