import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from '../console/console-browser';
import { freePort } from '../support/free-port';
import { createTestIdentityPlatform, type TestIdentityPlatform } from '../support/test-identity-platform';
import { startTestPool, type TestPool } from '../support/test-pool';
import { withCookie } from './people-support';
import { RedirectBrowser } from './redirect-browser';

/**
 * Issue 14, sign-in through the city's identity platform (OIDC): a real
 * oidc-provider signs people in; the pool provisions their account from the
 * claims (unit, roles), sets the same session cookie as password sign-in, and
 * refuses replays, links from another browser, unknown units and unfit roles
 * on the console's sign-in page. The platform is down when the pool starts,
 * so the first case sees the pool answer that, and recover once it is up.
 */
let pool: TestPool;
let platform: TestIdentityPlatform;

const CLIENT_ID = 'edupool-test';
const CLIENT_SECRET = 'edupool-test-client-secret';
const TIANHE_STUDENTS = '{ students(first: 2, filter: { district: "440106" }) { totalCount } }';
// Claims as the platform holds them; a case changes one person's roles for a while.
const people: Record<string, { name: string; edupool_unit: string; edupool_roles?: string[] }> = {
  'tianhe-reviewer': { name: '天河区审核人', edupool_unit: '440106', edupool_roles: ['ENDORSER', 'APPLICANT'] },
  'tianhe-newcomer': { name: '天河区新同事', edupool_unit: '440106' },
  'unknown-unit': { name: '外单位人员', edupool_unit: '999999' },
  'institute-supervisor': { name: '教研院的监督员', edupool_unit: 'GZJYYJY', edupool_roles: ['SUPERVISOR'] },
};

beforeAll(async () => {
  const [platformPort, gatewayPort] = [await freePort(), await freePort()];
  const redirectUri = `http://127.0.0.1:${gatewayPort}/auth/oidc/callback`;
  platform = await createTestIdentityPlatform(platformPort, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri }, people);
  pool = await startTestPool({
    PORT: String(gatewayPort), OIDC_ISSUER: platform.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URI: redirectUri,
  });
});

afterAll(async () => {
  await pool?.close();
  await platform?.close();
});

const gateway = () => new URL(pool.url).origin;
const startUrl = () => new URL('/auth/oidc/start', pool.url);

async function signInThroughPlatform(subject: string, browser = new RedirectBrowser()) {
  platform.signInAs(subject);
  const { url } = await browser.open(startUrl());
  const session = browser.cookie(gateway(), 'edupool_session');
  return { browser, landing: url, cookie: session ? `edupool_session=${session}` : undefined };
}

async function whoIs(cookie: string) {
  const response = await fetch(new URL('/auth/session', pool.url), { headers: { cookie } });
  return { status: response.status, body: await response.json() as { person?: { id: string; login: string; displayName: string; unit: { code: string }; roles: string[] } } };
}

