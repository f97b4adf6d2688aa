import type { Browser } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/ensure-console';
import { signIn, withCookie } from '../people/people-support';
import { startTestPool, type TestPool } from '../support/test-pool';
import { chooseOption, explained, launchChromium, screenshot, signInThroughConsole, story } from './console-browser';

/**
 * Issue 14, the share process run by people in the console, in Debian's
 * Chromium: a school clerk applies; the district reviewer declines with a
 * reason; the clerk sees the reason and resubmits; the reviewer endorses; the
 * city data officer approves with a mask on one field; the school then reads
 * the masked value, and later gives the grant up. A person without a role
 * sees no action and the API refuses it the action too; five wrong passwords
 * lock an account. Screenshots are numbered in the order of the story.
 */
// A browser, a pool and scrypt on two shared cores: generous bounds on failure, no timing asserted.
jest.setTimeout(300_000);
const PASSWORD = 'EduPool-demo-2026';
const SCHOOL = '2144017078';
// Within every resource's longest validity from any day the suite may run.
const VALID_UNTIL = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
let pool: TestPool;
let browser: Browser;
let consoleUrl: string;

beforeAll(async () => {
  ensureConsoleBuilt(() => undefined);
  pool = await startTestPool();
  consoleUrl = new URL('/console/', pool.url).href;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pool?.close();
});

const APPLY = `mutation {
  applyForShare(input: { resources: ["GZJY-XS-001"], fields: ["Query.students", "Student.name", "Student.gender"],
    purpose: "学区学位统筹", rowScope: ["440106"], validUntil: "${VALID_UNTIL}" }) { id status awaitingUnit }
}`;

