import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { deleteRedisKeys } from './test-clients';
import { loadKeyPair } from '../../platform/keys';
import { issueToken } from '../../platform/tokens';
import { createMigratedTestDatabase } from './governance-template';
import { freePort } from './free-port';

/**
 * The pool started the way an operator starts it, `npm start` or `npm run
 * start:<part>`, as a child process: its own copy of the demo data, spare
 * ports, its own migrated governance store (in that copy, or a database of
 * its own when the run has DATABASE_URL), and its own Redis prefix when the
 * run has REDIS_URL. For tests of what happens to the real processes
 * (signals, exit codes).
 */
export interface SpawnedEnv {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** A token for a request through this pool's gateway (the keys exist once a gateway has started). */
  token(unit: string): Promise<string>;
  drop(): Promise<void>;
}

export async function spawnedEnv(extra: Record<string, string> = {}): Promise<SpawnedEnv> {
  const template = process.env.EDUPOOL_TEST_TEMPLATE;
  const root = process.env.EDUPOOL_TEST_ROOT;
  if (!template || !root) throw new Error('run scenario tests through jest (the system project\'s global setup makes the demo data)');
  const dataDir = await mkdtemp(path.join(root, `spawned-${randomBytes(3).toString('hex')}-`));
  await cp(template, dataDir, { recursive: true });
  const governanceDb = await createMigratedTestDatabase(dataDir);
  const ports = {
    PORT: await freePort(), STUDENT_SUBGRAPH_PORT: await freePort(), TEACHER_SUBGRAPH_PORT: await freePort(),
    FACILITY_SUBGRAPH_PORT: await freePort(), GOVERNANCE_SUBGRAPH_PORT: await freePort(),
    LEGACY_STUDENT_DB_PORT: await freePort(), LEGACY_TEACHER_PORT: await freePort(),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    ...(process.env.EDUPOOL_TEST_STUDENT_DB_URL ? { LEGACY_STUDENT_DB_URL: process.env.EDUPOOL_TEST_STUDENT_DB_URL } : {}),
    ...(governanceDb.kind === 'postgres' ? { DATABASE_URL: governanceDb.url } : {}),
    ...(process.env.REDIS_URL ? { REDIS_KEY_PREFIX: `edupool-test-${path.basename(dataDir)}:` } : {}),
    ...extra,
  };
  // The jest worker's own variables must not leak into the pool's configuration.
  delete env.NODE_OPTIONS;
  delete env.JEST_WORKER_ID;
  return {
    dataDir,
    env,
    token: async (unit) => issueToken(await loadKeyPair('token', { dataDir }, true), { unit, ttlSeconds: 600 }),
    drop: async () => {
      if (process.env.REDIS_URL && env.REDIS_KEY_PREFIX) await deleteRedisKeys(process.env.REDIS_URL, env.REDIS_KEY_PREFIX);
      await governanceDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SpawnedProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal that ended it). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote to stdout and stderr so far (for failure messages). */
  output(): string;
}

/** `npm run <script>` in the project folder, in a process group of its own so a test's signal reaches only what it means to. */
export function spawnNpm(script: string, env: NodeJS.ProcessEnv): SpawnedProcess {
  const child = spawn('npm', ['run', '--silent', script], { cwd: path.resolve(__dirname, '../..'), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, exited, output: () => output };
}

/** Waits until `url` answers 200 or the process exits (then throws with its output). */
export async function waitUntilHealthy(url: string, spawned: SpawnedProcess): Promise<void> {
  let exited = false;
  void spawned.exited.then(() => { exited = true; });
  for (;;) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    if (exited) throw new Error(`the process exited before ${url} answered:\n${spawned.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every process in the group of a spawned command (npm and what it started), by pid. */
export function processGroupAlive(spawned: SpawnedProcess): boolean {
  try {
    process.kill(-spawned.child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/** Last resort for a failed test: nothing it started may outlive it. */
export function killGroup(spawned: SpawnedProcess): void {
  try {
    process.kill(-spawned.child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The pids of every process descended from `pid` (a cluster's instances run in process groups of their own). */
export function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid === parent && child !== undefined) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
