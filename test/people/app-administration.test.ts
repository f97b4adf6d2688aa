import { startTestPool, type TestPool } from '../support/test-pool';
import { requestToken, signIn, withCookie } from './people-support';

/**
 * Issue 14, item 3 over HTTP: an app administrator signed in to the pool
 * registers an app through GraphQL; the app's secret works at /oauth/token
 * until the app is revoked, and the token it already holds is refused at
 * /graphql the moment it is. Neither an operator's token nor an app's may
 * administer a unit.
 */
let pool: TestPool;
let cookie: string;

const REGISTER = `mutation { registerApp(input: { name: "学位管理系统", scope: ["GZJY-XS-001"], purpose: "学区学位统筹" }) {
  clientSecret app { clientId } } }`;
const READ = '{ students(first: 1, filter: { district: "440106" }) { edges { node { name } } } }';

beforeAll(async () => {
  pool = await startTestPool();
  ({ cookie } = await signIn(pool, '440106.admin', 'EduPool-demo-2026'));
});

afterAll(async () => {
  await pool?.close();
});

it('revoking an app refuses its secret with invalid_client and the token it holds with UNAUTHENTICATED', async () => {
  const registered = await withCookie(pool, cookie, REGISTER);
  expect(registered.body.errors).toBeUndefined();
  const { clientSecret, app } = (registered.body.data!.registerApp as { clientSecret: string; app: { clientId: string } });
  const client = { id: app.clientId, secret: clientSecret };
  const issued = await requestToken(pool, { grant_type: 'client_credentials' }, client);
  expect(issued.status).toBe(200);
  expect((await pool.graphql(READ, { token: issued.body.access_token! })).body.errors).toBeUndefined();

  const revoked = await withCookie(pool, cookie, `mutation { revokeApp(clientId: "${app.clientId}", reason: "系统停用") { revokedAt } }`);
  expect(revoked.body.errors).toBeUndefined();
  expect(await requestToken(pool, { grant_type: 'client_credentials' }, client)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  const refused = await pool.graphql(READ, { token: issued.body.access_token! });
  expect(refused.status).toBe(401);
  expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  expect(refused.body.errors![0]!.message).toMatch(/^token revoked/);
});

it('refuses an operator\'s unit token and an app\'s token with FORBIDDEN, naming the role needed', async () => {
  const operator = await pool.graphql(REGISTER, { unit: '440106' });
  expect(operator.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
  expect(operator.body.errors![0]!.message).toMatch(/APP_ADMIN/);

  const registered = await withCookie(pool, cookie, REGISTER);
  const { clientSecret, app } = (registered.body.data!.registerApp as { clientSecret: string; app: { clientId: string } });
  const { body } = await requestToken(pool, { grant_type: 'client_credentials' }, { id: app.clientId, secret: clientSecret });
  const byApp = await pool.graphql('{ apps { clientId } }', { token: body.access_token! });
  expect(byApp.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
});
