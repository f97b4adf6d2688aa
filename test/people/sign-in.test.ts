import { MAX_FAILED_SIGN_INS } from '../../policies/people';
import { startTestPool, type TestPool } from '../support/test-pool';
import { jtiOfCookie, signIn, withCookie } from './people-support';

/**
 * Issue 14, sign-in on the embedded default: demo people sign in with a
 * password, get an HttpOnly SameSite cookie, are served as their unit, and
 * lose the session on sign-out, after an idle spell, or to a lock after
 * repeated wrong passwords.
 */
let pool: TestPool;
const PASSWORD = 'EduPool-demo-2026';
const TIANHE_STUDENTS = '{ students(first: 2, filter: { district: "440106" }) { totalCount edges { node { name } } } }';

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

describe('password sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and names the person, unit and roles', async () => {
    const reply = await signIn(pool, '440106.review', PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body.person).toMatchObject({ login: '440106.review', unit: { code: '440106', name: '天河区教育局' }, roles: ['ENDORSER'] });
    expect(reply.setCookie).toMatch(/^edupool_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(reply.setCookie).toMatch(/HttpOnly/);
    expect(reply.setCookie).toMatch(/SameSite=Strict/);
    expect(reply.setCookie).toMatch(/Path=\//);
    // Development serves plain HTTP; production sets Secure.
    expect(reply.setCookie).not.toMatch(/Secure/);
  });

  it('serves GraphQL to the cookie as the person\'s unit, and /auth/session says who is signed in', async () => {
    const { cookie } = await signIn(pool, '440106.clerk', PASSWORD);
    const reply = await withCookie(pool, cookie, TIANHE_STUDENTS);
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect((reply.body.data!.students as { totalCount: number }).totalCount).toBeGreaterThan(0);
    const session = await fetch(new URL('/auth/session', pool.url), { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ person: { login: '440106.clerk', roles: ['APPLICANT'] } });
  });

  it('says password sign-in is on and OIDC off when no identity platform is configured', async () => {
    const methods = await fetch(new URL('/auth/methods', pool.url));
    expect(await methods.json()).toEqual({ password: true, oidc: false });
    // Without OIDC its routes do not exist.
    expect((await fetch(new URL('/auth/oidc/start', pool.url), { redirect: 'manual' })).status).toBe(404);
  });

  it('answers a wrong password and an unknown login alike, without saying which', async () => {
    const wrong = await signIn(pool, '440104.clerk', 'not-the-password');
    const unknown = await signIn(pool, 'nobody.at.all', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.errors![0]!.message).toBe(unknown.body.errors![0]!.message);
    expect(wrong.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(wrong.setCookie).toBe('');
  });

  it(`locks the account after ${MAX_FAILED_SIGN_INS} wrong passwords: the right one is then refused too`, async () => {
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i += 1) expect((await signIn(pool, '440111.clerk', `wrong-${i}`)).status).toBe(401);
    const locking = await signIn(pool, '440111.clerk', 'wrong-last');
    expect(locking.status).toBe(401);
    expect(locking.body.errors![0]!.message).toMatch(/locked until/);
    // The instant, for the console to say in Chinese and local time when to try again.
    const lockedUntil = (locking.body.errors![0]!.extensions as { lockedUntil?: string }).lockedUntil;
    expect(lockedUntil).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Date(lockedUntil!).getTime()).toBeGreaterThan(Date.now());
    const right = await signIn(pool, '440111.clerk', PASSWORD);
    expect(right.status).toBe(401);
    expect(right.body.errors![0]!.message).toMatch(/locked until/);
    expect(right.setCookie).toBe('');
    // Other people of the same unit are not affected.
    expect((await signIn(pool, '440111.review', PASSWORD)).status).toBe(200);
  });

  it('refuses a sign-in that is not a JSON POST, or lacks a field, with what to send', async () => {
    const form = await fetch(new URL('/auth/sign-in', pool.url), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `login=440106.clerk&password=${PASSWORD}`,
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    const missing = await fetch(new URL('/auth/sign-in', pool.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: '440106.clerk' }),
    });
    expect(missing.status).toBe(400);
    const broken = await fetch(new URL('/auth/sign-in', pool.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":',
    });
    expect(broken.status).toBe(400);
  });
});

describe('a session ends', () => {
  it('at sign-out: the cookie is cleared and the old cookie is refused afterwards', async () => {
    const { cookie } = await signIn(pool, '440103.clerk', PASSWORD);
    expect((await withCookie(pool, cookie, '{ __typename }')).status).toBe(200);
    const out = await fetch(new URL('/auth/sign-out', pool.url), { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^edupool_session=;.*Max-Age=0/);
    const after = await withCookie(pool, cookie, '{ __typename }');
    expect(after.status).toBe(401);
    expect(after.body.errors![0]).toMatchObject({ message: expect.stringMatching(/revoked/), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('after an idle spell: once its activity mark has expired the cookie is refused', async () => {
    const { cookie } = await signIn(pool, '440105.clerk', PASSWORD);
    expect((await withCookie(pool, cookie, '{ __typename }')).status).toBe(200);
    // What the hot state's TTL does after SESSION_IDLE_SECONDS without a request.
    await pool.pool.hotState.delete(`session:active:${jtiOfCookie(cookie)}`);
    const idle = await withCookie(pool, cookie, '{ __typename }');
    expect(idle.status).toBe(401);
    expect(idle.body.errors![0]!.message).toMatch(/inactivity/);
  });

  it('is never stretched by a bearer token in the cookie: only a person\'s session is accepted there', async () => {
    const token = await pool.token('440106');
    const reply = await withCookie(pool, `edupool_session=${token}`, '{ __typename }');
    expect(reply.status).toBe(401);
    expect(reply.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('gives way to a bearer token: an app in a signed-in browser is served as the token\'s unit', async () => {
    const { cookie } = await signIn(pool, '440106.clerk', PASSWORD);
    const token = await pool.token('GZGAJ');
    const response = await fetch(pool.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: TIANHE_STUDENTS }),
    });
    const body = await response.json() as { errors?: Array<{ extensions: { code: string } }> };
    // The police hold no grant for student records: served as GZGAJ, not as Tianhe's clerk.
    expect(body.errors?.map((e) => e.extensions.code)).toContain('NOT_GRANTED');
  });
});
