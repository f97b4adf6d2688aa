import { startDeployment } from './deployment';
import { answer, load, QUERIES, type QueryName } from './deployment-bench';

/**
 * `tsx bench/deployment/profile-pool.ts [query] [seconds] [target]`: one
 * target of the deployment bench loaded alone, as in one of its rounds, with
 * the CPU time of each of its processes per request, so a profile
 * (BENCH_CPU_PROFILE_DIR) can be read against where the time goes.
 */
async function main(): Promise<void> {
  const [queryName = 'students-20-school-class', secondsText = '10', targetName = 'pool'] = process.argv.slice(2);
  const query = QUERIES[queryName as QueryName];
  if (!query) throw new Error(`unknown query ${queryName}; known: ${Object.keys(QUERIES).join(', ')}`);
  const deployment = await startDeployment((line) => process.stderr.write(`${line}\n`), process.env.BENCH_CPU_PROFILE_DIR || undefined);
  try {
    const target = deployment.targets.find((t) => t.name === targetName);
    if (!target) throw new Error(`unknown target ${targetName}; known: ${deployment.targets.map((t) => t.name).join(', ')}`);
    const body = await answer(target, query);
    await load(target, query, 2, body);
    const round = await load(target, query, Number(secondsText), body);
    process.stdout.write(`${target.name} ${queryName}: ${round.rps} req/s, p50 ${round.p50Ms} ms, p99 ${round.p99Ms} ms, failed ${round.failures}\n`);
    for (const [part, ms] of Object.entries(round.cpuMsPerRequestByProcess)) process.stdout.write(`  ${part}: ${ms.toFixed(2)} CPU-ms/request\n`);
    process.stdout.write(`  PostgreSQL, Redis and legacy stand-ins: ${round.sharedCpuMsPerRequest.toFixed(2)} CPU-ms/request\n`);
  } finally {
    await deployment.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
