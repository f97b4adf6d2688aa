import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runAuditThroughputBench } from './audit/audit-throughput-bench';
import { runExecutionCostBench } from './execution/execution-cost-bench';
import { formatSpread } from './measure';

/**
 * Issue "share types enforced": the execution cost of shield + masks at 1,000
 * rows (goal ≤ 1.5×) and audited requests per second. The pool-against-plain-
 * gateway ratio of the same issue is the unified-schema bench's `pool ÷ plain`
 * column: that pool runs the whole enforcement.
 */
export async function runShareTypesBench(options: { seconds: number; rounds: number }): Promise<void> {
  const execution = await runExecutionCostBench(options);
  const audit = await runAuditThroughputBench(options);
  const folder = path.join(__dirname, 'results');
  await mkdir(folder, { recursive: true });
  const when = new Date().toISOString();
  await writeFile(path.join(folder, 'share-types.json'), `${JSON.stringify({ when, ...options, execution, audit }, null, 2)}\n`);
  const table = [
    `# Share types: enforcement cost and audited throughput (${when})`,
    '',
    `${options.rounds} interleaved rounds of ${options.seconds} s each; median (min–max).`,
    '',
    `## Executing ${execution.rows} student rows in the student subgraph (rows from memory)`,
    '',
    '| guarded (shield + masks) ops/s | plain ops/s | cost ratio guarded ÷ plain (goal ≤ 1.5) |',
    '| --- | --- | --- |',
    `| ${formatSpread(execution.guardedOpsPerSecond, 1)} | ${formatSpread(execution.plainOpsPerSecond, 1)} | ${formatSpread(execution.costRatio)} |`,
    '',
    `## Audited requests per second (${audit.store}, ${audit.concurrency} in flight, hash-chained, committed before answering)`,
    '',
    '| group commit /s | one transaction per entry /s | speed-up | chain intact afterwards |',
    '| --- | --- | --- | --- |',
    `| ${formatSpread(audit.groupCommitPerSecond, 0)} | ${formatSpread(audit.onePerTransactionPerSecond, 0)} | ${formatSpread(audit.speedup)} | ${audit.chainIntact ? 'yes' : 'NO'} |`,
    '',
  ].join('\n');
  await writeFile(path.join(folder, 'share-types.md'), table);
  process.stdout.write(`${table}\n`);
}
