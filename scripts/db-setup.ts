import { connectPgClient, createPgPool } from '../platform/pg-clients';
import { systemClock } from '../platform/clock';
import { migrate } from '../store';
import { createRoles, grantAppRole, type DatabaseRoles } from '../store/database-roles';

/**
 * `npm run db:setup -- <admin URL of the store's database>`: prepares a
 * PostgreSQL governance store for production (README "Production"). As the
 * administrator given: creates the owner and app roles (DB_OWNER_ROLE,
 * default edupool_owner; DB_APP_ROLE, default edupool_app; DB_APP_PASSWORD),
 * applies the migrations as the owner, and grants the app role what the pool
 * needs. Run it again after each upgrade; the pool (connected as the app
 * role) cannot migrate.
 */
export async function setUpDatabase(adminUrl: string, roles: DatabaseRoles): Promise<string[]> {
  const admin = await connectPgClient(adminUrl, () => undefined);
  try {
    await createRoles(admin, roles);
    // Every session of this pool acts as the owner, so what the migrations create is the owner's.
    const asOwner = createPgPool({ connectionString: adminUrl, max: 1, options: `-c role=${roles.owner}` }, () => undefined);
    let applied: string[];
    try {
      applied = await migrate(asOwner, systemClock);
    } finally {
      await asOwner.end();
    }
    await grantAppRole(admin, roles);
    return applied;
  } finally {
    await admin.end();
  }
}

if (require.main === module) {
  const adminUrl = process.argv[2] ?? process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) {
    process.stderr.write('Usage: npm run db:setup -- postgres://<superuser>@<host>/<database> (or set DATABASE_ADMIN_URL)\n');
    process.exit(2);
  }
  const roles: DatabaseRoles = {
    owner: process.env.DB_OWNER_ROLE ?? 'edupool_owner',
    app: process.env.DB_APP_ROLE ?? 'edupool_app',
    ...(process.env.DB_APP_PASSWORD ? { appPassword: process.env.DB_APP_PASSWORD } : {}),
  };
  setUpDatabase(adminUrl, roles).then(
    (applied) => {
      process.stdout.write(`roles ${roles.owner} (owner) and ${roles.app} (the pool's) ready; migrations applied: ${applied.length ? applied.join(', ') : 'none (up to date)'}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`db:setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
