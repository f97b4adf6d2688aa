import { createTestDatabase } from '../create-test-database';
import { connectTestClient, createTestPool, withClient } from '../test-clients';

/**
 * A test database on PostgreSQL (DATABASE_URL) is dropped only once its
 * sessions are gone: `pool.end()` resolves before the server has ended the
 * pool's sessions, and a forced drop then would end them with 57P01. A
 * session its test left open fails the drop, named by its file; the database
 * is dropped all the same.
 */
const server = process.env.DATABASE_URL;
const exists = (name: string) => withClient(server!, async (admin) =>
  (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
const nameOf = (url: string) => new URL(url).pathname.slice(1);

(server ? describe : describe.skip)('a PostgreSQL test database', () => {
  it('is dropped right after its pool ends, without ending a session the pool is closing', async () => {
    const database = await createTestDatabase('DATABASE_URL');
    if (database.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    const pool = createTestPool({ connectionString: database.url, max: 4 });
    const errors: Error[] = [];
    pool.on('error', (error) => errors.push(error));
    await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT pg_sleep(0.05)')));
    await pool.end();
    await database.drop();
    expect(await exists(nameOf(database.url))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('fails its drop when a session is left open, naming the file that opened it, and is dropped anyway', async () => {
    const database = await createTestDatabase('DATABASE_URL');
    if (database.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    const forgotten = await connectTestClient(database.url);
    await expect(database.drop()).rejects.toThrow(/still had 1 session\(s\).*test\/support\/__tests__\/create-test-database\.test\.ts/);
    expect(await exists(nameOf(database.url))).toBe(false);
    await expect(forgotten.query('SELECT 1')).rejects.toThrow();
    await forgotten.end();
  });
});
