import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/ensure-console';
import { requestToken } from '../people/people-support';
import { startTestPool, type TestPool } from '../support/test-pool';
import { explained, launchChromium, screenshot, signInThroughConsole, story } from './console-browser';

/**
 * Issue 14, app credentials in the console, in Debian's Chromium: Tianhe's app
 * administrator registers an app for one resource with a purpose and reads
 * its secret once; the app gets a client-credentials token and reads within
 * its scope and no further; rotating stops the old secret, revoking stops the
 * app and the token it holds. The administrator edits a person's roles among
 * those a district bureau allows, and five wrong passwords lock an account,
 * which the sign-in page says in Chinese.
 */
// A browser, a pool and scrypt on two shared cores: generous bounds on failure, no timing asserted.
jest.setTimeout(300_000);
const PASSWORD = 'EduPool-demo-2026';
const READ_NAMES = '{ students(first: 2, filter: { district: "440106" }) { edges { node { name } } } }';
const READ_ID_NUMBERS = '{ students(first: 2, filter: { district: "440106" }) { edges { node { name idNumber } } } }';
let pool: TestPool;
let browser: Browser;
let consoleUrl: string;
let page: Page;

beforeAll(async () => {
  ensureConsoleBuilt(() => undefined);
  pool = await startTestPool();
  consoleUrl = new URL('/console/', pool.url).href;
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await pool?.close();
});

/** The client id and secret the modal shows once, then the modal closed. */
async function keepSecret(): Promise<{ id: string; secret: string }> {
  const id = (await page.getByTestId('client-id').textContent())!.trim();
  const secret = (await page.getByTestId('client-secret').textContent())!.trim();
  await page.getByRole('button', { name: '我已保存密钥' }).click();
  await page.getByTestId('client-secret').waitFor({ state: 'detached' });
  return { id, secret };
}

async function read(query: string, token: string) {
  return pool.graphql(query, { token });
}