describe('the share process in the console', () => {
  const step = story();
  let applicationId: string;

  step('lets the school clerk apply through the wizard: resources, the fields needed, purpose, row scope, validity', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, `${SCHOOL}.clerk`, PASSWORD);
    await page.getByRole('menuitem', { name: '申请', exact: true }).click();
    await page.getByLabel('选择 GZJY-XS-001').check();
    // Not-shared resources cannot be chosen, and say why.
    expect(await page.getByLabel('选择 GZJY-XS-006').isDisabled()).toBe(true);
    await screenshot(page, '01-apply-resources');
    await page.getByRole('button', { name: '下一步' }).click();
    for (const field of ['Query.students', 'Student.name', 'Student.gender']) await page.getByLabel(`字段 ${field}`, { exact: true }).check();
    await screenshot(page, '02-apply-fields');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('用途').fill('学区学位统筹');
    await page.getByLabel('记录范围').click();
    await page.getByLabel('记录范围').fill('440106');
    await page.getByTitle('天河区教育局（440106）').click();
    await page.keyboard.press('Escape');
    await screenshot(page, '03-apply-purpose-scope');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('有效期至').fill(VALID_UNTIL);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('提交后先报本单位的上级教育行政部门审核').waitFor();
    await screenshot(page, '04-apply-review');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('办理过程').waitFor();
    applicationId = decodeURIComponent(/#\/applications\/(.+)$/.exec(page.url())![1]!);
    await page.getByText('已提交').first().waitFor();
    // The endorser's clock runs; the provider's starts only once the application reaches it.
    await page.getByText('审核上报后起算').waitFor();
    await screenshot(page, '05-application-submitted');
    await page.close();
  });

  step('shows the district reviewer the application in the inbox, with both deadlines, and lets them decline it with a reason', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, '440106.review', PASSWORD);
    await page.getByText('待办（1）').waitFor();
    await page.getByText(/剩余 \d+ 天/).first().waitFor();
    await screenshot(page, '06-inbox-reviewer');
    await page.getByText(applicationId.slice(0, 8)).first().click();
    await page.getByText('办理过程').waitFor();
    // The reason is required: the button waits for it.
    expect(await page.getByRole('button', { name: '退回（说明理由）' }).isDisabled()).toBe(true);
    await page.getByLabel('意见或理由').fill('性别字段非学位统筹所必需，请删去后重新提交');
    await screenshot(page, '07-decline-with-reason');
    await page.getByRole('button', { name: '退回（说明理由）' }).click();
    await page.getByText('已退回本申请').waitFor();
    await screenshot(page, '08-application-declined');
    await page.close();
  });

  step('shows the clerk the reason, and lets them resubmit without the field the reviewer objected to', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, `${SCHOOL}.clerk`, PASSWORD);
    await page.getByText('待办（1）').waitFor();
    await page.getByText(applicationId.slice(0, 8)).first().click();
    await page.getByText('退回理由：性别字段非学位统筹所必需，请删去后重新提交').waitFor();
    await screenshot(page, '09-clerk-sees-reason');
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByLabel('重新提交字段 Student.gender', { exact: true }).uncheck();
    await screenshot(page, '10-resubmit-amend');
    await page.getByRole('button', { name: /重新提交/ }).last().click();
    await page.getByText('已重新提交，待审核单位审核').waitFor();
    await page.getByText('Query.students、Student.name', { exact: true }).waitFor();
    await screenshot(page, '11-application-resubmitted');
    await page.close();
  });

  step('lets the reviewer endorse the resubmitted application, starting the provider\'s clock', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, '440106.review', PASSWORD);
    await page.getByText('待办（1）').waitFor();
    await page.getByText(applicationId.slice(0, 8)).first().click();
    await page.getByText('办理过程').waitFor();
    await page.getByRole('button', { name: '审核同意上报' }).click();
    // The provider's clock has started: its deadline replaces "审核上报后起算" and counts down.
    await page.getByText('审核上报后起算').waitFor({ state: 'detached' });
    await page.getByText('已审核上报').first().waitFor();
    await screenshot(page, '12-application-endorsed');
    await page.close();
  });

  step('lets the city data officer approve with a mask on one field', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, '440100.data', PASSWORD);
    await page.getByText('待办（1）').waitFor();
    await page.getByText(applicationId.slice(0, 8)).first().click();
    await page.getByRole('button', { name: /同意（设定条件）/ }).click();
    await chooseOption(page, 'Student.name 脱敏', '姓名只留姓');
    await screenshot(page, '13-approve-with-mask');
    await page.getByRole('button', { name: /同\s*意/ }).last().click();
    await page.getByText('已同意').first().waitFor();
    await page.getByText(/脱敏 Student\.name（姓名只留姓）/).waitFor();
    await screenshot(page, '14-application-approved');
    await page.close();
  });

  step('serves the school the masked name under the grant, and shows the grant on its grants page', async () => {
    const { cookie } = await signIn(pool, `${SCHOOL}.clerk`, PASSWORD);
    // The grant is bound to its purpose: a read under it declares that purpose (x-edupool-purpose, percent-encoded UTF-8).
    const reply = await withCookie(pool, cookie, '{ students(first: 5, filter: { school: "2144017084" }) { edges { node { name } } } }',
      { 'x-edupool-purpose': encodeURIComponent('学区学位统筹') });
    expect(reply.body.errors).toBeUndefined();
    const names = (reply.body.data!.students as { edges: Array<{ node: { name: string } }> }).edges.map((e) => e.node.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\p{Script=Han}\*+$/u);
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, `${SCHOOL}.clerk`, PASSWORD);
    await page.getByRole('menuitem', { name: '我的授权' }).click();
    await page.getByText('学区学位统筹').waitFor();
    await page.getByText(/Student\.name：姓名只留姓/).waitFor();
    await screenshot(page, '15-grants-school');
    await page.getByRole('menuitem', { name: '数据查看' }).click();
    await page.getByLabel('读取依据').click();
    await page.getByText(/用途：学区学位统筹/).last().click();
    await page.getByText('按授权读取').waitFor();
    // Names are masked to the surname; gender (dropped on resubmission) and the identity number were never granted, and the page says so in the pool's words.
    await page.getByText('以下字段未提供').waitFor();
    await screenshot(page, '16-data-masked');
    const shown = await page.locator('td').filter({ hasText: /^\p{Script=Han}\*+$/u }).count();
    expect(shown).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: '资源目录' }).click();
    await page.getByText('GZJY-XS-002').waitFor();
    await screenshot(page, '17-catalog');
    await page.close();
  });

  step('lets the school give the grant up: it ends at once, and the read under it is refused', async () => {
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, `${SCHOOL}.clerk`, PASSWORD);
    await page.getByRole('menuitem', { name: '我的授权' }).click();
    await page.getByRole('button', { name: '放弃授权' }).click();
    await page.getByLabel('放弃理由').fill('学位统筹已完成');
    await screenshot(page, '18-give-up-confirm');
    await page.getByRole('button', { name: /确认放弃/ }).click();
    await page.getByText('已放弃', { exact: true }).waitFor();
    await screenshot(page, '19-grant-given-up');
    await page.close();
    const { cookie } = await signIn(pool, `${SCHOOL}.clerk`, PASSWORD);
    // Another school's records lie outside the school's own jurisdiction: with the grant gone, none is served.
    const reply = await withCookie(pool, cookie, '{ students(first: 5, filter: { school: "2144017084" }) { edges { node { name } } } }',
      { 'x-edupool-purpose': encodeURIComponent('学区学位统筹') });
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data).toEqual({ students: { edges: [] } });
  });
});

