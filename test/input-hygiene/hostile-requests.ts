/**
 * A deterministic generator of hostile HTTP requests for the gateway: the
 * same seed gives the same requests, so a failure found once is found again.
 * Each request is one of the shapes an attacker or a broken client sends:
 * malformed JSON, odd and huge strings, deep nesting, unknown fields and
 * arguments, bad variables, wrong content types, mutations over GET, batches,
 * unicode and NUL bytes, huge numbers, repeated directives, odd paths.
 */
export interface HostileRequest {
  readonly kind: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'OPTIONS';
  /** Path and query string. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** mulberry32: small, fast, and the same on every machine. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIELDS = ['students', 'teachers', 'schools', 'school', 'student', 'statistics', 'catalog', 'myAccess', 'shareApplications', '__typename', '__schema'];
const ODD_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '💥'.repeat(50), '\uD800', '\uFFFF', 'ℌ𝔢𝔩𝔩𝔬', '\u202Eevil', '"', '\\', '\\u0000', '{', '}}}}', '$', '@', '#',
  '${jndi:ldap://x}', "' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '%00', '\r\n\r\n', '广州市教育局', 'ＡＢＣ',
];
const ODD_NUMBERS = ['1e400', '-1e400', '9007199254740993', '-0', '0x10', '1.7976931348623157e309', 'NaN', 'Infinity', '99999999999999999999999999', '-2147483649'];

type Make = (random: () => number, pick: <T>(items: ReadonlyArray<T>) => T) => HostileRequest;

const json = (body: unknown): Pick<HostileRequest, 'headers' | 'body'> => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const post = (kind: string, body: unknown): HostileRequest => ({ kind, method: 'POST', path: '/graphql', ...json(body) });

const MAKERS: ReadonlyArray<Make> = [
  (random) => ({
    kind: 'malformed JSON', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' },
    body: ['{', '{"query":', '{"query": "{ __typename }"', '[[[', 'null', 'true', '"query"', '{"query": {}}', '{"query": 1e999}', '\u0000{}', '{"query":"\\ud800"}'][Math.floor(random() * 11)],
  }),
  (random, pick) => post('odd string in query', { query: `{ ${pick(FIELDS)}(id: ${JSON.stringify(pick(ODD_STRINGS))}) { __typename } }`, variables: random() < 0.5 ? null : {} }),
  (random) => post('huge name', { query: `{ ${'x'.repeat(1_000 + Math.floor(random() * 20_000))} }` }),
  (random) => {
    const depth = 5 + Math.floor(random() * 400);
    return post('deep nesting', { query: `{ ${'schools { edges { node { '.repeat(depth)}code${' } } }'.repeat(depth)} }` });
  },
  (random, pick) => post('unknown field', { query: `{ ${pick(FIELDS)} { nope${Math.floor(random() * 1e6)} ${pick(FIELDS)} } }` }),
  (random, pick) => post('bad variables', {
    query: 'query ($first: Int, $id: ID!) { schools(first: $first) { totalCount } school(code: $id) { name } }',
    variables: { first: pick([...ODD_NUMBERS.map(Number), pick(ODD_STRINGS), [], {}, true, -1, 2 ** 53]), id: random() < 0.5 ? null : { nested: pick(ODD_STRINGS) } },
  }),
  (_random, pick) => ({ kind: 'huge number', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' },
    body: `{"query":"query ($n: Int) { schools(first: $n) { totalCount } }","variables":{"n":${pick(ODD_NUMBERS)}}}` }),
  (_random, pick) => ({
    kind: 'wrong content type', method: 'POST', path: '/graphql',
    headers: { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/jsonx', `application/${'j'.repeat(5_000)}`]) },
    body: 'query={ __typename }',
  }),
  (random) => ({
    kind: 'mutation over GET', method: 'GET', headers: { 'apollo-require-preflight': 'true' },
    path: `/graphql?query=${encodeURIComponent(`mutation { revokeGrant(id: "${Math.floor(random() * 1000)}", reason: "x") { id } }`)}`,
  }),
  (random) => post('batch', Array.from({ length: 1 + Math.floor(random() * 50) }, () => ({ query: '{ __typename }' }))),
  (random, pick) => post('unicode and NUL', { query: `{ __typename${pick(['\u0000', '\u2028', '\uFEFF', '💥', '\u0301', '\u00A0'])}${random() < 0.5 ? ' }' : ''}` }),
  (random) => post('repeated directive', { query: `{ __typename ${'@aa'.repeat(2 + Math.floor(random() * 2_000))} }` }),
  (random) => post('aliases', { query: `{ ${Array.from({ length: 1 + Math.floor(random() * 500) }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
  (_random, pick) => ({ kind: 'odd path or method', method: pick(['GET', 'PUT', 'OPTIONS'] as const), path: pick(['/', '/graphql/', '/%00', '/..%2f..%2fetc', '/metrics?x=1', '/health?verbose', '/graphql?query=%7B', '/open-data/%ff']), headers: {} }),
  (random, pick) => post('operation name games', { query: 'query A { __typename } query A { __typename }', operationName: random() < 0.5 ? pick(ODD_STRINGS) : 'B' }),
  (random, pick) => post('odd extensions', { query: '{ __typename }', extensions: { persistedQuery: { version: random() < 0.5 ? 1 : 'x', sha256Hash: pick(ODD_STRINGS) } } }),
  (random) => post('fragment cycle', { query: `{ ...F } fragment F on Query { ...${random() < 0.5 ? 'F' : 'G'} } fragment G on Query { ...F }` }),
];

/** `count` requests from `seed`, every kind in turn so each appears count / kinds times. */
export function hostileRequests(seed: number, count: number): HostileRequest[] {
  const random = randomSource(seed);
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => MAKERS[i % MAKERS.length]!(random, pick));
}

export const HOSTILE_KINDS = MAKERS.length;
