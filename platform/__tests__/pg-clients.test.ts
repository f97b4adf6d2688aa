import { createTestDatabase, type TestDatabase } from '../../test/support/create-test-database';
import { withClient } from '../../test/support/test-clients';
import { connectPgClient, createPgPool } from '../pg-clients';

/**
 * A connection the server ends (57P01: an administrator's pg_terminate_backend,
 * a forced drop, a restart) is reported to the listener given, whether it was
 * idle in the pool, checked out, or a lone client; nothing is thrown into the
 * process. Needs a PostgreSQL server (DATABASE_URL): PGlite has no backends
 * to terminate.
 */
const server = process.env.DATABASE_URL;
(server ? describe : describe.skip)('pg connections the server ends', () => {
  let database: TestDatabase & { kind: 'postgres' };

  beforeAll(async () => {
    const made = await createTestDatabase('DATABASE_URL');
    if (made.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    database = made;
  });
  afterAll(async () => { await database?.drop(); });

  const terminate = (pid: number) => withClient(server!, (admin) => admin.query('SELECT pg_terminate_backend($1)', [pid]));
  const reported = (errors: Error[]) => new Promise<void>((resolve) => {
    const check = () => (errors.length > 0 ? resolve() : setTimeout(check, 20));
    check();
  });
  const backendPid = async (query: (sql: string) => Promise<{ rows: Array<{ pid: number }> }>) =>
    (await query('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

  it.each(['idle in the pool', 'checked out'])('reports one %s to the listener', async (where) => {
    const errors: Error[] = [];
    const pool = createPgPool({ connectionString: database.url, max: 1 }, (error) => errors.push(error));
    const client = await pool.connect();
    const pid = await backendPid((sql) => client.query(sql));
    if (where === 'idle in the pool') client.release();
    await terminate(pid);
    await reported(errors);
    expect(errors[0]).toMatchObject({ code: '57P01' });
    if (where === 'checked out') client.release(errors[0]);
    // The pool replaces the connection it lost.
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('reports a lone client to the listener, and its next query fails', async () => {
    const errors: Error[] = [];
    const client = await connectPgClient(database.url, (error) => errors.push(error));
    await terminate(await backendPid((sql) => client.query(sql)));
    await reported(errors);
    expect(errors[0]).toMatchObject({ code: '57P01' });
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end();
  });
});
