import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { createTestRedis } from './test-clients';
import { freePort } from './free-port';

/**
 * A Redis Cluster of the test's own: three masters (no replicas) on free
 * ports, each in a temporary folder, joined with `redis-cli --cluster create`.
 * Needs redis-server and redis-cli (Debian's redis-server package).
 */
export interface PrivateRedisCluster {
  /** Seed nodes, `127.0.0.1:port`, as REDIS_CLUSTER_NODES takes them. */
  readonly nodes: ReadonlyArray<string>;
  stop(): Promise<void>;
}

const run = promisify(execFile);

export async function startPrivateRedisCluster(masters = 3): Promise<PrivateRedisCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edupool-redis-cluster-'));
  const children: ChildProcess[] = [];
  const nodes: string[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    })));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i += 1) {
      const [port, busPort] = [await freePort(), await freePort()];
      const child = spawn('redis-server', [
        '--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
        '--dir', dir, '--save', '', '--appendonly', 'no',
      ], { stdio: 'ignore' });
      child.once('error', () => undefined);
      children.push(child);
      nodes.push(`127.0.0.1:${port}`);
    }
    await Promise.all(nodes.map((node) => untilAnswers(node, (client) => client.ping())));
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(nodes.map((node) => untilAnswers(node, async (client) => {
      if (!(await client.cluster('INFO')).includes('cluster_state:ok')) throw new Error(`${node}: cluster not ok yet`);
    })));
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, stop };
}

async function untilAnswers(node: string, check: (client: Redis) => Promise<unknown>, waitMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const client = createTestRedis(`redis://${node}`);
    try {
      await client.connect();
      await check(client);
      return;
    } catch (error) {
      if (Date.now() - started >= waitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      client.disconnect();
    }
  }
}
