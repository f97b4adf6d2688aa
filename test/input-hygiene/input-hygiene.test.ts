import { startTestPool, type TestPool } from '../support/test-pool';
import { HOSTILE_KINDS, hostileRequests, type HostileRequest } from './hostile-requests';

/**
 * Input hygiene (issue 11 item 7), against the real gateway over HTTP: a
 * repeated directive is refused once, at the first repeat; a client's names
 * are echoed cut to a prefix; and 10,000 generated hostile requests (a fixed
 * seed, so a failure repeats) get no 5xx, no stack, no internal address, and
 * leave the gateway answering.
 */
const SEED = 20_261_207;
const COUNT = 10_000;
/** Requests in flight at once, over keep-alive connections. */
const CONCURRENCY = 16;

let pool: TestPool;
let internalAddresses: string[];

beforeAll(async () => {
  // The fuzz run is thousands of requests a minute from one token: the rate limits would answer most of them.
  pool = await startTestPool({ RATE_LIMIT_UNIT_PER_MINUTE: '0', RATE_LIMIT_TOKEN_PER_MINUTE: '0' });
  const { subgraphs, legacy } = pool.pool;
  internalAddresses = [...Object.values(subgraphs).map((part) => new URL(part.url).host), new URL(legacy.teacherApiUrl).host, new URL(legacy.studentDbUrl).host];
});

afterAll(async () => {
  await pool?.close();
});

async function post(body: unknown): Promise<{ status: number; text: string; errors: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await pool.token('440100')}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, errors: (JSON.parse(text) as { errors?: [] }).errors ?? [] };
}

describe('a repeated directive', () => {
  it.each([2, 10, 49])('repeated %i times is one error, at the first repeat', async (times) => {
    const { status, errors } = await post({ query: `{ __typename ${'@aa'.repeat(times)} }` });
    expect(status).toBe(400);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]!.message).toMatch(/@aa/);
  });

  it('repeated past the directive or token limit is one error too, naming the limit', async () => {
    for (const times of [60, 1_000]) {
      const { status, errors } = await post({ query: `{ __typename ${'@aa'.repeat(times)} }` });
      expect(status).toBe(400);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions?.code).toBe('QUERY_TOO_COSTLY');
    }
  });

  it('a known directive repeated is one error too', async () => {
    const { errors } = await post({ query: `{ __typename ${'@include(if: true)'.repeat(10)} }` });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/can only be used once/);
  });

  it('a single known directive is still served', async () => {
    const { status, text } = await post({ query: '{ __typename @include(if: true) }' });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('echoed names', () => {
  it('a 900 KB unknown field name is refused with a short prefix of it, not the name', async () => {
    const name = `f${'x'.repeat(900_000)}`;
    const { status, text, errors } = await post({ query: `{ ${name} }` });
    expect(status).toBe(400);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('"fxxxxxxxxx');
    expect(errors[0]!.message.length).toBeLessThan(200);
    expect(text.length).toBeLessThan(1_000);
  });

  it('a 100 KB variable value is not echoed in full either', async () => {
    const { text, errors } = await post({ query: 'query ($n: Int) { schools(first: $n) { totalCount } }', variables: { n: 'y'.repeat(100_000) } });
    expect(errors).toHaveLength(1);
    expect(text.length).toBeLessThan(1_000);
  });

  it('a short unknown name is echoed whole, so the client sees its mistake', async () => {
    const { errors } = await post({ query: '{ schoolz }' });
    expect(errors[0]!.message).toContain('"schoolz"');
  });
});

describe(`${COUNT.toLocaleString('en')} hostile requests`, () => {
  const requests = hostileRequests(SEED, COUNT);

  it('covers every kind of hostile request', () => {
    expect(new Set(requests.map((r) => r.kind)).size).toBe(HOSTILE_KINDS);
  });

  // A bound for a failure only: the run takes far less on an idle machine.
  it('get no 5xx, no stack trace, no internal address, and the gateway answers afterwards', async () => {
    const origin = pool.url.replace(/\/graphql$/, '');
    const token = await pool.token('440100');
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const send = async (request: HostileRequest, index: number) => {
      const headers = { ...request.headers, ...(index % 2 === 0 ? { authorization: `Bearer ${token}` } : {}) };
      const response = await fetch(`${origin}${request.path}`, { method: request.method, headers, ...(request.body !== undefined ? { body: request.body } : {}) });
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const leak = leakIn(text, internalAddresses);
      if (response.status >= 500 || leak) failures.push(`#${index} ${request.kind}: HTTP ${response.status}${leak ? `, ${leak}` : ''}: ${text.slice(0, 300)}`);
    };
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        await send(requests[index]!, index).catch((error: Error) => {
          failures.push(`#${index} ${requests[index]!.kind}: no answer (${String((error.cause as Error | undefined)?.message ?? error.message)})`);
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures.slice(0, 10)).toEqual([]);
    // Every request was answered (none dropped or reset).
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(COUNT);
    const health = await fetch(`${origin}/health`);
    expect(health.status).toBe(200);
    const after = await post({ query: '{ schools(first: 1) { totalCount } }' });
    expect(after.status).toBe(200);
    expect(after.errors).toEqual([]);
  }, 600_000);
});

/** What an answer must never hold: a stack frame, a file of ours, an internal host:port. */
function leakIn(text: string, addresses: ReadonlyArray<string>): string | undefined {
  if (/"stack"|stacktrace|\n\s+at \S+ \(|\bat (?:async )?\S+ \(\//.test(text)) return 'a stack trace';
  if (/\/work\/|node_modules|\.ts:\d+|file:\/\//.test(text)) return 'a file path';
  const address = addresses.find((host) => text.includes(host));
  return address ? `the internal address ${address}` : undefined;
}
