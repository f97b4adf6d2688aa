import { Counter, Histogram } from 'prom-client';
import type { LegacySystem } from '../policies/errors';
import { withClientSpan } from './observability/tracing';

/**
 * Every call an adapter makes to a legacy system (SQL statements, teacher API
 * requests, CSV file reads) goes through `legacyCall`: it is counted, timed
 * and traced as a client span of the request that caused it. Batching is
 * proven by the counts, never by timing; all are exported on /metrics, and
 * the counts are readable in-process.
 */
const legacyCalls = new Counter({
  name: 'edupool_legacy_calls_total',
  help: 'Calls made to a legacy system, by system and operation',
  labelNames: ['system', 'operation'] as const,
});

const legacyCallSeconds = new Histogram({
  name: 'edupool_legacy_call_duration_seconds',
  help: 'Time a legacy system took to answer one call, by system, operation and outcome (ok or failed)',
  labelNames: ['system', 'operation', 'outcome'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/**
 * Runs one legacy call. `work` gets the W3C trace-context headers, for a
 * system reached over HTTP to pass on; the others ignore them.
 */
export async function legacyCall<T>(system: LegacySystem, operation: string, work: (traceHeaders: Record<string, string>) => Promise<T>): Promise<T> {
  legacyCalls.inc({ system, operation });
  const stop = legacyCallSeconds.startTimer({ system, operation });
  try {
    const result = await withClientSpan(`${system} ${operation}`, { 'edupool.legacy.system': system, 'edupool.legacy.operation': operation }, work);
    stop({ outcome: 'ok' });
    return result;
  } catch (error) {
    stop({ outcome: 'failed' });
    throw error;
  }
}

/** Total calls per system so far in this process. */
export async function legacyCallTotals(): Promise<Record<string, number>> {
  const metric = await legacyCalls.get();
  const totals: Record<string, number> = {};
  for (const value of metric.values) {
    const system = String(value.labels.system);
    totals[system] = (totals[system] ?? 0) + value.value;
  }
  return totals;
}
