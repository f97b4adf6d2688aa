import { startSecondGateway, type SecondGateway } from '../support/second-gateway';
import { getPersisted, persistedQueryExtension, postPersisted } from '../support/persisted-query';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Automatic persisted queries for everyone (the default mode), through the
 * pool's node:http front and its enforcement: a hash the pool does not know is
 * PERSISTED_QUERY_NOT_FOUND (the client then sends the text once), after which
 * the hash alone runs, by POST or GET, with the same refusals as the full
 * text. The store is the shared hot state: with Redis another gateway
 * instance knows the hash too.
 */
const SCHOOLS = '{ schools(first: 3) { edges { node { code name } } } }';
const ID_NUMBERS = '{ students(first: 2) { edges { node { id idNumber } } } }';

let pool: TestPool;
let second: SecondGateway;

beforeAll(async () => {
  pool = await startTestPool();
  second = await startSecondGateway(pool);
});

afterAll(async () => {
  await second?.close();
  await pool?.close();
});

const codes = (reply: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => (reply.body.errors ?? []).map((e) => e.extensions?.code);

it('asks for the text of an unknown hash, runs the text and keeps it, then runs the hash alone by POST and by GET', async () => {
  const token = await pool.token('440106');
  const unknown = await postPersisted(pool.url, token, SCHOOLS, false);
  expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  expect(unknown.body.data).toBeUndefined();

  const registered = await postPersisted(pool.url, token, SCHOOLS, true);
  expect(registered.status).toBe(200);
  expect(registered.body.errors).toBeUndefined();
  const edges = (registered.body.data!.schools as { edges: unknown[] }).edges;
  expect(edges.length).toBeGreaterThan(0);

  const byHash = await postPersisted(pool.url, token, SCHOOLS, false);
  expect(byHash.body).toEqual(registered.body);
  const byGet = await getPersisted(pool.url, token, SCHOOLS);
  expect(byGet.status).toBe(200);
  expect(byGet.body).toEqual(registered.body);
});

it('refuses a text that does not match its hash, and keeps nothing', async () => {
  const token = await pool.token('440106');
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ schools(first: 1) { edges { node { code } } } }', extensions: persistedQueryExtension(SCHOOLS.replace('3', '4')) }),
  });
  const body = await response.json() as { errors: Array<{ extensions: { code: string } }> };
  expect(response.status).toBe(400);
  expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  expect(codes(await postPersisted(pool.url, token, SCHOOLS.replace('3', '4'), false))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
});

it('enforces a persisted query as it does the full text: a partner without a grant gets NOT_GRANTED at the field', async () => {
  const token = await pool.token('GZGAJ');
  await postPersisted(pool.url, token, ID_NUMBERS, true);
  const reply = await postPersisted(pool.url, token, ID_NUMBERS, false);
  const refusal = reply.body.errors!.find((e) => e.extensions?.coordinate === 'Student.idNumber');
  expect(refusal).toEqual(expect.objectContaining({
    path: ['students', 'edges', '@', 'node', 'idNumber'], extensions: expect.objectContaining({ code: 'NOT_GRANTED', resource: 'GZJY-XS-002' }),
  }));
});

const shared = !!process.env.REDIS_URL;
it(shared ? 'finds a hash kept by one gateway instance on another (Redis)' : 'keeps hashes per instance without REDIS_URL (process memory)', async () => {
  const token = await pool.token('440104');
  const query = '{ schools(first: 1) { edges { node { name } } } }';
  await postPersisted(pool.url, token, query, true);
  const elsewhere = await postPersisted(second.url, token, query, false);
  if (shared) {
    expect(elsewhere.body.errors).toBeUndefined();
    expect(elsewhere.body.data).toEqual(expect.objectContaining({ schools: expect.any(Object) }));
  } else {
    expect(codes(elsewhere)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  }
});
