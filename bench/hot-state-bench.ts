import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadKeyPair } from '../platform/keys';
import { issueToken } from '../platform/tokens';
import { startPrivateRedis } from '../test/support/private-redis';
import { formatSpread, measureLoad, spread, type LoadFigures } from './measure';

/**
 * Issue 6 figures. (1) Revocation propagation: a token revoked through one
 * gateway, then asked on another that shares only PostgreSQL and Redis; the
 * time from the revocation's acknowledgement to the other gateway's refusal,
 * p99 of 50 tries per round. (2) Requests per second of a gateway keeping its
 * hot state (token denylist, grant notices) in Redis against one keeping it in
 * process memory, over the same subgraphs, interleaved round by round.
 */
const QUERIES = {
  probe: '{ __typename }',
  students20: '{ students(first: 20) { edges { node { id name } } } }',
} as const;
const TRIES = 50;

interface Urls { redisGateway: string; memoryGateway: string; otherGateway: string; dataDir: string }

export async function runHotStateBench(options: { seconds: number; rounds: number }): Promise<void> {
  const privateRedis = process.env.REDIS_URL ? undefined : await startPrivateRedis();
  const redisUrl = process.env.REDIS_URL ?? privateRedis!.url;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve-hot-state-targets.ts')], {
    env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? path.join('data', 'bench'), REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `edupool-bench-${process.pid}:`, NODE_OPTIONS: '' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const urls = await firstJsonLine(child.stdout);
    const keys = await loadKeyPair('token', { dataDir: urls.dataDir }, true);
    const token = (unit: string) => issueToken(keys, { unit, ttlSeconds: 3_600 });
    const bearer = await token('440100');
    const propagationP99: number[] = [];
    const load: Record<string, Record<'redis' | 'memory', LoadFigures[]>> = {};
    for (const name of Object.keys(QUERIES)) load[name] = { redis: [], memory: [] };
    // Warm-up: query plans, connection pools, JIT.
    for (const query of Object.values(QUERIES)) {
      for (const url of [urls.redisGateway, urls.memoryGateway]) await measureLoad({ url, body: JSON.stringify({ query }), headers: { authorization: `Bearer ${bearer}` } }, 1);
    }
    for (let round = 0; round < options.rounds; round += 1) {
      const p99 = await revocationP99(urls, token);
      propagationP99.push(p99);
      process.stderr.write(`round ${round + 1} revocation propagation p99 ${p99.toFixed(1)} ms\n`);
      for (const [name, query] of Object.entries(QUERIES)) {
        for (const kind of ['redis', 'memory'] as const) {
          const url = kind === 'redis' ? urls.redisGateway : urls.memoryGateway;
          const result = await measureLoad({ url, body: JSON.stringify({ query }), headers: { authorization: `Bearer ${bearer}` } }, options.seconds);
          load[name]![kind].push(result);
          process.stderr.write(`round ${round + 1} ${name} ${kind}: ${result.rps.toFixed(1)} req/s, p99 ${result.p99Ms} ms, failures ${result.failures}\n`);
        }
      }
    }
    await writeResults(options, redisUrl === process.env.REDIS_URL ? 'REDIS_URL' : 'private redis-server', propagationP99, load);
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
    });
    await privateRedis?.stop();
  }
}

async function firstJsonLine(stream: NodeJS.ReadableStream): Promise<Urls> {
  for await (const line of createInterface({ input: stream })) if (line.startsWith('{"redisGateway"')) return JSON.parse(line) as Urls;
  throw new Error('the hot-state benchmark servers exited');
}

async function call(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() as { errors?: unknown } };
}

/** 50 tokens, each revoked through the Redis-backed gateway and then asked on the other until refused. */
async function revocationP99(urls: Urls, token: (unit: string) => Promise<string>): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < TRIES; i += 1) {
    const victim = await token('440106');
    const jti = JSON.parse(Buffer.from(victim.split('.')[1]!, 'base64url').toString('utf8')).jti as string;
    if ((await call(urls.otherGateway, victim, QUERIES.probe)).status !== 200) throw new Error('a fresh token was refused');
    const revoked = await call(urls.redisGateway, victim, 'mutation ($jti: ID!) { revokeToken(jti: $jti, reason: "bench") { jti } }', { jti });
    if (revoked.body.errors) throw new Error(`revokeToken failed: ${JSON.stringify(revoked.body.errors)}`);
    const acknowledged = performance.now();
    while ((await call(urls.otherGateway, victim, QUERIES.probe)).status === 200) {
      if (performance.now() - acknowledged > 5_000) throw new Error('revocation not seen by the other gateway within 5 s');
    }
    latencies.push(performance.now() - acknowledged);
  }
  latencies.sort((a, b) => a - b);
  return latencies[Math.ceil(0.99 * latencies.length) - 1]!;
}

async function writeResults(
  options: { seconds: number; rounds: number }, redis: string, propagationP99: number[], load: Record<string, Record<'redis' | 'memory', LoadFigures[]>>,
): Promise<void> {
  const rows = Object.entries(load).map(([query, f]) => ({
    query,
    redisRps: spread(f.redis.map((x) => x.rps)),
    memoryRps: spread(f.memory.map((x) => x.rps)),
    redisOverMemoryRpsRatio: spread(f.redis.map((x, i) => x.rps / f.memory[i]!.rps)),
    redisP99Ms: spread(f.redis.map((x) => x.p99Ms)),
    memoryP99Ms: spread(f.memory.map((x) => x.p99Ms)),
    failures: [...f.redis, ...f.memory].reduce((sum, x) => sum + x.failures, 0),
  }));
  const when = new Date().toISOString();
  const revocation = { tries: TRIES, p99Ms: spread(propagationP99), perRound: propagationP99 };
  const folder = path.join(__dirname, 'results');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'hot-state.json'), `${JSON.stringify({ when, ...options, redis, connections: 10, revocation, rows }, null, 2)}\n`);
  const table = [
    `# Shared hot state: revocation propagation and Redis against memory (${when})`,
    '',
    `${options.rounds} interleaved rounds; Redis: ${redis}; median (min–max).`,
    '',
    `Revocation through one gateway refused by another: p99 of ${TRIES} tries per round ${formatSpread(revocation.p99Ms, 1)} ms.`,
    '',
    `Requests per second, ${options.seconds} s per measurement, 10 connections:`,
    '',
    '| query | Redis req/s | memory req/s | Redis ÷ memory | Redis p99 ms | memory p99 ms |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${QUERIES[r.query as keyof typeof QUERIES]}\` | ${formatSpread(r.redisRps, 1)} | ${formatSpread(r.memoryRps, 1)} | ${formatSpread(r.redisOverMemoryRpsRatio)} | ${formatSpread(r.redisP99Ms, 0)} | ${formatSpread(r.memoryP99Ms, 0)} |`),
    '',
  ].join('\n');
  await writeFile(path.join(folder, 'hot-state.md'), table);
  process.stdout.write(`${table}\n`);
}
