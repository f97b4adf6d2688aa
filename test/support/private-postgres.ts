import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestClient, withClient } from './test-clients';
import { freePort } from './free-port';

/**
 * A PostgreSQL server of the test's own (Debian's binaries, a temp data
 * folder, a free port, trust authentication), so a fault test can kill it and
 * start it again without touching the machine's shared server. initdb refuses
 * to run as root: then the server runs as the `postgres` user.
 */
export interface PrivatePostgres {
  readonly url: string;
  /** Kills the server at once (SIGKILL), as a crash or a pulled cable would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (if it is not running), and waits until it accepts connections. */
  start(): Promise<void>;
  /** Kills it and removes its data. */
  destroy(): Promise<void>;
}

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

const asRoot = process.getuid?.() === 0;

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'edupool-pg-'));
  const user = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asRoot) {
    chmodSync(dataDir, 0o700);
    execFileSync('chown', ['postgres', dataDir]);
  }
  const run = (command: string, args: string[]) => execFileSync(user[0] ?? command, [...user.slice(1), ...(user.length ? [command] : []), ...args], { stdio: 'ignore' });
  run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;
  const spawnServer = () => {
    const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`, '-c', 'fsync=off'];
    const spawned = spawn(user[0] ?? path.join(bin, 'postgres'), [...user.slice(1), ...(user.length ? [path.join(bin, 'postgres')] : []), ...args], { stdio: 'ignore' });
    spawned.once('error', () => undefined);
    return spawned;
  };
  const start = async () => {
    if (server && server.exitCode === null) return;
    server = spawnServer();
    // After a SIGKILL the old postmaster's orphaned backends may still hold its shared memory for a moment, and a new
    // postmaster refuses to start beside them: it is started again until they have gone.
    const giveUpAt = Date.now() + 30_000;
    for (;;) {
      try {
        await withClient(url, async () => undefined);
        return;
      } catch {
        if (server.exitCode !== null) {
          if (Date.now() > giveUpAt) throw new Error(`the private PostgreSQL in ${dataDir} did not start`);
          await new Promise((resolve) => setTimeout(resolve, 500));
          server = spawnServer();
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const kill = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return;
    // runuser passes the signal on; the postmaster's children follow it down.
    const postmaster = execFileSync('sh', ['-c', `head -1 ${dataDir}/postmaster.pid 2>/dev/null || true`], { encoding: 'utf8' }).trim();
    if (postmaster) process.kill(Number(postmaster), 'SIGKILL');
    await new Promise<void>((resolve) => {
      if (running.exitCode !== null) return resolve();
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
    // Orphaned backends of a killed postmaster leave by themselves; the port must be free before a restart.
    await waitForPortFree(port);
  };
  await start();
  return {
    url,
    kill,
    start,
    destroy: async () => {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForPortFree(port: number): Promise<void> {
  for (;;) {
    const busy = await new Promise<boolean>((resolve) => {
      connectTestClient(`postgres://postgres@127.0.0.1:${port}/postgres`, 500).then((client) => client.end().then(() => resolve(true)), () => resolve(false));
    });
    if (!busy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
