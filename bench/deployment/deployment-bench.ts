import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { formatSpread, spread, type Spread } from '../measure';
import { BENCH_METRICS_TOKEN, startDeployment, type Target } from './deployment';
import { cpuMs, sharedServerPids, totalCpuMsOf } from './processes';
import { writeDeploymentResults } from './deployment-results';

/**
 * `npm run bench` (deployment): the full pool against a plain @apollo/gateway
 * and Hive Gateway over the same subgraph code, side by side in one run,
 * every part its own process (bench/deployment/deployment.ts). For each query
 * and round each target is loaded in turn (interleaved), and its figures are
 * req/s, p50/p99 and the CPU time of all its processes per request
 * (/proc/<pid>/stat before and after). Legacy calls per request are counted
 * exactly, from each subgraph's counters, on one request per target.
 */
export const QUERIES = {
  'students-20-head-teacher-title': '{ students(first: 20) { edges { node { id name school { name } class { name headTeacher { name title { name } } } } } } }',
  'students-20-school-class': '{ students(first: 20) { edges { node { id name school { name } class { name } } } } }',
  'students-100': '{ students(first: 100) { edges { node { id name school { name } class { name headTeacher { name } } } } } }',
  'students-500': '{ students(first: 500) { edges { node { id name school { name } class { name headTeacher { name } } } } } }',
} as const;
export type QueryName = keyof typeof QUERIES;
const CONNECTIONS = 20;
const FAILURE_SAMPLES = 3;

export interface RoundFigures {
  readonly rps: number;
  /** Responses that were not 2xx or whose body differed from the target's checked answer (errors in a 200 included). */
  readonly failures: number;
  /** What the first few failures were (a status, a transport error, or the start of a differing body), so a failure is explained, not just counted. */
  readonly failureSamples: ReadonlyArray<string>;
  /** Legacy calls during the load ÷ requests: equal to the single request's count unless some gateway deduplicated. */
  readonly legacyCallsPerRequest: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMsPerRequest: number;
  /** The same, for each of the target's processes by name (where a target's time goes). */
  readonly cpuMsPerRequestByProcess: Readonly<Record<string, number>>;
  /** CPU time of the PostgreSQL and Redis servers (every backend) and the legacy stand-ins during the round, per request. */
  readonly sharedCpuMsPerRequest: number;
}

export interface TargetFigures {
  readonly rounds: RoundFigures[];
  readonly legacyCallsPerRequest: Record<string, number>;
  readonly sameDataAsPlain: boolean;
}

export type DeploymentFigures = Record<QueryName, Record<Target['name'], TargetFigures>>;

export async function runDeploymentBench(options: { seconds: number; rounds: number }): Promise<void> {
  const log = (line: string) => process.stderr.write(`deployment bench: ${line}\n`);
  const deployment = await startDeployment(log, process.env.BENCH_CPU_PROFILE_DIR || undefined);
  const loadBefore = loadavg();
  try {
    const figures = {} as DeploymentFigures;
    const answers = new Map<Target, string>();
    for (const query of Object.keys(QUERIES) as QueryName[]) {
      figures[query] = {} as Record<Target['name'], TargetFigures>;
      const plainData = await answer(deployment.targets.find((t) => t.name === 'plain')!, QUERIES[query]);
      // Counted before any load, so that no other request is in flight.
      for (const target of deployment.targets) {
        const { calls, body } = await countedAnswer(target, QUERIES[query]);
        figures[query][target.name] = { rounds: [], legacyCallsPerRequest: calls, sameDataAsPlain: dataOf(body) === dataOf(plainData) };
        answers.set(target, body);
      }
      for (const target of deployment.targets) await load(target, QUERIES[query], 1, answers.get(target)!);
      for (let round = 0; round < options.rounds; round += 1) {
        for (const target of deployment.targets) {
          const result = await load(target, QUERIES[query], options.seconds, answers.get(target)!);
          figures[query][target.name].rounds.push(result);
          log(`${query} round ${round + 1} ${target.name}: ${result.rps.toFixed(1)} req/s, ${result.failures} failed${result.failureSamples.length > 0 ? ` (${result.failureSamples.join(' | ')})` : ''}, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.cpuMsPerRequest.toFixed(2)} CPU-ms/request`);
        }
      }
    }
    await writeDeploymentResults({ ...options, connections: CONNECTIONS, loadAverage: { before: loadBefore, after: loadavg() } }, figures);
  } finally {
    await deployment.stop();
  }
}

