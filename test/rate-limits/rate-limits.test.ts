import { startSecondGateway, type SecondGateway } from '../support/second-gateway';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Rate limits over HTTP, with small allowances: a token past its allowance
 * and a unit past its own are refused with RATE_LIMITED (HTTP 429, Retry-After)
 * before any GraphQL or legacy work; other tokens and units go on. Two
 * gateway instances count against one allowance when they share Redis
 * (REDIS_URL set); without it each instance counts alone in its memory,
 * which is what the embedded default promises.
 */
const TOKEN_LIMIT = 4;
const UNIT_LIMIT = 6;
const QUERY = '{ schools(first: 2) { edges { node { name } } } }';

let pool: TestPool;
let second: SecondGateway;

beforeAll(async () => {
  pool = await startTestPool({ RATE_LIMIT_TOKEN_PER_MINUTE: String(TOKEN_LIMIT), RATE_LIMIT_UNIT_PER_MINUTE: String(UNIT_LIMIT) });
  second = await startSecondGateway(pool);
});

afterAll(async () => {
  await second?.close();
  await pool?.close();
});

async function call(url: string, token: string | null, query = QUERY) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = await response.json() as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describe('one gateway', () => {
  it('serves a token up to its allowance, then refuses it with 429, RATE_LIMITED, retryAfterSeconds and Retry-After, at no legacy cost', async () => {
    const token = await pool.token('440106');
    for (let i = 0; i < TOKEN_LIMIT; i += 1) {
      const reply = await call(pool.url, token);
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toBeUndefined();
    }
    pool.studentQueries.length = 0;
    const refused = await call(pool.url, token);
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([{ message: expect.stringMatching(/Retry after \d+ s/), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }]);
    const wait = refused.body.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.retryAfter).toBe(String(wait));
    expect(pool.studentQueries).toEqual([]);
  });

  it('refuses every further token of a unit past the unit allowance, and serves another unit', async () => {
    // 440106 has used 5 of 6 above (4 served, 1 refused: a refused request still counts).
    const fresh = await call(pool.url, await pool.token('440106'));
    expect(fresh.status).toBe(200);
    const over = await call(pool.url, await pool.token('440106'));
    expect(over.status).toBe(429);
    expect(over.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    const other = await call(pool.url, await pool.token('440104'));
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
  });

  it('answers a bad token UNAUTHENTICATED (401), not RATE_LIMITED, and does not count it', async () => {
    for (let i = 0; i < TOKEN_LIMIT + 1; i += 1) {
      const reply = await call(pool.url, 'not-a-token');
      expect(reply.status).toBe(401);
      expect(reply.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(reply.retryAfter).toBeNull();
    }
  });
});

describe('two gateway instances', () => {
  const shared = !!process.env.REDIS_URL;

  it(shared ? 'count one token against one allowance through Redis' : 'each count alone in process memory (no REDIS_URL)', async () => {
    const token = await pool.token('440111');
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_LIMIT - 1; i += 1) statuses.push((await call(pool.url, token)).status);
    for (let i = 0; i < TOKEN_LIMIT - 1; i += 1) statuses.push((await call(second.url, token)).status);
    const served = statuses.filter((s) => s === 200).length;
    expect(served).toBe(shared ? TOKEN_LIMIT : 2 * (TOKEN_LIMIT - 1));
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
  });
});
