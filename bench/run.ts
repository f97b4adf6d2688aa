import { runDeploymentBench } from './deployment/deployment-bench';
import { runExecutionBench } from './execution-bench';
import { runHotStateBench } from './hot-state-bench';
import { runShareTypesBench } from './share-types-bench';
import { runRateLimitBench } from './rate-limit-bench';
import { runUnifiedSchemaBench } from './unified-schema-bench';

/**
 * `npm run bench`: every benchmark in turn; each writes its figures (JSON and a
 * Markdown table) to bench/results/. BENCH_SECONDS sets the length of one
 * measurement (default 5), BENCH_ROUNDS the interleaved rounds (default 3, at
 * least 3), BENCH_ONLY a comma-separated list of benches to run.
 */
const benches: Record<string, (options: { seconds: number; rounds: number }) => Promise<void>> = {
  deployment: runDeploymentBench,
  execution: runExecutionBench,
  'unified-schema': runUnifiedSchemaBench,
  'share-types': runShareTypesBench,
  'hot-state': runHotStateBench,
  'rate-limits': runRateLimitBench,
};

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean) ?? Object.keys(benches);
  const unknown = only.filter((name) => !benches[name]);
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown benches ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
  for (const name of only) await benches[name]!({ seconds, rounds });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
