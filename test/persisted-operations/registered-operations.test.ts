import { createHash } from 'node:crypto';
import { postPersisted } from '../support/persisted-query';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * The registered-operations mode for partner departments: a partner's
 * operation that reads catalog resources runs only once the city bureau's
 * data office has registered it for that partner (by text, or by hash as an
 * APQ); governance operations stay open to it; other units are not affected.
 * Registration is the data office's alone; deregistering takes effect at once
 * (the gateway's hot-state copy is forgotten).
 */
const ID_NUMBERS = '{ students(first: 2) { edges { node { id idNumber } } } }';
const SHA = createHash('sha256').update(ID_NUMBERS).digest('hex');
const REGISTER = 'mutation ($input: RegisterOperationInput!) { registerOperation(input: $input) { unit sha256 name text registeredBy registeredAt } }';
const DEREGISTER = 'mutation ($unit: String!, $sha256: String!) { deregisterOperation(unit: $unit, sha256: $sha256) }';
const LIST = 'query ($unit: String) { registeredOperations(unit: $unit) { unit sha256 name } }';

let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool({ PERSISTED_OPERATIONS_MODE: 'registered-for-partners' });
});

afterAll(async () => {
  await pool?.close();
});

const codes = (reply: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => (reply.body.errors ?? []).map((e) => e.extensions?.code);

it('refuses a partner\'s unregistered operation with 403 FORBIDDEN saying what to do, before any legacy work', async () => {
  pool.studentQueries.length = 0;
  const reply = await pool.graphql(ID_NUMBERS, { unit: 'GZGAJ' });
  expect(reply.status).toBe(403);
  expect(reply.body.data).toBeUndefined();
  expect(reply.body.errors).toEqual([{
    message: expect.stringMatching(/registerOperation.*440100|440100.*registerOperation/),
    extensions: { code: 'FORBIDDEN', sha256: SHA },
  }]);
  expect(pool.studentQueries).toEqual([]);
});

it('leaves governance operations open to the partner, and other units alone', async () => {
  const access = await pool.graphql('{ myAccess { coordinate status } }', { unit: 'GZGAJ' });
  expect(access.body.errors).toBeUndefined();
  const bureau = await pool.graphql(ID_NUMBERS, { unit: '440106' });
  expect(bureau.status).toBe(200);
  expect(bureau.body.errors).toBeUndefined();
});

it('lets only the city bureau register, for a partner department only, a text that parses', async () => {
  const input = { unit: 'GZGAJ', name: '户籍核查', text: ID_NUMBERS };
  for (const unit of ['GZGAJ', '440106']) {
    expect(codes(await pool.graphql(REGISTER, { unit, variables: { input } }))).toEqual(['FORBIDDEN']);
  }
  expect(codes(await pool.graphql(REGISTER, { variables: { input: { ...input, unit: '440106' } } }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await pool.graphql(REGISTER, { variables: { input: { ...input, text: '{ students(' } } }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await pool.graphql(LIST, { unit: 'GZGAJ' }))).toEqual([]);
  expect((await pool.graphql(LIST, { unit: 'GZGAJ' })).body.data).toEqual({ registeredOperations: [] });
});

it('runs the operation once registered for the partner, by text and by hash, with the usual enforcement; not for another partner', async () => {
  const registered = await pool.graphql(REGISTER, { variables: { input: { unit: 'GZGAJ', name: '户籍核查', text: ID_NUMBERS } } });
  expect(registered.body.errors).toBeUndefined();
  expect(registered.body.data!.registerOperation).toEqual(expect.objectContaining({ unit: 'GZGAJ', sha256: SHA, registeredBy: '440100' }));

  const byText = await pool.graphql(ID_NUMBERS, { unit: 'GZGAJ' });
  expect(byText.status).toBe(200);
  // Registered is not granted: the ID numbers are still NOT_GRANTED for a partner without a grant.
  expect(codes(byText)).toContain('NOT_GRANTED');
  expect(codes(byText)).not.toContain('FORBIDDEN');
  const byHash = await postPersisted(pool.url, await pool.token('GZGAJ'), ID_NUMBERS, false);
  expect(byHash.body).toEqual(byText.body);

  const otherPartner = await pool.graphql(ID_NUMBERS, { unit: 'GZWJW' });
  expect(codes(otherPartner)).toEqual(['FORBIDDEN']);
});

it('lists a unit\'s own registrations to it, everything to the city bureau, and another\'s to no one else', async () => {
  const own = await pool.graphql(LIST, { unit: 'GZGAJ' });
  expect(own.body.data).toEqual({ registeredOperations: [{ unit: 'GZGAJ', sha256: SHA, name: '户籍核查' }] });
  expect((await pool.graphql(LIST, { unit: '440100' })).body.data).toEqual(own.body.data);
  expect(codes(await pool.graphql(LIST, { unit: 'GZWJW', variables: { unit: 'GZGAJ' } }))).toEqual(['FORBIDDEN']);
});

it('refuses the operation again as soon as it is deregistered', async () => {
  expect(codes(await pool.graphql(DEREGISTER, { unit: 'GZGAJ', variables: { unit: 'GZGAJ', sha256: SHA } }))).toEqual(['FORBIDDEN']);
  const removed = await pool.graphql(DEREGISTER, { variables: { unit: 'GZGAJ', sha256: SHA } });
  expect(removed.body.data).toEqual({ deregisterOperation: true });
  expect(codes(await pool.graphql(ID_NUMBERS, { unit: 'GZGAJ' }))).toEqual(['FORBIDDEN']);
  expect((await pool.graphql(DEREGISTER, { variables: { unit: 'GZGAJ', sha256: SHA } })).body.data).toEqual({ deregisterOperation: false });
});
