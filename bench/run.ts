import { runRateLimitBench } from './rate-limit-bench';
import { runUnifiedSchemaBench } from './unified-schema-bench';

/**
 * `npm run bench`: every benchmark in turn; each writes its figures (JSON and a
 * Markdown table) to bench/results/. BENCH_SECONDS sets the length of one
 * measurement (default 5), BENCH_ROUNDS the interleaved rounds (default 3),
 * BENCH_ONLY one benchmark by name (unified-schema, rate-limits).
 */
const benches: Record<string, (options: { seconds: number; rounds: number }) => Promise<void>> = {
  'unified-schema': runUnifiedSchemaBench,
  'rate-limits': runRateLimitBench,
};

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
  const only = process.env.BENCH_ONLY;
  if (only && !benches[only]) throw new Error(`BENCH_ONLY=${only}: use one of ${Object.keys(benches).join(', ')}`);
  for (const [name, run] of Object.entries(benches)) if (!only || only === name) await run({ seconds, rounds });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
