import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRateLimits } from '../gateway/limits/rate-limits';
import { openHotState } from '../platform/hot-state';
import { createLogger } from '../platform/logger';
import { formatSpread, measureLoad, spread, type LoadFigures, type LoadTarget, type Spread } from './measure';
import { startTargets } from './targets-process';

/**
 * Issue 6: the cost of the rate limiter per request. Two gateways of one pool
 * on the same subgraphs and store, one counting every request against its
 * unit's and its token's allowance (set too high to refuse), one without;
 * light queries, so that the limiter's share shows. Interleaved round by round,
 * alternating which goes first; the ratio is taken within each round. The
 * counters are in Redis when REDIS_URL is set (under a prefix of this run's
 * own; they expire within a minute), in process memory otherwise. Beside
 * the load figures, the limiter alone: the time of one admission (unit and
 * token) called back to back, which the machine's load disturbs less.
 */
const QUERIES = {
  // No subgraph fetch and no audit row: the gateway's own path, where the limiter's share is largest.
  typename: '{ __typename }',
  // One school: a subgraph fetch, one SQL statement and an audit row, as a light real request.
  school: '{ schools(first: 1) { edges { node { name } } } }',
} as const;
type QueryName = keyof typeof QUERIES;
type Kind = 'withLimiter' | 'withoutLimiter';

export async function runRateLimitBench(options: { seconds: number; rounds: number }): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? path.join('data', 'bench');
  const targets = await startTargets({ DATA_DIR: dataDir, REDIS_KEY_PREFIX: `edupool-bench-${randomBytes(3).toString('hex')}:` });
  try {
    const headers = { authorization: `Bearer ${targets.token}` };
    const target = (kind: Kind, query: QueryName): LoadTarget => ({
      url: kind === 'withLimiter' ? targets.pool : targets.poolWithoutRateLimits, body: JSON.stringify({ query: QUERIES[query] }), headers,
    });
    const figures = {} as Record<QueryName, Record<Kind, LoadFigures[]>>;
    for (const query of Object.keys(QUERIES) as QueryName[]) {
      figures[query] = { withLimiter: [], withoutLimiter: [] };
      for (const kind of ['withLimiter', 'withoutLimiter'] as const) await measureLoad(target(kind, query), 1);
      for (let round = 0; round < options.rounds; round += 1) {
        const order: Kind[] = round % 2 === 0 ? ['withLimiter', 'withoutLimiter'] : ['withoutLimiter', 'withLimiter'];
        for (const kind of order) {
          const result = await measureLoad(target(kind, query), options.seconds);
          figures[query][kind].push(result);
          process.stderr.write(`rate limiter (${targets.hotState}) ${query} round ${round + 1} ${kind}: ${result.rps.toFixed(1)} req/s, p99 ${result.p99Ms} ms, failures ${result.failures}\n`);
        }
      }
    }
    await writeResults(options, targets.hotState, figures, await admissionMicroseconds(options.rounds));
  } finally {
    await targets.stop();
  }
}

/** Microseconds per admission, 2,000 back to back per round, over the same hot state as the pool's. */
async function admissionMicroseconds(rounds: number): Promise<Spread> {
  const hotState = await openHotState({
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    keyPrefix: `edupool-bench-${randomBytes(3).toString('hex')}:`, logger: createLogger('silent', 'bench'),
  });
  try {
    const limits = createRateLimits(hotState, { unitPerMinute: 1_000_000_000, tokenPerMinute: 1_000_000_000 });
    const perRound: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 2_000; i += 1) await limits.admitRequest({ unit: '440100', token: 'bench' });
      perRound.push(Number(process.hrtime.bigint() - started) / 1_000 / 2_000);
    }
    return spread(perRound);
  } finally {
    await hotState.close();
  }
}

async function writeResults(
  options: { seconds: number; rounds: number }, hotState: string, figures: Record<QueryName, Record<Kind, LoadFigures[]>>, admissionUs: Spread,
): Promise<void> {
  const rows = (Object.keys(QUERIES) as QueryName[]).map((query) => {
    const { withLimiter, withoutLimiter } = figures[query];
    return {
      query: QUERIES[query],
      withLimiterRps: spread(withLimiter.map((x) => x.rps)),
      withoutLimiterRps: spread(withoutLimiter.map((x) => x.rps)),
      withOverWithoutRpsRatio: spread(withLimiter.map((x, i) => x.rps / withoutLimiter[i]!.rps)),
      withLimiterP99Ms: spread(withLimiter.map((x) => x.p99Ms)),
      withoutLimiterP99Ms: spread(withoutLimiter.map((x) => x.p99Ms)),
      failures: [...withLimiter, ...withoutLimiter].reduce((sum, x) => sum + x.failures, 0),
    };
  });
  const folder = path.join(__dirname, 'results');
  await mkdir(folder, { recursive: true });
  const when = new Date().toISOString();
  await writeFile(path.join(folder, 'rate-limits.json'), `${JSON.stringify({ when, ...options, connections: 10, counters: hotState, admissionMicroseconds: admissionUs, rows }, null, 2)}\n`);
  const table = [
    `# Rate limiter cost per request (${when})`,
    '',
    `Counters in ${hotState}; per unit and per token, allowances too high to refuse. ${options.rounds} interleaved rounds of ${options.seconds} s each, 10 connections; median (min–max).`,
    '',
    '| query | with limiter req/s | without req/s | with ÷ without | with p99 ms | without p99 ms | failures |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.query}\` | ${formatSpread(r.withLimiterRps, 1)} | ${formatSpread(r.withoutLimiterRps, 1)} | ${formatSpread(r.withOverWithoutRpsRatio, 3)} | ${formatSpread(r.withLimiterP99Ms, 0)} | ${formatSpread(r.withoutLimiterP99Ms, 0)} | ${r.failures} |`),
    '',
    `The limiter alone (unit and token, back to back, 2,000 per round): ${formatSpread(admissionUs, 1)} µs per admission.`,
    '',
  ].join('\n');
  await writeFile(path.join(folder, 'rate-limits.md'), table);
  process.stdout.write(`${table}\n`);
}
