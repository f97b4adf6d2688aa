import autocannon from 'autocannon';
import { startDeployment } from './deployment';
import { cpuMs } from './processes';
import { QUERIES, type QueryName } from './deployment-bench';

/**
 * `tsx bench/deployment/profile-pool.ts [query] [seconds] [target]`: one
 * target of the deployment bench loaded alone at 20 connections, with the CPU
 * time of each of its processes per request, so a profile
 * (BENCH_CPU_PROFILE_DIR) can be read against where the time goes.
 */
async function main(): Promise<void> {
  const [queryName = 'students-20-school-class', secondsText = '10', targetName = 'pool'] = process.argv.slice(2);
  const query = QUERIES[queryName as QueryName];
  if (!query) throw new Error(`unknown query ${queryName}; known: ${Object.keys(QUERIES).join(', ')}`);
  const deployment = await startDeployment((line) => process.stderr.write(`${line}\n`), process.env.BENCH_CPU_PROFILE_DIR || undefined);
  try {
    const target = deployment.targets.find((t) => t.name === targetName)!;
    const body = JSON.stringify({ query });
    const headers = { 'content-type': 'application/json', ...target.headers };
    const probe = await fetch(target.url, { method: 'POST', headers, body });
    const probeText = await probe.text();
    if (!probe.ok || probeText.includes('"errors"')) throw new Error(`${target.name} answered ${probe.status}: ${probeText.slice(0, 400)}`);
    await autocannon({ url: target.url, method: 'POST', body, headers, duration: 2, connections: 20 });
    const before = await Promise.all(target.processes.map((part) => cpuMs(part.pid)));
    const result = await autocannon({ url: target.url, method: 'POST', body, headers, duration: Number(secondsText), connections: 20 });
    const after = await Promise.all(target.processes.map((part) => cpuMs(part.pid)));
    const requests = result.requests.total;
    process.stdout.write(`${target.name} ${queryName}: ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}\n`);
    target.processes.forEach((part, i) => process.stdout.write(`  ${part.name}: ${((after[i]! - before[i]!) / requests).toFixed(2)} CPU-ms/request\n`));
  } finally {
    await deployment.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
