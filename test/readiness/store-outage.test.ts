import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Liveness, readiness and a governance store outage (issue 11 item 2): the
 * pool's store is a PostgreSQL of this file's own, killed and started again.
 * While it is down the gateway still answers /health, /ready names the store
 * as down, and every request that needs the store is UPSTREAM_UNAVAILABLE
 * with HTTP 503 and Retry-After, never 500. When it is back, the pool serves
 * again without a restart.
 */
let postgres: PrivatePostgres;
let pool: TestPool;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  pool = await startTestPool({ DATABASE_URL: postgres.url });
});

afterAll(async () => {
  await postgres?.start().catch(() => undefined);
  await pool?.close();
  await postgres?.destroy();
});

const origin = () => pool.url.replace(/\/graphql$/, '');

async function ready(): Promise<{ status: number; retryAfter: string | null; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(`${origin()}/ready`);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() as never };
}

/** Requests that each need the store: reading data (grants, then the audit append), the governance subgraph, a grant-changing mutation. */
const NEEDS_STORE: ReadonlyArray<[string, string, string]> = [
  ['a data query', '{ teachers(first: 2) { edges { node { name } } } }', '440100'],
  ['a governance query', '{ shareApplications { id status } }', 'GZRSJ'],
  ['a school directory query', '{ schools(first: 3) { edges { node { code name } } } }', '440106'],
];

async function raw(query: string, unit: string): Promise<{ status: number; retryAfter: string | null; text: string }> {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await pool.token(unit)}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
}

it('is ready with every part named while everything is up', async () => {
  const { status, body } = await ready();
  expect(status).toBe(200);
  expect(body.status).toBe('ready');
  expect(body.checks).toEqual({
    'governance-store': 'up',
    'hot-state': 'up',
    'subgraph:student': 'up',
    'subgraph:teacher': 'up',
    'subgraph:facility': 'up',
    'subgraph:governance': 'up',
    'legacy:student-status': 'up',
    'legacy:teacher-hr': 'up',
    'legacy:facility-exports': 'up',
  });
  for (const [, query, unit] of NEEDS_STORE) expect((await raw(query, unit)).status).toBe(200);
});

describe('with the governance store killed', () => {
  beforeAll(async () => {
    await postgres.kill();
  });

  it('/health still answers: the process is alive', async () => {
    const response = await fetch(`${origin()}/health`);
    expect(response.status).toBe(200);
  });

  it('/ready is 503 with Retry-After and names the store (and the governance subgraph) as down, the rest up', async () => {
    const { status, retryAfter, body } = await ready();
    expect(status).toBe(503);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(body.status).toBe('not ready');
    expect(body.checks).toMatchObject({
      'governance-store': 'down', 'subgraph:governance': 'down', 'hot-state': 'up', 'subgraph:student': 'up', 'legacy:teacher-hr': 'up',
    });
  });

  it.each(NEEDS_STORE)('%s is UPSTREAM_UNAVAILABLE (governance), HTTP 503 with Retry-After, never 500', async (_case, query, unit) => {
    const { status, retryAfter, text } = await raw(query, unit);
    expect(status).toBe(503);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const body = JSON.parse(text) as { data?: unknown; errors: Array<{ extensions: { code: string; system?: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors.map((e) => e.extensions.code)).toContain('UPSTREAM_UNAVAILABLE');
    expect(body.errors.map((e) => e.extensions.code)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(body.errors.find((e) => e.extensions.code === 'UPSTREAM_UNAVAILABLE')?.extensions.system).toBe('governance');
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|at \w+ \(/);
  });
});

describe('with the governance store back', () => {
  beforeAll(async () => {
    await postgres.start();
  });

  it('the pool recovers by itself: ready again, and every request served', async () => {
    // The pool's connections to the killed server are broken; it must replace them on its own.
    let answer = await ready();
    while (answer.status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await ready();
    }
    expect(answer.body.checks['governance-store']).toBe('up');
    for (const [, query, unit] of NEEDS_STORE) {
      let reply = await raw(query, unit);
      // Grants are re-read on the next poll: a few requests may still meet the outage, none may meet a 500.
      while (reply.status === 503) reply = await raw(query, unit);
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text).errors).toBeUndefined();
    }
  });
});
