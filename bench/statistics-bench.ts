import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connectPgClient } from '../platform/pg-clients';
import { createPgStudentDb } from '../subgraphs/student/adapter';
import { enrolledStatement } from '../subgraphs/student/statistics-sql';
import { ensureCityDatabase } from './city-database';

/**
 * `npm run bench:statistics`: 在校生数 by district × grade on the `city`
 * data in PostgreSQL, computed the pool's way (one GROUP BY through the
 * student adapter) against loading the in-school rows into Node and counting
 * there, and the same GROUP BY with record keys summed (what a reader who
 * gets perturbed counts costs: the key needs each student's number, so the
 * table is read, not only the index). Rounds interleave the three; p50 and p95 are over every sample of a
 * method, the speed-up is taken within each round. Needs
 * LEGACY_STUDENT_DB_URL (a PostgreSQL server; the bench uses a database of
 * its own there). BENCH_ROUNDS (default 3), BENCH_SAMPLES (GROUP BY samples
 * per round, default 10; the row load runs 2 per round).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);
const LOADS_PER_ROUND = 2;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function percentile(values: ReadonlyArray<number>, p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const server = process.env.LEGACY_STUDENT_DB_URL;
  if (!server) throw new Error('set LEGACY_STUDENT_DB_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  const url = await ensureCityDatabase(server, (line) => console.log(line));
  const db = createPgStudentDb({ databaseUrl: url, poolSize: 2, statementTimeoutMs: 120_000 });
  const client = await connectPgClient(url, (error) => console.error('statistics bench: connection lost', error.message));

  const groupBy = enrolledStatement({}, ['DISTRICT', 'GRADE']);
  const inSql = async () => db.aggregate(groupBy);
  const keyedGroupBy = enrolledStatement({}, ['DISTRICT', 'GRADE'], 'bench-cell-key-secret');
  const keyedInSql = async () => db.aggregate(keyedGroupBy);
  // The alternative: every in-school row's school and grade into Node, the district from the school table, counted in a Map.
  const inNode = async () => {
    const schools = new Map((await client.query('SELECT xxdm, xzqhm FROM xxjbxx')).rows.map((r: { xxdm: string; xzqhm: string }) => [r.xxdm, r.xzqhm]));
    const rows = (await client.query("SELECT xxdm, nj FROM xsjbxx WHERE xsdqztm = '01'")).rows as Array<{ xxdm: string; nj: string }>;
    const counts = new Map<string, number>();
    for (const row of rows) {
      const key = `${schools.get(row.xxdm)}/${row.nj}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };

  const sqlSamples: number[] = [];
  const nodeSamples: number[] = [];
  const keyedSamples: number[] = [];
  const ratios: number[] = [];
  const keyCosts: number[] = [];
  await inSql(); // warm the cache the same for all
  await keyedInSql();
  for (let round = 1; round <= ROUNDS; round++) {
    const sqlRound: number[] = [];
    const nodeRound: number[] = [];
    const keyedRound: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      sqlRound.push(await timed(inSql));
      keyedRound.push(await timed(keyedInSql));
    }
    for (let i = 0; i < LOADS_PER_ROUND; i++) nodeRound.push(await timed(inNode));
    sqlSamples.push(...sqlRound);
    nodeSamples.push(...nodeRound);
    keyedSamples.push(...keyedRound);
    ratios.push(percentile(nodeRound, 50) / percentile(sqlRound, 50));
    keyCosts.push(percentile(keyedRound, 50) / percentile(sqlRound, 50));
    console.log(`round ${round}: GROUP BY p50 ${percentile(sqlRound, 50).toFixed(0)} ms, with record keys p50 ${percentile(keyedRound, 50).toFixed(0)} ms, rows into Node p50 ${percentile(nodeRound, 50).toFixed(0)} ms`);
  }
  const [cells, students] = [(await inSql()).length, (await inSql()).reduce((s, r) => s + Number(r.n), 0)];
  await client.end();
  await db.close();

  const figures = {
    when: new Date().toISOString(), statistic: 'enrolledStudents by DISTRICT × GRADE', students, cells, rounds: ROUNDS,
    groupBy: { p50: percentile(sqlSamples, 50), p95: percentile(sqlSamples, 95), samples: sqlSamples.length },
    rowsIntoNode: { p50: percentile(nodeSamples, 50), p95: percentile(nodeSamples, 95), samples: nodeSamples.length },
    groupByWithRecordKeys: { p50: percentile(keyedSamples, 50), p95: percentile(keyedSamples, 95), samples: keyedSamples.length },
    speedUpPerRound: ratios,
    recordKeyCostPerRound: keyCosts,
  };
  const folder = path.join(__dirname, 'results');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'statistics.json'), `${JSON.stringify(figures, null, 2)}\n`);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  await writeFile(path.join(folder, 'statistics.md'), [
    `# Statistics bench (${figures.when})`, '',
    `在校生数 by district × grade on the city data: ${students} in-school students, ${cells} cells, ${ROUNDS} interleaved rounds.`, '',
    '| method | p50 | p95 | samples |', '| --- | --- | --- | --- |',
    `| GROUP BY in PostgreSQL (student adapter) | ${ms(figures.groupBy.p50)} | ${ms(figures.groupBy.p95)} | ${figures.groupBy.samples} |`,
    `| GROUP BY with record keys (perturbed readers) | ${ms(figures.groupByWithRecordKeys.p50)} | ${ms(figures.groupByWithRecordKeys.p95)} | ${figures.groupByWithRecordKeys.samples} |`,
    `| rows into Node, counted there | ${ms(figures.rowsIntoNode.p50)} | ${ms(figures.rowsIntoNode.p95)} | ${figures.rowsIntoNode.samples} |`, '',
    `Speed-up of p50 within each round: ${ratios.map((r) => `${r.toFixed(1)}×`).join(', ')}.`,
    `Record keys cost (keyed p50 ÷ plain p50) within each round: ${keyCosts.map((r) => `${r.toFixed(2)}×`).join(', ')}.`, '',
  ].join('\n'));
  console.log(JSON.stringify(figures, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
