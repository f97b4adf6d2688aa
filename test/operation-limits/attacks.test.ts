import { startTestPool, type TestPool } from '../support/test-pool';
import { call, expectRefusal, get } from './http-calls';

/**
 * Issue 6's attacks against a pool on the default limits: each is refused with
 * our code, a 4xx and the limit in the message, and the pool keeps answering.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

const post = (query: string) => call(pool, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

describe('operation limits', () => {
  it('alias bomb: 100 aliases of __typename (MAX_ALIASES 20)', async () => {
    const reply = await post(`{ ${repeat(100, (i) => `a${i}: __typename`)} }`);
    expectRefusal(reply, 400, 'QUERY_TOO_COSTLY', 'aliases is 100, the limit is 20');
  });

  it('deep nesting: depth 13 (MAX_QUERY_DEPTH 10)', async () => {
    const level = (inner: string) => `school { students(first: 1) { edges { node { ${inner} } } } }`;
    const reply = await post(`{ school(code: "2144017078") { students(first: 1) { edges { node { ${level(level('id'))} } } } } }`);
    expectRefusal(reply, 400, 'QUERY_TOO_COSTLY', 'depth is 13, the limit is 10');
  });

  it('1,000+ tokens (MAX_TOKENS 1000): parsing stops at the limit, the answer names the count', async () => {
    const reply = await post(`{ ${'__typename '.repeat(1_200)}}`);
    expectRefusal(reply, 400, 'QUERY_TOO_COSTLY', 'tokens is 1202, the limit is 1000');
  });

  it('800 KB of tokens: counted only to ten times the limit', async () => {
    const reply = await post(`{ ${'a '.repeat(400_000)}}`);
    expectRefusal(reply, 400, 'QUERY_TOO_COSTLY', 'tokens (at least) is 10000, the limit is 1000');
  });

  it('fragment cycle: refused by graphql\'s own validation as a malformed operation', async () => {
    const reply = await post('{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }');
    expectRefusal(reply, 400, 'BAD_USER_INPUT', 'Cannot spread fragment "A" within itself via "B".');
  });

  it('introspection cycle (development only; production has no introspection): refused by graphql\'s own validation', async () => {
    const reply = await post('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expectRefusal(reply, 400, 'BAD_USER_INPUT', 'Maximum introspection depth exceeded');
  });

  it('directive overload: 60 directives (MAX_DIRECTIVES 50)', async () => {
    const reply = await post(`{ ${repeat(60, () => '__typename @include(if: true)')} }`);
    expectRefusal(reply, 400, 'QUERY_TOO_COSTLY', 'directives is 60, the limit is 50');
  });

  it('cost: pages of pages (MAX_QUERY_COST 50000, lists weighted by their page size)', async () => {
    const reply = await post('{ schools(first: 500) { edges { node { students(first: 500) { edges { node { id } } } } } } }');
    expectRefusal(reply, 400, 'QUERY_TOO_COSTLY', /cost is \d+, the limit is 50000/);
  });

  it('cost hidden behind a variable\'s small default is priced at the value sent', async () => {
    const query = 'query ($n: Int = 1) { schools(first: $n) { edges { node { students(first: $n) { edges { node { id } } } } } } }';
    const reply = await call(pool, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { n: 500 } }) });
    expectRefusal(reply, 400, 'QUERY_TOO_COSTLY', /cost is \d+, the limit is 50000/);
    const small = await call(pool, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { n: 2 } }) });
    expect(small.status).toBe(200);
  });
});

describe('requests refused at the HTTP front, before the token is even read', () => {
  it('a batched array', async () => {
    const reply = await call(pool, { headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) });
    expectRefusal(reply, 400, 'BAD_USER_INPUT', 'batched requests are turned off');
  });

  it('a body over 1 MB (MAX_BODY_BYTES 1000000)', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } });
    const reply = await call(pool, { headers: { 'content-type': 'application/json' }, body });
    expectRefusal(reply, 413, 'QUERY_TOO_COSTLY', `request body size (bytes) is ${body.length}, the limit is 1000000`);
  });

  it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x'])('a simple-form POST (%s), even with a preflight header', async (type) => {
    const reply = await call(pool, { headers: { 'content-type': type, 'apollo-require-preflight': 'true' }, body: 'query=%7B__typename%7D' });
    expectRefusal(reply, 415, 'BAD_USER_INPUT', 'must be application/json');
  });
});

describe('GET', () => {
  it('a GET mutation is refused (405) before it runs', async () => {
    const reply = await get(pool, 'mutation { withdrawShareApplication(id: "none") { id } }');
    expectRefusal(reply, 405, 'BAD_USER_INPUT', 'GET requests only support query operations');
  });

  it('a GET without a preflight header is refused as a possible cross-site request', async () => {
    expectRefusal(await get(pool, '{ __typename }', {}), 400, 'BAD_USER_INPUT', 'Cross-Site Request Forgery');
  });

  it('a GET query is still served (persisted queries come this way)', async () => {
    const reply = await get(pool, '{ schools(first: 1) { totalCount } }');
    expect(reply).toMatchObject({ status: 200, body: { data: { schools: { totalCount: 20 } } } });
  });
});

it('in development (this pool) introspection and suggestions stay on; the production scenario shows them off', async () => {
  expect((await pool.graphql('{ __type(name: "Student") { name } }')).body).toEqual({ data: { __type: { name: 'Student' } } });
  const { body } = await pool.graphql('{ studnts(first: 1) { totalCount } }');
  expect(body.errors?.[0]?.message).toMatch(/^Cannot query field "studnts" on type "Query". Did you mean "students"/);
  const enumTypo = await pool.graphql('query ($d: ShareDecision!) { decideShareApplication(id: "none", decision: $d) { id } }', { variables: { d: 'APPROV' } });
  expect(enumTypo.body.errors?.[0]?.message).toMatch(/Did you mean/);
});

it('after every attack the pool still answers an ordinary query', async () => {
  const { status, body } = await pool.graphql('{ schools(first: 2) { totalCount edges { node { name } } } }');
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect((body.data?.schools as { totalCount: number }).totalCount).toBe(20);
});
