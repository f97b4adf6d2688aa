import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The deployment bench's processes: each part of each target is a child of
 * its own, so that its CPU time can be read from /proc and no part shares an
 * event loop with another or with the load generator.
 */
export interface PartProcess {
  readonly name: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, '..', '..');
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;
const STOP_GRACE_MS = 15_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The Node settings every part of every target runs with: package.json's
 * `config.nodeFlags`, which the pool's own `npm run start:<part>` scripts
 * pass to node. A 64 MB young-generation semi-space cut the student
 * subgraph's CPU on a 500-row page from about 55 to 47 ms (README
 * "Production"); the same runtime for all three targets keeps the comparison
 * about the gateways.
 */
const PRODUCTION_NODE_FLAGS = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config: { nodeFlags: string } })
  .config.nodeFlags.split(' ');

/** Starts `node [--import tsx] <script> <args>`; `cpuProfileDir` adds --cpu-prof (written when the part stops). */
export function startProcess(name: string, script: string, args: ReadonlyArray<string>, env: Record<string, string>, cpuProfileDir?: string): PartProcess {
  const typescript = script.endsWith('.ts');
  const flags = [
    ...PRODUCTION_NODE_FLAGS,
    ...(typescript ? ['--import', 'tsx'] : []),
    // A folder per part: tsx's loader thread writes a profile of its own beside the main thread's.
    ...(cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(cpuProfileDir, name)] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, [...flags, path.join(ROOT, script), ...args], {
    cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // A part that has not closed within its grace period is ended, and said so: the bench must never hang on a stop.
      const grace = setTimeout(() => {
        process.stderr.write(`[${name}] did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; killed\n`);
        child.kill('SIGKILL');
      }, STOP_GRACE_MS);
      await exited;
      clearTimeout(grace);
    },
  };
}

/** Waits until `url` answers at all (any status): the part is listening. */
export async function waitForUrl(url: string, part: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > until) throw new Error(`${part} did not come up at ${url} within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may hold spaces): utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * The PostgreSQL and Redis server processes on this machine (by command name
 * in /proc): shared by every target, but loaded by one target at a time, so
 * their CPU time during a target's round is that target's (audit inserts,
 * legacy reads, replay records, rate limits).
 */
export async function sharedServerPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const command = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (/^(postgres|redis-server)\b/.test(command.trim())) pids.push(Number(entry));
  }
  return pids;
}

/** CPU time of the given processes, skipping any that ended in between (a PostgreSQL backend whose connection closed). */
export async function totalCpuMsOf(pids: ReadonlyArray<number>): Promise<Map<number, number>> {
  const each = await Promise.all(pids.map(async (pid) => [pid, await cpuMs(pid).catch(() => Number.NaN)] as const));
  return new Map(each.filter(([, ms]) => !Number.isNaN(ms)));
}
