import { hashClientSecret, newClientId, newClientSecret } from '../../platform/app-secrets';
import { verifyAuditChain } from '../../store/audit/verify-chain';
import { appCredentialsRepository } from '../../store/people';
import { startTestPool, type TestPool } from '../support/test-pool';
import { requestToken, signIn, withCookie } from './people-support';

/**
 * Issue 14, item 1: the audit names the person or the app that acted for the
 * unit on every read, and neither for an operator's unit token. The chain
 * still verifies with the new columns in it.
 */
let pool: TestPool;
const READ = (label: string) => `query ${label} { students(first: 1, filter: { district: "440106" }) { edges { node { name } } } }`;

interface Row { operationName: string | null; person: string | null; client: string | null; unit: { code: string } }

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

async function trailOf(operationName: string): Promise<Row | undefined> {
  const reply = await pool.graphql(
    '{ auditTrail(filter: { unit: "440106" }) { edges { node { operationName person client unit { code } } } } }', { unit: '440100' },
  );
  expect(reply.body.errors).toBeUndefined();
  const rows = (reply.body.data!.auditTrail as { edges: Array<{ node: Row }> }).edges.map((e) => e.node);
  return rows.find((row) => row.operationName === operationName);
}

it('records the signed-in person, the app, or neither, beside the unit', async () => {
  const { cookie } = await signIn(pool, '440106.clerk', 'EduPool-demo-2026');
  const session = await (await fetch(new URL('/auth/session', pool.url), { headers: { cookie } })).json() as { person: { id: string } };
  expect((await withCookie(pool, cookie, READ('ByPerson'))).body.errors).toBeUndefined();

  const app = { id: newClientId(), secret: newClientSecret() };
  await appCredentialsRepository(pool.pool.store.pool).register({
    clientId: app.id, unit: '440106', name: '学位管理系统', scope: ['GZJY-XS-001'], purpose: '学位管理',
    secretHash: hashClientSecret(app.secret), createdBy: 'test', createdAt: new Date(),
  });
  const { body } = await requestToken(pool, { grant_type: 'client_credentials' }, app);
  expect((await pool.graphql(READ('ByApp'), { token: body.access_token! })).body.errors).toBeUndefined();
  expect((await pool.graphql(READ('ByOperatorToken'), { unit: '440106' })).body.errors).toBeUndefined();

  expect(await trailOf('ByPerson')).toEqual({ operationName: 'ByPerson', person: session.person.id, client: null, unit: { code: '440106' } });
  expect(await trailOf('ByApp')).toEqual({ operationName: 'ByApp', person: null, client: app.id, unit: { code: '440106' } });
  expect(await trailOf('ByOperatorToken')).toEqual({ operationName: 'ByOperatorToken', person: null, client: null, unit: { code: '440106' } });

  expect(await verifyAuditChain(pool.pool.store.pool)).toMatchObject({ ok: true });
});
