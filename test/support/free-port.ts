import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A TCP port on 127.0.0.1 for a server a test starts itself (a private Redis,
 * PostgreSQL, PgBouncer, a spawned pool part), held for this process alone.
 *
 * A port the OS hands out for `listen(0)` comes from the ephemeral range, the
 * same range every outgoing connection on the machine draws its source port
 * from; between the moment it is closed here and the moment the server binds
 * it, another run's client or server may take it (seen under load: a private
 * Redis Cluster node that never came up, its tests talking to another run's).
 * So the ports come from below the ephemeral range, and each is claimed by an
 * exclusive lock file naming this process, kept while the process lives (a
 * jest worker runs many files; ports are plentiful); the claim of a process
 * that is gone is taken over.
 */
const FIRST = 20_000;
const LAST = 32_000;
const CLAIMS = path.join(tmpdir(), 'edupool-test-ports');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function claim(port: number): boolean {
  const file = path.join(CLAIMS, String(port));
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) return false;
    // The holder is gone: its claim lapses. Whoever removes and re-creates it first wins.
    try {
      unlinkSync(file);
    } catch {
      return false;
    }
    return claim(port);
  }
  return true;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  mkdirSync(CLAIMS, { recursive: true });
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (claim(port) && (await bindable(port))) return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST} after 1,000 attempts (claims in ${CLAIMS})`);
}
