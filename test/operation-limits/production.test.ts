import { startTestPool, type TestPool } from '../support/test-pool';
import { call, expectRefusal, get } from './http-calls';

/**
 * NODE_ENV=production: no introspection, no field suggestions, no landing
 * page; GET mutations and simple-form POSTs refused as in every environment.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool({ NODE_ENV: 'production' });
});

afterAll(async () => {
  await pool?.close();
});

it.each([
  ['__schema', '{ __schema { types { name } } }'],
  ['__type', '{ __type(name: "Student") { fields { name } } }'],
])('introspection (%s) is refused', async (_name, query) => {
  const { status, body } = await pool.graphql(query);
  expect(status).toBe(400);
  expect(body.data).toBeUndefined();
  expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/);
});

it.each([
  ['a misspelt field', '{ studnts(first: 1) { totalCount } }', 'Cannot query field "studnts" on type "Query".'],
  ['a misspelt argument', '{ students(frist: 1) { totalCount } }', 'Unknown argument "frist" on field "Query.students".'],
  ['a misspelt type', '{ students(first: 1) { edges { node { ... on Studnt { id } } } } }', 'Unknown type "Studnt".'],
])('%s is refused without a "Did you mean" suggestion', async (_name, query, message) => {
  const { status, body } = await pool.graphql(query);
  expect(status).toBe(400);
  expect(body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', message]]);
});

it('a misspelt enum value in variables gets no suggestion either', async () => {
  const { body } = await pool.graphql('query ($d: ShareDecision!) { decideShareApplication(id: "none", decision: $d) { id } }', { variables: { d: 'APPROV' } });
  expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  expect(JSON.stringify(body)).not.toMatch(/Did you mean|APPROVE/);
});

it.each([
  ['without a preflight header: refused as a possible cross-site request', {}, 400, /Cross-Site Request Forgery/],
  ['with one: Apollo answers JSON or nothing', { 'apollo-require-preflight': 'true' }, 406, /does not accept application\/json/],
])('the landing page is off: a browser GET %s, never HTML', async (_name, headers, status, message) => {
  const reply = await call(pool, { method: 'GET', headers: { accept: 'text/html', ...headers } });
  expect(reply.contentType).toMatch(/^application\/json/);
  expectRefusal(reply, status, 'BAD_USER_INPUT', message);
});

it('a GET mutation is refused', async () => {
  expectRefusal(await get(pool, 'mutation { withdrawShareApplication(id: "none") { id } }'), 405, 'BAD_USER_INPUT', 'GET requests only support query operations');
});

it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x'])('a simple-form POST (%s) is refused', async (type) => {
  expectRefusal(await call(pool, { headers: { 'content-type': type }, body: 'query=%7B__typename%7D' }), 415, 'BAD_USER_INPUT', 'must be application/json');
});

it('ordinary queries are served', async () => {
  const { status, body } = await pool.graphql('{ schools(first: 1) { totalCount } }');
  expect(status).toBe(200);
  expect(body).toEqual({ data: { schools: { totalCount: 20 } } });
});