describe('people without the role, and wrong passwords', () => {
  it('shows a person without a role no action on a pending application, and the API refuses the action too', explained(async () => {
    const { cookie } = await signIn(pool, `${SCHOOL}.clerk`, PASSWORD);
    const applied = await withCookie(pool, cookie, APPLY.replace('学区学位统筹', '第二次申请'));
    const id = (applied.body.data!.applyForShare as { id: string }).id;
    const page = await browser.newPage();
    await signInThroughConsole(page, consoleUrl, '440106.guest', PASSWORD);
    await page.getByText('无角色').waitFor();
    await page.goto(`${consoleUrl}#/applications/${id}`);
    await page.getByText('办理过程').waitFor();
    expect(await page.getByRole('button').filter({ hasText: /审核同意上报|退回|同意|拒绝|重新提交|撤回/ }).count()).toBe(0);
    expect(await page.getByText('办理', { exact: true }).count()).toBe(0);
    await screenshot(page, '20-no-role-no-action');
    await page.close();

    // The guest's unit, 440106, is this application's endorser: only the missing role stands in the way.
    const guest = await signIn(pool, '440106.guest', PASSWORD);
    for (const mutation of [
      `mutation { endorseShareApplication(id: "${id}") { id } }`,
      `mutation { declineShareApplication(id: "${id}", reason: "不同意") { id } }`,
    ]) {
      const refused = await withCookie(pool, guest.cookie, mutation);
      expect(refused.body.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(refused.body.errors![0]!.message).toContain('审核人 (ENDORSER)');
    }
    const still = await withCookie(pool, cookie, `{ shareApplication(id: "${id}") { status } }`);
    expect(still.body.data).toEqual({ shareApplication: { status: 'SUBMITTED' } });
  }));

  it('locks the account after five wrong passwords and says so on the sign-in page', explained(async () => {
    const page = await browser.newPage();
    for (let i = 0; i < 5; i += 1) {
      await signInThroughConsole(page, consoleUrl, '440112.clerk', `wrong-${i}`);
      await page.getByRole('alert').waitFor();
    }
    await signInThroughConsole(page, consoleUrl, '440112.clerk', PASSWORD);
    await page.getByText(/账户已锁定，请于 \d\d:\d\d 后重试/).waitFor();
    await screenshot(page, '21-locked');
    await page.close();
  }));
});
