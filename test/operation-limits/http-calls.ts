import type { TestPool } from '../support/test-pool';

/** A reply whatever its content type: the status, the content type and the body (JSON when it parses). */
export interface RawReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | string;
}

/** Sends one HTTP request to the pool's gateway with a token of the city bureau, unless headers say otherwise. */
export async function call(pool: TestPool, init: { method?: string; search?: string; headers?: Record<string, string>; body?: string }): Promise<RawReply> {
  const token = await pool.token('440100');
  const response = await fetch(`${pool.url}${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { authorization: `Bearer ${token}`, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  let body: RawReply['body'] = text;
  try {
    body = JSON.parse(text) as RawReply['body'];
  } catch {
    // Not JSON: the test says what it expected instead.
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/** A GET of a GraphQL operation, with the header Apollo's CSRF prevention asks of GET requests. */
export function get(pool: TestPool, query: string, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }): Promise<RawReply> {
  return call(pool, { method: 'GET', search: `?query=${encodeURIComponent(query)}`, headers });
}

/** Expects a refusal: a 4xx `status`, every error with `code`, and `text` in the first error's message. */
export function expectRefusal(reply: RawReply, status: number, code: string, text: string | RegExp): void {
  expect(reply.status).toBe(status);
  expect(typeof reply.body).toBe('object');
  const errors = typeof reply.body === 'object' ? reply.body.errors ?? [] : [];
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.map((e) => e.extensions?.code)).toEqual(errors.map(() => code));
  expect(errors[0]!.message).toMatch(text);
  expect(JSON.stringify(reply.body)).not.toMatch(/stacktrace|at \/|node_modules/);
}
