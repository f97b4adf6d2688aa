import { access } from 'node:fs/promises';
import type { Pool } from 'pg';
import { connectPgClient } from './pg-clients';
import type { HotState } from './hot-state';

/**
 * Readiness (`GET /ready`), apart from liveness (`GET /health`, "the process
 * answers"): whether every system a part needs is reachable now. Each probe is
 * named, so an operator reading a 503 sees which one is down; a balancer or an
 * orchestrator takes the part out of rotation until it is ready again.
 */
export interface Probe {
  /** What is checked, as operators name it: `governance-store`, `hot-state`, `subgraph:student`, `legacy:teacher-hr`. */
  readonly name: string;
  /**
   * Resolves when reachable; rejects (or outlasts PROBE_TIMEOUT_MS) when not.
   * A probe of another part may resolve to that part's own checks, reported
   * beside its own (the gateway names the legacy system behind a subgraph).
   */
  check(): Promise<unknown>;
}

export type CheckState = 'up' | 'down';

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckState>>;
}

/** Longest one probe may take; a store that answers slower than this is not ready to serve requests either. */
export const PROBE_TIMEOUT_MS = 2_000;

/** Runs every probe at once; ready when all are up. Never throws. */
export async function checkReadiness(probes: ReadonlyArray<Probe>): Promise<Readiness> {
  const results = await Promise.all(probes.map(async (probe) => ({ name: probe.name, ...(await runProbe(probe)) })));
  const checks: Record<string, CheckState> = {};
  for (const result of results) {
    checks[result.name] = result.state;
    Object.assign(checks, result.nested);
  }
  return { ready: results.every((result) => result.state === 'up'), checks };
}

async function runProbe(probe: Probe): Promise<{ state: CheckState; nested: Record<string, CheckState> }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS);
  });
  try {
    const nested = await Promise.race([probe.check(), timeout]);
    return { state: 'up', nested: isChecks(nested) ? nested : {} };
  } catch (error) {
    return { state: 'down', nested: error instanceof PartNotReady ? error.checks : {} };
  } finally {
    clearTimeout(timer);
  }
}

function isChecks(value: unknown): value is Record<string, CheckState> {
  return typeof value === 'object' && value !== null && Object.values(value).every((state) => state === 'up' || state === 'down');
}

class PartNotReady extends Error {
  constructor(readonly checks: Record<string, CheckState>) {
    super('not ready');
  }
}

/** A PostgreSQL pool answers a trivial statement. */
export function postgresProbe(name: string, pool: Pick<Pool, 'query'>): Probe {
  return { name, check: () => pool.query('SELECT 1') };
}

/** A PostgreSQL server at a URL accepts a connection and answers (a short-lived connection: the part's pool is its adapter's). */
export function postgresUrlProbe(name: string, url: string): Probe {
  return {
    name,
    check: async () => {
      const client = await connectPgClient(url, () => undefined, PROBE_TIMEOUT_MS);
      try {
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

/** The hot state: Redis answers PING; memory mode is always there. */
export function hotStateProbe(hotState: HotState): Probe {
  return {
    name: 'hot-state',
    check: async () => {
      if (!hotState.redis) return;
      if (!hotState.isAvailable()) throw new Error('redis unavailable');
      await hotState.redis.ping();
    },
  };
}

/** An HTTP system answers at all (any status: the stand-in wants a key, a real API may too). */
export function httpProbe(name: string, url: string): Probe {
  return { name, check: () => fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then((response) => response.body?.cancel()) };
}

/** A folder the part reads (the facility exports) is there and readable. */
export function directoryProbe(name: string, directory: string): Probe {
  return { name, check: () => access(directory) };
}

/** Another part's own `/ready`: up when that part is ready, its checks reported beside this one. */
export function partProbe(name: string, readyUrl: string): Probe {
  return {
    name,
    check: async () => {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      const body = await response.json().catch(() => ({})) as { checks?: unknown };
      const checks = isChecks(body.checks) ? body.checks : {};
      if (!response.ok) throw new PartNotReady(checks);
      return checks;
    },
  };
}
