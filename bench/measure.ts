import autocannon from 'autocannon';

/** Load figures of one target: requests per second and 99th-percentile latency. */
export interface LoadFigures {
  readonly rps: number;
  readonly p99Ms: number;
  readonly failures: number;
}

export interface LoadTarget {
  readonly url: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

export async function measureLoad(target: LoadTarget, seconds: number, connections = 10): Promise<LoadFigures> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    body: target.body,
    headers: { 'content-type': 'application/json', ...target.headers },
    duration: seconds,
    connections,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  // A refused or failed request is answered faster than a served one: a rate with failures in it measures the wrong thing.
  if (failures > 0) throw new Error(`${target.url}: ${failures} of ${result.requests.total} requests failed (${result.non2xx} non-2xx); no figure is reported`);
  return { rps: result.requests.average, p99Ms: result.latency.p99, failures };
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: ReadonlyArray<number>): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

export function formatSpread(s: Spread, digits = 2): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
