import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatSpread, spread } from '../measure';
import { ratio, type DeploymentFigures, type QueryName, type TargetFigures } from './deployment-bench';

export interface RunSettings {
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly loadAverage: { readonly before: number[]; readonly after: number[] };
}

const TARGET_LABELS = { pool: 'full pool', plain: 'plain @apollo/gateway', hive: 'Hive Gateway' } as const;

/** bench/results/deployment.json (every round) and deployment.md (medians, ranges and ratios). */
export async function writeDeploymentResults(settings: RunSettings, figures: DeploymentFigures): Promise<void> {
  const when = new Date().toISOString();
  const folder = path.join(__dirname, '..', 'results');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'deployment.json'), `${JSON.stringify({ when, ...settings, figures }, null, 2)}\n`);
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  const lines = [
    `# Deployment bench (${when})`,
    '',
    `Every part its own process, NODE_ENV=production, PostgreSQL and Redis; ${settings.rounds} interleaved rounds of ${settings.seconds} s,`,
    `${settings.connections} connections; median (min–max) over rounds. Load average before: ${load(settings.loadAverage.before)}, after: ${load(settings.loadAverage.after)}.`,
    'CPU-ms per request: user + system time of all the target\'s processes (gateway and subgraphs). Shared CPU-ms: PostgreSQL (every backend: legacy reads, and for the pool the audit), Redis and the legacy stand-ins during the target\'s rounds; only one target is loaded at a time, so it is that target\'s.',
    '',
    '| query | target | req/s | p50 ms | p99 ms | CPU-ms / request | shared CPU-ms / request | total | failed responses (all rounds) | legacy calls / request (one request) | legacy calls / request under load | same data as plain |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const query of Object.keys(figures) as QueryName[]) {
    for (const [name, target] of Object.entries(figures[query]) as Array<[keyof typeof TARGET_LABELS, TargetFigures]>) {
      const of = (pick: (r: TargetFigures['rounds'][number]) => number, digits: number) => formatSpread(spread(target.rounds.map(pick)), digits);
      const calls = Object.entries(target.legacyCallsPerRequest).map(([system, n]) => `${system} ${n}`).join(', ') || 'none';
      lines.push(`| ${query} | ${TARGET_LABELS[name]} | ${of((r) => r.rps, 1)} | ${of((r) => r.p50Ms, 0)} | ${of((r) => r.p99Ms, 0)} | ${of((r) => r.cpuMsPerRequest, 2)} | ${of((r) => r.sharedCpuMsPerRequest, 2)} | ${of((r) => r.cpuMsPerRequest + r.sharedCpuMsPerRequest, 2)} | ${target.rounds.reduce((sum, r) => sum + r.failures, 0)} | ${calls} | ${of((r) => r.legacyCallsPerRequest, 2)} | ${target.sameDataAsPlain ? 'yes' : 'no'} |`);
    }
  }
  lines.push('', '| query | pool ÷ plain (req/s) | pool ÷ Hive (req/s) |', '| --- | --- | --- |');
  for (const query of Object.keys(figures) as QueryName[]) {
    lines.push(`| ${query} | ${formatSpread(ratio(figures[query], 'pool', 'plain'))} | ${formatSpread(ratio(figures[query], 'pool', 'hive'))} |`);
  }
  const failed = (Object.keys(figures) as QueryName[]).flatMap((query) => (Object.entries(figures[query]) as Array<[keyof typeof TARGET_LABELS, TargetFigures]>)
    .flatMap(([name, target]) => target.rounds.flatMap((r, round) => r.failureSamples.map((what) => `- ${query}, ${TARGET_LABELS[name]}, round ${round + 1}: ${what.replaceAll('|', '\\|')}`))));
  if (failed.length > 0) lines.push('', 'Failed responses (the first few of each round):', '', ...failed);
  const table = `${lines.join('\n')}\n`;
  await writeFile(path.join(folder, 'deployment.md'), table);
  process.stdout.write(table);
}