describe('an app administrator registers an app, and the app reads within its scope and no further', () => {
  const step = story();
  let app: { id: string; secret: string };
  let token: string;

  step('registers an app for one resource with a purpose; the secret is shown once, with a warning', async () => {
    await signInThroughConsole(page, consoleUrl, '440106.admin', PASSWORD);
    await page.getByRole('menuitem', { name: '应用与令牌' }).click();
    await page.getByLabel('应用名称').fill('天河区学位管理系统');
    await page.getByLabel('授权范围').click();
    await page.getByLabel('授权范围').fill('GZJY-XS-001');
    await page.locator('.ant-select-item-option', { hasText: 'GZJY-XS-001' }).click();
    await page.keyboard.press('Escape');
    // What the unit cannot read is listed but cannot be chosen.
    await page.getByLabel('授权范围').fill('GZJY-XS-006');
    expect(await page.locator('.ant-select-item-option-disabled', { hasText: '不予共享' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByLabel('用途').fill('学区学位统筹');
    await screenshot(page, 'apps-01-register-form');
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await page.getByText('密钥只显示这一次').waitFor();
    await screenshot(page, 'apps-02-secret-once');
    app = await keepSecret();
    expect(app.id).toMatch(/^app_/);
    expect(app.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The list names the app, never its secret.
    await page.getByRole('cell', { name: '天河区学位管理系统' }).waitFor();
    expect(await page.content()).not.toContain(app.secret);
    await screenshot(page, 'apps-03-app-listed');
  });

  step('gets a client-credentials token and reads within the scope; beyond it is refused', async () => {
    const issued = await requestToken(pool, { grant_type: 'client_credentials' }, app);
    expect(issued.status).toBe(200);
    expect(issued.body.scope).toBe('GZJY-XS-001');
    token = issued.body.access_token!;
    const within = await read(READ_NAMES, token);
    expect(within.body.errors).toBeUndefined();
    const names = (within.body.data!.students as { edges: Array<{ node: { name: string } }> }).edges.map((e) => e.node.name);
    expect(names.length).toBe(2);
    const beyond = await read(READ_ID_NUMBERS, token);
    expect(beyond.body.errors!.find((e) => e.extensions?.coordinate === 'Student.idNumber')?.extensions).toMatchObject({ code: 'NOT_GRANTED', resource: 'GZJY-XS-002' });
    expect((await requestToken(pool, { grant_type: 'client_credentials', scope: 'GZJY-XS-002' }, app)).body.error).toBe('invalid_scope');
  });

  step('rotates the secret after a confirmation: the new one is shown once, the old one is refused', async () => {
    await page.getByRole('button', { name: '轮换密钥' }).click();
    await page.getByText('旧密钥将立即失效').waitFor();
    await screenshot(page, 'apps-04-rotate-confirm');
    await page.getByRole('button', { name: /轮\s*换/, exact: false }).last().click();
    await page.getByText('密钥只显示这一次').waitFor();
    const rotated = await keepSecret();
    expect(rotated.id).toBe(app.id);
    expect(rotated.secret).not.toBe(app.secret);
    expect((await requestToken(pool, { grant_type: 'client_credentials' }, app)).body.error).toBe('invalid_client');
    const fresh = await requestToken(pool, { grant_type: 'client_credentials' }, rotated);
    expect(fresh.status).toBe(200);
    app = rotated;
    token = fresh.body.access_token!;
  });

  step('revokes with a reason: the secret and the token the app holds are refused at once', async () => {
    expect((await read(READ_NAMES, token)).body.errors).toBeUndefined();
    await page.getByRole('button', { name: /吊\s*销/ }).click();
    await page.getByLabel('吊销原因').fill('系统停用');
    await screenshot(page, 'apps-05-revoke-reason');
    await page.getByRole('dialog').getByRole('button', { name: /吊\s*销/ }).click();
    await page.getByText('已吊销').first().waitFor();
    await screenshot(page, 'apps-06-revoked');
    const refused = await read(READ_NAMES, token);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refused.body.errors![0]!.message).toMatch(/revoked/);
    const again = await requestToken(pool, { grant_type: 'client_credentials' }, app);
    expect(again).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });
});

describe('people and roles', () => {
  it('lets the administrator give the guest a role, among those a district bureau allows', explained(async () => {
    await page.getByRole('menuitem', { name: '人员与角色' }).click();
    const guest = page.getByRole('row', { name: /440106\.guest/ });
    await guest.getByText('无角色').waitFor();
    await screenshot(page, 'apps-07-people');
    await guest.getByRole('button', { name: '编辑角色' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('审核人（ENDORSER）').waitFor();
    // A supervisor is the city bureau's only.
    expect(await dialog.getByLabel('监督员（SUPERVISOR）').count()).toBe(0);
    await dialog.getByLabel('经办人（APPLICANT）').check();
    await screenshot(page, 'apps-08-edit-roles');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await guest.getByText('经办人').waitFor();
    // The administrator cannot take APP_ADMIN from themselves.
    await page.getByRole('row', { name: /440106\.admin/ }).getByRole('button', { name: '编辑角色' }).click();
    expect(await page.getByRole('dialog').getByLabel('应用管理员（APP_ADMIN）').isDisabled()).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  }));

  it('shows neither page to a person without APP_ADMIN, and the pool refuses them too', explained(async () => {
    const clerk = await browser.newPage();
    await signInThroughConsole(clerk, consoleUrl, '440106.clerk', PASSWORD);
    await clerk.getByTestId('signed-in-person').waitFor();
    expect(await clerk.getByRole('menuitem', { name: '应用与令牌' }).count()).toBe(0);
    expect(await clerk.getByRole('menuitem', { name: '人员与角色' }).count()).toBe(0);
    await clerk.goto(`${consoleUrl}#/apps`);
    await clerk.getByText('只有本单位的应用管理员可以管理应用与令牌').waitFor();
    await clerk.getByText(/APP_ADMIN/).waitFor();
    expect(await clerk.getByLabel('应用名称').count()).toBe(0);
    await screenshot(clerk, 'apps-09-clerk-refused');
    await clerk.close();
  }));
});

it('locks an account after five wrong passwords, and the sign-in page says so in Chinese', explained(async () => {
  const locked = await browser.newPage();
  for (let i = 0; i < 5; i += 1) {
    await signInThroughConsole(locked, consoleUrl, '440113.clerk', `wrong-${i}`);
    await locked.getByRole('alert').waitFor();
  }
  await signInThroughConsole(locked, consoleUrl, '440113.clerk', PASSWORD);
  await locked.getByText(/^账户已锁定，请于 \d\d:\d\d 后重试$/).waitFor();
  await screenshot(locked, 'apps-10-locked');
  await locked.close();
}));
