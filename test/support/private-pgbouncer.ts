import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestClient, withClient } from './test-clients';
import { freePort } from './free-port';

/**
 * A PgBouncer of the test's own in transaction mode, on a free port, in front
 * of one database (Debian's pgbouncer binary). It refuses to run as root, so
 * under root it runs as `nobody`. `statement_timeout` is in
 * ignore_startup_parameters as the README's production configuration has it:
 * node-postgres sends it at connect, which PgBouncer cannot keep per session.
 */
export interface PrivatePgBouncer {
  /** The database through PgBouncer. */
  readonly url: string;
  /** Transactions PgBouncer has passed to the database so far (its admin console's SHOW STATS). */
  transactions(): Promise<number>;
  stop(): Promise<void>;
}

const NOBODY = 65534;

export async function startPrivatePgBouncer(server: { host: string; port: number; user: string; database: string }): Promise<PrivatePgBouncer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edupool-pgbouncer-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  await writeFile(path.join(dir, 'users.txt'), `"${server.user}" ""\n`, { mode: 0o644 });
  await writeFile(path.join(dir, 'pgbouncer.ini'), [
    '[databases]',
    `edupool = host=${server.host} port=${server.port} dbname=${server.database} user=${server.user}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${path.join(dir, 'users.txt')}`,
    `admin_users = ${server.user}`,
    'pool_mode = transaction',
    'default_pool_size = 4',
    'max_client_conn = 200',
    'ignore_startup_parameters = extra_float_digits,statement_timeout',
    '',
  ].join('\n'), { mode: 0o644 });
  const root = process.getuid?.() === 0;
  const child: ChildProcess = spawn('pgbouncer', [path.join(dir, 'pgbouncer.ini')], {
    stdio: 'ignore', ...(root ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  child.once('error', () => undefined);
  const url = `postgres://${server.user}@127.0.0.1:${port}/edupool`;
  const admin = `postgres://${server.user}@127.0.0.1:${port}/pgbouncer`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilConnects(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    stop,
    async transactions() {
      const client = await connectTestClient(admin);
      try {
        const stats = await client.query<{ database: string; total_xact_count: string }>('SHOW STATS');
        return Number(stats.rows.find((row) => row.database === 'edupool')?.total_xact_count ?? 0);
      } finally {
        await client.end();
      }
    },
  };
}

async function untilConnects(url: string, waitMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await withClient(url, (client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      if (Date.now() - started >= waitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
