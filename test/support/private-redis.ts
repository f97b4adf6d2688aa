import { spawn, type ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { freePort } from './free-port';
import { createTestRedis } from './test-clients';

/**
 * A redis-server of the test's own on a free port, without persistence, so a
 * fault test can stop, restart (empty) or flush it without touching the
 * machine's shared Redis. Needs the redis-server binary (REDIS_SERVER, or on
 * PATH).
 */
export interface PrivateRedis {
  readonly url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port, empty: as a Redis restarted without persistence. */
  start(): Promise<void>;
  flush(): Promise<void>;
  /** Raw keys under a prefix, for asserting what was rebuilt. */
  keys(pattern: string): Promise<string[]>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(process.env.REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    child.once('error', () => undefined);
    await withClient(url, (client) => client.ping(), 5_000);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url,
    stop,
    start,
    flush: () => withClient(url, (client) => client.flushdb()).then(() => undefined),
    keys: (pattern) => withClient(url, (client) => client.keys(pattern)),
  };
}

async function withClient<T>(url: string, use: (client: Redis) => Promise<T>, waitMs = 0): Promise<T> {
  const started = Date.now();
  for (;;) {
    const client = createTestRedis(url);
    try {
      await client.connect();
      return await use(client);
    } catch (error) {
      if (Date.now() - started >= waitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
}