/** The target's whole response body to the query, checked free of errors: under load every response must equal it. */
export async function answer(target: Target, query: string): Promise<string> {
  const response = await fetch(target.url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${target.name} failed the bench query (${response.status}): ${JSON.stringify(body.errors)}`);
  return text;
}

const dataOf = (body: string) => JSON.stringify((JSON.parse(body) as { data: unknown }).data);

async function legacyCalls(target: Target): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const url of target.metricsUrls) {
    const text = await (await fetch(url, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
    for (const [, system, value] of text.matchAll(/^edupool_legacy_calls_total\{[^}]*system="([^"]+)"[^}]*\} (\d+)/gm)) {
      totals[system!] = (totals[system!] ?? 0) + Number(value);
    }
  }
  return totals;
}

async function countedAnswer(target: Target, query: string): Promise<{ calls: Record<string, number>; body: string }> {
  const before = await legacyCalls(target);
  const body = await answer(target, query);
  const after = await legacyCalls(target);
  const calls = Object.fromEntries(Object.keys(after).map((system) => [system, after[system]! - (before[system] ?? 0)]).filter(([, n]) => n !== 0));
  return { calls, body };
}

/** Waits until the target's legacy call counters stop moving: the requests a previous load left in flight have finished. */
async function settled(target: Target): Promise<Record<string, number>> {
  let last = JSON.stringify(await legacyCalls(target));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await legacyCalls(target);
    if (JSON.stringify(now) === last) return now;
    last = JSON.stringify(now);
  }
}

/** One round: `seconds` of load at 20 connections, every response checked against `expectBody`. */
export async function load(target: Target, query: string, seconds: number, expectBody: string): Promise<RoundFigures> {
  const callsBefore = await settled(target);
  const cpuBefore = await Promise.all(target.processes.map((part) => cpuMs(part.pid)));
  const sharedBefore = await totalCpuMsOf([...await sharedServerPids(), ...target.sharedProcesses.map((part) => part.pid)]);
  const failureSamples = new Set<string>();
  const sample = (what: string) => {
    if (failureSamples.size < FAILURE_SAMPLES) failureSamples.add(what.slice(0, 300));
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({
      url: target.url, method: 'POST', body: JSON.stringify({ query }),
      headers: { 'content-type': 'application/json', ...target.headers }, duration: seconds, connections: CONNECTIONS,
      verifyBody: (body) => {
        const same = typeof body === 'string' && sameAnswer(body, expectBody);
        if (!same) sample(`differing body: ${String(body)}`);
        return same;
      },
    }, (error, finished) => (error ? reject(error) : resolve(finished)));
    run.on('response', (_client, statusCode) => {
      if (statusCode < 200 || statusCode > 299) sample(`HTTP ${statusCode}`);
    });
    run.on('reqError', (error) => sample(`request error: ${String(error)}`));
  });
  const cpuAfter = await Promise.all(target.processes.map((part) => cpuMs(part.pid)));
  // Backends that started during the round count from zero; those that ended are left out (their last ticks are lost).
  const sharedAfter = await totalCpuMsOf([...new Set([...sharedBefore.keys(), ...await sharedServerPids()]), ...target.sharedProcesses.map((part) => part.pid)]);
  const sharedUsed = [...sharedAfter].reduce((sum, [pid, ms]) => sum + ms - (sharedBefore.get(pid) ?? 0), 0);
  // The legacy calls of the requests still in flight when the load stopped belong to this round, not to the next target's.
  const callsAfter = await settled(target);
  const calls = Object.keys(callsAfter).reduce((sum, system) => sum + callsAfter[system]! - (callsBefore[system] ?? 0), 0);
  // A failed request is answered faster than a served one: the table shows every round's failures beside its rate.
  const failures = result.non2xx + result.errors + result.timeouts + result.mismatches;
  const perRequest = (ms: number) => (result.requests.total > 0 ? ms / result.requests.total : Number.NaN);
  const used = target.processes.map((part, i) => [part.name, cpuAfter[i]! - cpuBefore[i]!] as const);
  return {
    rps: result.requests.average, failures, failureSamples: [...failureSamples], legacyCallsPerRequest: calls / Math.max(1, result.requests.total), p50Ms: result.latency.p50, p99Ms: result.latency.p99,
    cpuMsPerRequest: perRequest(used.reduce((sum, [, ms]) => sum + ms, 0)),
    cpuMsPerRequestByProcess: Object.fromEntries(used.map(([name, ms]) => [name, perRequest(ms)])),
    sharedCpuMsPerRequest: perRequest(sharedUsed),
  };
}

/**
 * autocannon decodes a response body chunk by chunk (`body += buffer`), so a
 * Chinese character split across two TCP reads arrives as U+FFFD: a long
 * answer of names "differed" on every target alike. Such a body is compared
 * on everything but its non-ASCII characters (structure, ids, codes, and any
 * error the answer carries), which the split cannot touch.
 */
function sameAnswer(body: string, expected: string): boolean {
  if (body === expected) return true;
  if (!body.includes('\uFFFD')) return false;
  const asciiOf = (text: string) => text.replace(/[^ -~]/g, '');
  return asciiOf(body) === asciiOf(expected);
}

export function ratio(figures: Record<Target['name'], TargetFigures>, over: Target['name'], under: Target['name']): Spread {
  return spread(figures[over].rounds.map((round, i) => round.rps / figures[under].rounds[i]!.rps));
}

export { formatSpread };
