import { Counter, register } from 'prom-client';
import type { LegacySystem } from '../policies/errors';

/**
 * Counts every call an adapter makes to a legacy system (SQL statements,
 * teacher API requests, CSV file reads). Batching is proven by these counts,
 * never by timing; they are exported on /metrics and readable in-process.
 */
const legacyCalls = new Counter({
  name: 'edupool_legacy_calls_total',
  help: 'Calls made to a legacy system, by system and operation',
  labelNames: ['system', 'operation'] as const,
});

export function countLegacyCall(system: LegacySystem, operation: string): void {
  legacyCalls.inc({ system, operation });
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

export function metricsText(): Promise<string> {
  return register.metrics();
}

export const metricsContentType = register.contentType;