describe('OIDC sign-in', () => {
  it('answers that the identity platform is down, then starts normally once it is up', async () => {
    const api = await fetch(startUrl(), { redirect: 'manual' });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await api.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/identity platform/), extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'identity-platform' } }] });
    const page = await fetch(startUrl(), { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/console/?signInError=oidc_unavailable');

    await platform.listen();
    const started = await fetch(startUrl(), { redirect: 'manual' });
    expect(started.status).toBe(302);
    const authorization = new URL(started.headers.get('location')!);
    expect(authorization.origin).toBe(platform.issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code', client_id: CLIENT_ID, redirect_uri: pool.config.OIDC_REDIRECT_URI, scope: 'openid profile', code_challenge_method: 'S256',
      state: expect.any(String), nonce: expect.any(String), code_challenge: expect.any(String),
    });
    expect(started.headers.get('set-cookie')).toMatch(/^edupool_oidc_state=[\w-]+; Max-Age=600; Path=\/auth\/oidc; HttpOnly; SameSite=Lax$/);
  });

  it('says which sign-in methods are on', async () => {
    const methods = await fetch(new URL('/auth/methods', pool.url));
    expect(await methods.json()).toEqual({ password: true, oidc: true });
  });

  it('provisions the account from the claims, sets the session cookie, and serves GraphQL as the unit', async () => {
    const { landing, cookie } = await signInThroughPlatform('tianhe-reviewer');
    expect(landing.pathname + landing.search).toBe('/console/');
    expect(cookie).toBeDefined();
    const session = await whoIs(cookie!);
    expect(session.status).toBe(200);
    expect(session.body.person).toMatchObject({
      login: 'oidc:tianhe-reviewer', displayName: '天河区审核人', unit: { code: '440106', name: '天河区教育局' }, roles: ['APPLICANT', 'ENDORSER'],
    });
    const reply = await withCookie(pool, cookie!, TIANHE_STUDENTS);
    expect(reply.body.errors).toBeUndefined();
    expect((reply.body.data!.students as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  it('finds the same account on a second sign-in of the same subject', async () => {
    const first = await signInThroughPlatform('tianhe-reviewer');
    const second = await signInThroughPlatform('tianhe-reviewer');
    expect(first.cookie).not.toBe(second.cookie);
    const [a, b] = [await whoIs(first.cookie!), await whoIs(second.cookie!)];
    expect(b.body.person!.id).toBe(a.body.person!.id);
  });

  it('gives no role when the platform sends no roles claim: the unit\'s app administrator assigns them', async () => {
    const { cookie } = await signInThroughPlatform('tianhe-newcomer');
    expect((await whoIs(cookie!)).body.person).toMatchObject({ unit: { code: '440106' }, roles: [] });
  });

  it('finishes a flow once: of two callbacks with the same state at once one signs in, and a later replay is refused', async () => {
    platform.signInAs('tianhe-reviewer');
    const begun = new RedirectBrowser();
    const { url: callback } = await begun.open(startUrl(), (url) => url.pathname === '/auth/oidc/callback');
    const state = begun.cookie(gateway(), 'edupool_oidc_state')!;
    const browsers = [new RedirectBrowser(), new RedirectBrowser(), new RedirectBrowser()];
    for (const browser of browsers) browser.setCookie(gateway(), 'edupool_oidc_state', state);
    const together = await Promise.all(browsers.slice(0, 2).map((browser) => browser.open(callback)));
    expect(together.map(({ url }) => url.search).sort()).toEqual(['', '?signInError=oidc_state']);
    expect(browsers.slice(0, 2).filter((browser) => browser.cookie(gateway(), 'edupool_session')).length).toBe(1);
    const later = await browsers[2]!.open(callback);
    expect(later.url.search).toBe('?signInError=oidc_state');
    expect(browsers[2]!.cookie(gateway(), 'edupool_session')).toBeUndefined();
  });

  it('refuses a callback link opened in another browser than the one that started the flow (login CSRF)', async () => {
    platform.signInAs('tianhe-reviewer');
    const attacker = await new RedirectBrowser().open(startUrl(), (url) => url.pathname === '/auth/oidc/callback');
    expect(attacker.url.pathname).toBe('/auth/oidc/callback');
    const victim = new RedirectBrowser();
    expect((await victim.open(attacker.url)).url.search).toBe('?signInError=oidc_state');
    expect(victim.cookie(gateway(), 'edupool_session')).toBeUndefined();
  });

  it('follows the roles claim on each sign-in when the platform sends one', async () => {
    const reviewer = people['tianhe-reviewer']!;
    const before = reviewer.edupool_roles;
    reviewer.edupool_roles = ['APPLICANT'];
    try {
      const { cookie } = await signInThroughPlatform('tianhe-reviewer');
      expect((await whoIs(cookie!)).body.person).toMatchObject({ login: 'oidc:tianhe-reviewer', roles: ['APPLICANT'] });
    } finally {
      reviewer.edupool_roles = before;
    }
  });

  it.each([
    ['a unit the pool does not know', 'unknown-unit', 'oidc_unit_unknown'],
    ['a role that does not fit the unit\'s kind', 'institute-supervisor', 'oidc_roles_invalid'],
  ])('refuses %s on the console\'s sign-in page, with no session', async (_name, subject, code) => {
    const { landing, cookie } = await signInThroughPlatform(subject);
    expect(landing.pathname).toBe('/console/');
    expect(landing.searchParams.get('signInError')).toBe(code);
    expect(cookie).toBeUndefined();
  });

  it('refuses a disabled account, and an account whose unit the platform now names differently', async () => {
    const { cookie } = await signInThroughPlatform('tianhe-newcomer');
    expect(cookie).toBeDefined();
    const newcomer = people['tianhe-newcomer']!;
    newcomer.edupool_unit = '440104';
    try {
      const moved = await signInThroughPlatform('tianhe-newcomer');
      expect(moved.landing.search).toBe('?signInError=oidc_unit_changed');
      expect(moved.cookie).toBeUndefined();
    } finally {
      newcomer.edupool_unit = '440106';
    }
    // No route disables an account yet: the store is written directly, as an operator would.
    await pool.pool.store.pool.query("UPDATE accounts SET disabled_at = now() WHERE login = 'oidc:tianhe-newcomer'");
    const disabled = await signInThroughPlatform('tianhe-newcomer');
    expect(disabled.landing.search).toBe('?signInError=oidc_disabled');
    expect(disabled.cookie).toBeUndefined();
  });

  it('shows a refusal by the platform itself (the person cancelled there) on the sign-in page', async () => {
    platform.refuseNextSignIn();
    const browser = new RedirectBrowser();
    const { url } = await browser.open(startUrl());
    expect(url.search).toBe('?signInError=oidc_refused');
    expect(browser.cookie(gateway(), 'edupool_session')).toBeUndefined();
  });
});

describe('the console\'s sign-in page (Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in through 统一身份认证登录 and shows the person and roles', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    await page.goto(new URL('/console/', pool.url).href);
    const button = page.getByRole('link', { name: '统一身份认证登录' });
    await button.waitFor();
    await screenshot(page, 'oidc-sign-in-page');
    platform.signInAs('tianhe-reviewer');
    await button.click();
    await page.getByTestId('signed-in-person').getByText('天河区审核人（天河区教育局）').waitFor();
    await page.getByText('审核人', { exact: true }).waitFor();
    await screenshot(page, 'oidc-signed-in');
    await page.close();
  });

  it('shows a refusal in Chinese on the sign-in page, and drops it from the address', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    await page.goto(new URL('/console/', pool.url).href);
    platform.signInAs('unknown-unit');
    await page.getByRole('link', { name: '统一身份认证登录' }).click();
    await page.getByText('您在统一身份认证平台登记的单位不在本资源池的单位名录中，无法登录。').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await screenshot(page, 'oidc-sign-in-refused');
    await page.close();
  });
});
