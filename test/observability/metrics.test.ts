import { spawnSync } from 'node:child_process';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Issue 11 item 6, metrics: every part's /metrics, behind METRICS_TOKEN,
 * counts what the requests of this file did — by operation and outcome,
 * refusals by code and resource, legacy calls by system, audit commits, the
 * hot state's mode, the permissions cache — in names and types that
 * `promtool check metrics` accepts (Debian's prometheus package; without it, a
 * parser of the text format checks the same rules).
 */
const METRICS_TOKEN = 'metrics-token-of-this-test-0123';
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool({ METRICS_TOKEN });
});

afterAll(async () => {
  await pool?.close();
});

async function scrape(graphqlUrl: string, authorization?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), { headers: authorization ? { authorization } : {} });
  return { status: response.status, text: await response.text() };
}

/** The sum of the samples of one metric whose labels include the given ones; undefined when none has them. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}

it('refuses /metrics without the token, or with another, and says what to send', async () => {
  const none = await scrape(pool.url);
  expect(none.status).toBe(401);
  expect(JSON.parse(none.text)).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/Bearer/) })] });
  expect((await scrape(pool.url, 'Bearer not-the-metrics-token-at-all')).status).toBe(401);
  expect((await scrape(pool.url, `Basic ${METRICS_TOKEN}`)).status).toBe(401);
  expect((await scrape(pool.pool.subgraphs.student.url)).status).toBe(401);
});

it('counts requests, refusals, legacy calls, audit commits, the hot state and the permissions cache', async () => {
  await pool.graphql('query SchoolCodes { schools(first: 2) { edges { node { code } } } }', { unit: '440100' });
  await pool.graphql('query SchoolCodes { schools(first: 2) { edges { node { code } } } }', { unit: '440100' });
  const refused = await pool.graphql('query IdNumbers { students(first: 2) { edges { node { id idNumber } } } }', { unit: 'GZWJW' });
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('NOT_GRANTED');
  await pool.graphql('{ noSuchField }', { unit: '440100' });
  expect((await pool.graphql('{ __typename }', { token: 'not-a-token' })).status).toBe(401);

  const { status, text } = await scrape(pool.url, `Bearer ${METRICS_TOKEN}`);
  expect(status).toBe(200);
  expect(sample(text, 'edupool_graphql_requests_total', { part: 'gateway', operation: 'SchoolCodes', outcome: 'OK' })).toBe(2);
  expect(sample(text, 'edupool_graphql_requests_total', { part: 'gateway', operation: 'IdNumbers', outcome: 'NOT_GRANTED' })).toBe(1);
  expect(sample(text, 'edupool_graphql_requests_total', { part: 'gateway', operation: 'anonymous', outcome: 'BAD_USER_INPUT' })).toBe(1);
  expect(sample(text, 'edupool_graphql_requests_total', { part: 'gateway', operation: 'unknown', outcome: 'UNAUTHENTICATED' })).toBe(1);
  expect(sample(text, 'edupool_refusals_total', { part: 'gateway', code: 'NOT_GRANTED', resource: 'GZJY-XS-002' })).toBe(1);
  expect(sample(text, 'edupool_refusals_total', { part: 'gateway', code: 'UNAUTHENTICATED', resource: '' })).toBe(1);
  expect(sample(text, 'edupool_graphql_request_duration_seconds_count', { part: 'gateway', operation_type: 'query' })).toBeGreaterThanOrEqual(3);
  expect(sample(text, 'edupool_graphql_requests_total', { part: 'student', outcome: 'OK' })).toBeGreaterThanOrEqual(2);
  expect(sample(text, 'edupool_legacy_call_duration_seconds_count', { system: 'student-status', operation: 'sql', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
  expect(sample(text, 'edupool_audit_commit_duration_seconds_count', { outcome: 'committed' })).toBeGreaterThanOrEqual(3);
  expect(sample(text, 'edupool_audit_queue_depth')).toBe(0);
  expect(sample(text, 'edupool_hot_state_mode', { mode: pool.pool.hotState.kind })).toBe(1);
  expect(sample(text, 'edupool_hot_state_available')).toBe(1);
  expect(sample(text, 'edupool_permission_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'edupool_permission_cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);

  const subgraph = await scrape(pool.pool.subgraphs.teacher.url, `Bearer ${METRICS_TOKEN}`);
  expect(subgraph.status).toBe(200);
  expect(subgraph.text).toContain('edupool_graphql_requests_total');
});

it('keeps a client from growing the operation label without bound', async () => {
  for (let i = 0; i < 3; i += 1) await pool.graphql(`query Weird${'x'.repeat(80)}${i} { __typename }`, { unit: '440100' });
  const { text } = await scrape(pool.url, `Bearer ${METRICS_TOKEN}`);
  expect(sample(text, 'edupool_graphql_requests_total', { part: 'gateway', operation: 'invalid', outcome: 'OK' })).toBe(3);
  expect(text).not.toContain('Weirdxxx');
});

it('names and types every metric as promtool accepts', async () => {
  const { text } = await scrape(pool.url, `Bearer ${METRICS_TOKEN}`);
  const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (promtool.error) {
    expect(formatProblems(text)).toEqual([]);
    return;
  }
  expect({ status: promtool.status, problems: `${promtool.stdout}${promtool.stderr}`.trim() }).toEqual({ status: 0, problems: '' });
});

/** What promtool's lint checks of our own metrics would report, for a machine without it. */
function formatProblems(text: string): string[] {
  const types = new Map<string, string>();
  const problems: string[] = [];
  for (const line of text.split('\n')) {
    const typed = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (typed) types.set(typed[1]!, typed[2]!);
  }
  for (const [name, type] of types) {
    if (!name.startsWith('edupool_')) continue;
    if (!/^[a-z_:][a-z0-9_:]*$/.test(name)) problems.push(`${name}: not snake_case`);
    if (type === 'counter' && !name.endsWith('_total')) problems.push(`${name}: counter without _total`);
    if (type !== 'counter' && name.endsWith('_total')) problems.push(`${name}: _total on a ${type}`);
    if (!text.includes(`# HELP ${name} `)) problems.push(`${name}: no help`);
  }
  return problems;
}
