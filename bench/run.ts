import { runHotStateBench } from './hot-state-bench';
import { runUnifiedSchemaBench } from './unified-schema-bench';

/**
 * `npm run bench`: every benchmark in turn; each writes its figures (JSON and a
 * Markdown table) to bench/results/. BENCH_SECONDS sets the length of one
 * measurement (default 5), BENCH_ROUNDS the interleaved rounds (default 3),
 * BENCH_ONLY one of them by name (unified-schema, hot-state).
 */
async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'unified-schema') await runUnifiedSchemaBench({ seconds, rounds });
  if (!only || only === 'hot-state') await runHotStateBench({ seconds, rounds });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
