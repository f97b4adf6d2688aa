import { hashClientSecret, newClientId, newClientSecret } from '../../platform/app-secrets';
import { appCredentialsRepository, type AppCredentialsRepository } from '../../store/people';
import { startTestPool, type TestPool } from '../support/test-pool';
import { requestToken } from './people-support';

/**
 * Issue 14, app credentials: a unit's registered app gets a token by the OAuth
 * 2.0 client-credentials grant (RFC 6749 §4.4) and reads within its scope and
 * no further; every refusal is a §5.2 error response.
 */
let pool: TestPool;
let apps: AppCredentialsRepository;
let app: { id: string; secret: string };

const READ = '{ students(first: 2, filter: { district: "440106" }) { edges { node { name idNumber } } } }';

beforeAll(async () => {
  pool = await startTestPool();
  apps = appCredentialsRepository(pool.pool.store.pool);
  app = { id: newClientId(), secret: newClientSecret() };
  await apps.register({
    clientId: app.id, unit: '440106', name: '天河区学位管理系统', scope: ['GZJY-XS-001', 'GZJY-XX-001'], purpose: '学位管理',
    secretHash: hashClientSecret(app.secret), createdBy: 'test', createdAt: new Date(),
  });
});

afterAll(async () => {
  await pool?.close();
});

async function read(token: string) {
  return pool.graphql(READ, { token });
}

describe('the client-credentials grant', () => {
  it('issues a Bearer token for the app\'s scope and purpose, not to be cached', async () => {
    const reply = await requestToken(pool, { grant_type: 'client_credentials' }, app);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'GZJY-XS-001 GZJY-XX-001' });
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const claims = JSON.parse(Buffer.from(reply.body.access_token!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: '440106', client: app.id, purpose: '学位管理', scope: ['GZJY-XS-001', 'GZJY-XX-001'] });
  });

  it('reads within the app\'s scope and no further', async () => {
    const { body } = await requestToken(pool, { grant_type: 'client_credentials' }, app);
    const reply = await read(body.access_token!);
    const nodes = (reply.body.data!.students as { edges: Array<{ node: { name: string | null; idNumber: string | null } }> }).edges.map((e) => e.node);
    expect(nodes.length).toBe(2);
    expect(nodes.every((n) => typeof n.name === 'string' && n.name.length > 0)).toBe(true);
    expect(nodes.every((n) => n.idNumber === null)).toBe(true);
    const refusal = reply.body.errors!.find((e) => e.extensions?.coordinate === 'Student.idNumber');
    expect(refusal?.extensions).toMatchObject({ code: 'NOT_GRANTED', resource: 'GZJY-XS-002' });
  });

  it('narrows to the part of the scope the request asks for (client_secret_post)', async () => {
    const reply = await requestToken(pool, { grant_type: 'client_credentials', scope: 'GZJY-XX-001', client_id: app.id, client_secret: app.secret });
    expect(reply.status).toBe(200);
    expect(reply.body.scope).toBe('GZJY-XX-001');
    const students = await read(reply.body.access_token!);
    expect(students.body.errors!.some((e) => e.extensions?.coordinate === 'Student.name' && e.extensions.code === 'NOT_GRANTED')).toBe(true);
  });
});

describe('refusals, as RFC 6749 §5.2 words them', () => {
  const cases: Array<[string, Record<string, string>, { id: string; secret: string } | 'app' | undefined, number, string]> = [
    ['a wrong secret', { grant_type: 'client_credentials' }, { id: 'app', secret: 'wrong' }, 401, 'invalid_client'],
    ['an unknown client', { grant_type: 'client_credentials' }, { id: 'app_unknown', secret: 'x' }, 401, 'invalid_client'],
    ['no client authentication', { grant_type: 'client_credentials' }, undefined, 401, 'invalid_client'],
    ['another grant type', { grant_type: 'password', username: 'a', password: 'b' }, 'app', 400, 'unsupported_grant_type'],
    ['no grant type', {}, 'app', 400, 'invalid_request'],
    ['a resource outside the app\'s scope', { grant_type: 'client_credentials', scope: 'GZJY-XS-001 GZJY-XS-002' }, 'app', 400, 'invalid_scope'],
  ];

  it.each(cases)('%s', async (_name, form, client, status, error) => {
    const basic = client === 'app' ? app : client?.id === 'app' ? { id: app.id, secret: client.secret } : client;
    const reply = await requestToken(pool, form, basic);
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error, error_description: expect.any(String) });
    expect(reply.body.access_token).toBeUndefined();
    if (status === 401) expect(reply.headers.get('www-authenticate')).toMatch(/^Basic realm="edupool"/);
  });

  it('refuses a JSON body and two ways of authenticating at once as invalid_request', async () => {
    const json = await fetch(new URL('/oauth/token', pool.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
    const both = await requestToken(pool, { grant_type: 'client_credentials', client_id: app.id, client_secret: app.secret }, app);
    expect(both).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('refuses the old secret once rotated, and every secret once the app is revoked', async () => {
    const rotating = { id: newClientId(), secret: newClientSecret() };
    await apps.register({
      clientId: rotating.id, unit: 'GZGAJ', name: '入学核验', scope: ['GZJY-HY-001'], purpose: '入学资格核验',
      secretHash: hashClientSecret(rotating.secret), createdBy: 'test', createdAt: new Date(),
    });
    const fresh = newClientSecret();
    expect(await apps.rotate(rotating.id, 'GZGAJ', hashClientSecret(fresh), new Date())).toBe(true);
    expect((await requestToken(pool, { grant_type: 'client_credentials' }, rotating)).body.error).toBe('invalid_client');
    expect((await requestToken(pool, { grant_type: 'client_credentials' }, { id: rotating.id, secret: fresh })).status).toBe(200);
    // Another unit cannot revoke it; its own can.
    expect(await apps.revoke(rotating.id, '440106', 'someone', new Date())).toBe(false);
    expect(await apps.revoke(rotating.id, 'GZGAJ', 'admin', new Date())).toBe(true);
    expect((await requestToken(pool, { grant_type: 'client_credentials' }, { id: rotating.id, secret: fresh })).body.error).toBe('invalid_client');
  });
});
