import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The benchmark's servers, run in a child process (bench/serve-targets.ts). */
export interface Targets {
  readonly pool: string;
  /** The pool's gateway again, on the same subgraphs, with rate limits off. */
  readonly poolWithoutRateLimits: string;
  /** Where the rate-limit counters live: 'redis' (REDIS_URL) or 'memory'. */
  readonly hotState: 'redis' | 'memory';
  readonly plainGateway: string;
  readonly studentSubgraph: string;
  readonly token: string;
  legacyCallTotals(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startTargets(env: Record<string, string>): Promise<Targets> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve-targets.ts')], {
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error('the benchmark servers exited');
    return line.value;
  };
  // Start-up may print (demo data generation); the servers' own line is the JSON one.
  let urls: Omit<Targets, 'legacyCallTotals' | 'stop'> | undefined;
  while (!urls) {
    const line = await next();
    if (line.startsWith('{"pool"')) urls = JSON.parse(line) as Omit<Targets, 'legacyCallTotals' | 'stop'>;
  }
  return {
    ...urls,
    async legacyCallTotals() {
      child.stdin.write('totals\n');
      return JSON.parse(await next()) as Record<string, number>;
    },
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
    }),
  };
}
