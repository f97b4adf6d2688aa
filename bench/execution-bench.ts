import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runExecutionCostBench } from './execution/execution-cost-bench';
import { runPageCostBench } from './execution/page-cost-bench';
import { formatSpread } from './measure';

/**
 * The student subgraph's execution, rows from memory (issue 10, item 5): CPU
 * time of a 20-row page guarded and unguarded (goal ≤ 0.5 CPU-ms unguarded,
 * guarded ≤ 1.3 ×), and shield + masks at 1,000 rows against plain execution
 * (goal ≤ 1.5 ×). CPU time, not wall time: other load on the machine stays out.
 */
export async function runExecutionBench(options: { seconds: number; rounds: number }): Promise<void> {
  const page = await runPageCostBench(options);
  const rows = await runExecutionCostBench(options);
  const folder = path.join(__dirname, 'results');
  await mkdir(folder, { recursive: true });
  const when = new Date().toISOString();
  await writeFile(path.join(folder, 'execution.json'), `${JSON.stringify({ when, ...options, page, rows }, null, 2)}\n`);
  const table = [
    `# Student subgraph execution cost (${when})`,
    '',
    `${options.rounds} interleaved rounds; median (min–max); CPU time of the process per operation.`,
    '',
    '| measure | guarded | unguarded / plain | guarded ÷ unguarded | goal |',
    '| --- | --- | --- | --- | --- |',
    `| ${page.rows}-row page, Apollo server as served (CPU-ms/op) | ${formatSpread(page.guardedCpuMsPerOp, 3)} | ${formatSpread(page.unguardedCpuMsPerOp, 3)} | ${formatSpread(page.costRatio)} | unguarded ≤ 0.5 ms, ratio ≤ 1.3 |`,
    `| ${rows.rows} rows, shield + masks vs plain execution (CPU-ms/op) | ${formatSpread(rows.guardedCpuMsPerOp, 1)} | ${formatSpread(rows.plainCpuMsPerOp, 1)} | ${formatSpread(rows.costRatio)} | ratio ≤ 1.5 |`,
    '',
  ].join('\n');
  await writeFile(path.join(folder, 'execution.md'), table);
  process.stdout.write(`${table}\n`);
}
