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
  return { rps: result.requests.average, p99Ms: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts };
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
