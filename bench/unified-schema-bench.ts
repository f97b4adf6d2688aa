import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatSpread, measureLoad, spread, type LoadFigures, type LoadTarget } from './measure';
import { startTargets } from './targets-process';

/**
 * Issue "one unified schema", item 7: lists of N students with school, class
 * and head teacher. Legacy calls per request are counted exactly; RPS and p99
 * of the pool's gateway are measured against a plain @apollo/gateway over the
 * same subgraph code (no token, no signing) and against the student subgraph
 * called directly, interleaved round by round on this shared machine.
 */
const SIZES = [20, 100, 500] as const;

const gatewayQuery = (n: number) => JSON.stringify({
  query: `{ students(first: ${n}) { edges { node { id name school { name } class { name headTeacher { name } } } } } }`,
});
const subgraphQuery = (n: number) => JSON.stringify({
  query: `{ students(first: ${n}) { edges { node { id name school { name } class { name headTeacher { id } } } } } }`,
});

export async function runUnifiedSchemaBench(options: { seconds: number; rounds: number }): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? path.join('data', 'bench');
  const targets = await startTargets({ DATA_DIR: dataDir });
  try {
    const calls: Record<number, Record<string, number>> = {};
    for (const n of SIZES) {
      const before = await targets.legacyCallTotals();
      const response = await fetch(targets.pool, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${targets.token}` }, body: gatewayQuery(n),
      });
      const body = await response.json() as { errors?: unknown };
      if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
      const after = await targets.legacyCallTotals();
      calls[n] = Object.fromEntries(Object.keys(after).map((system) => [system, (after[system] ?? 0) - (before[system] ?? 0)]));
    }

    const kinds = {
      pool: (n: number): LoadTarget => ({ url: targets.pool, body: gatewayQuery(n), headers: { authorization: `Bearer ${targets.token}` } }),
      plainGateway: (n: number): LoadTarget => ({ url: targets.plainGateway, body: gatewayQuery(n) }),
      studentSubgraph: (n: number): LoadTarget => ({ url: targets.studentSubgraph, body: subgraphQuery(n) }),
    };
    const figures: Record<number, Record<keyof typeof kinds, LoadFigures[]>> = {};
    for (const n of SIZES) {
      figures[n] = { pool: [], plainGateway: [], studentSubgraph: [] };
      for (const kind of Object.keys(kinds) as Array<keyof typeof kinds>) await measureLoad(kinds[kind](n), 1);
      for (let round = 0; round < options.rounds; round += 1) {
        for (const kind of Object.keys(kinds) as Array<keyof typeof kinds>) {
          const result = await measureLoad(kinds[kind](n), options.seconds);
          figures[n]![kind].push(result);
          process.stderr.write(`N=${n} round ${round + 1} ${kind}: ${result.rps.toFixed(1)} req/s, p99 ${result.p99Ms} ms, failures ${result.failures}\n`);
        }
      }
    }
    await writeResults(options, calls, figures);
  } finally {
    await targets.stop();
  }
}

async function writeResults(
  options: { seconds: number; rounds: number },
  calls: Record<number, Record<string, number>>,
  figures: Record<number, Record<string, LoadFigures[]>>,
): Promise<void> {
  const rows = SIZES.map((n) => {
    const f = figures[n]!;
    const ratio = f.pool!.map((p, i) => p.rps / f.plainGateway![i]!.rps);
    return {
      n,
      legacyCallsPerRequest: calls[n],
      poolRps: spread(f.pool!.map((x) => x.rps)),
      plainGatewayRps: spread(f.plainGateway!.map((x) => x.rps)),
      studentSubgraphRps: spread(f.studentSubgraph!.map((x) => x.rps)),
      poolP99Ms: spread(f.pool!.map((x) => x.p99Ms)),
      plainGatewayP99Ms: spread(f.plainGateway!.map((x) => x.p99Ms)),
      studentSubgraphP99Ms: spread(f.studentSubgraph!.map((x) => x.p99Ms)),
      poolOverPlainRpsRatio: spread(ratio),
      failures: Object.values(f).flat().reduce((sum, x) => sum + x.failures, 0),
    };
  });
  const folder = path.join(__dirname, 'results');
  await mkdir(folder, { recursive: true });
  const when = new Date().toISOString();
  await writeFile(path.join(folder, 'unified-schema.json'), `${JSON.stringify({ when, ...options, connections: 10, rows }, null, 2)}\n`);
  const table = [
    `# Unified schema: lists of N students with school, class and head teacher (${when})`,
    '',
    `${options.rounds} interleaved rounds of ${options.seconds} s each, 10 connections; median (min–max).`,
    '',
    '| N | SQL / request | teacher API / request | CSV reads / request | pool req/s | plain gateway req/s | student subgraph req/s | pool ÷ plain | pool p99 ms | plain p99 ms | subgraph p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.n} | ${r.legacyCallsPerRequest?.['student-status'] ?? 0} | ${r.legacyCallsPerRequest?.['teacher-hr'] ?? 0} | ${r.legacyCallsPerRequest?.facility ?? 0} | ${formatSpread(r.poolRps, 1)} | ${formatSpread(r.plainGatewayRps, 1)} | ${formatSpread(r.studentSubgraphRps, 1)} | ${formatSpread(r.poolOverPlainRpsRatio)} | ${formatSpread(r.poolP99Ms, 0)} | ${formatSpread(r.plainGatewayP99Ms, 0)} | ${formatSpread(r.studentSubgraphP99Ms, 0)} |`),
    '',
  ].join('\n');
  await writeFile(path.join(folder, 'unified-schema.md'), table);
  process.stdout.write(`${table}\n`);
}
