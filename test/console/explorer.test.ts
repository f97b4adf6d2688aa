import type { Browser } from 'playwright-core';
import { consoleRoutes } from '../../gateway/console-route';
import { ensureConsoleBuilt } from '../../scripts/ensure-console';
import { startTestPool, type TestPool } from '../support/test-pool';
import { explained, launchChromium, screenshot, signInThroughConsole } from './console-browser';

/**
 * Issue 14: the developers' explorer is GraphiQL built with the console and
 * served by the gateway at /explorer outside production only. It loads
 * nothing from outside the pool, runs under the console's sign-in, and a
 * production gateway has no such page.
 */
jest.setTimeout(300_000);
let pool: TestPool;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt(() => undefined);
  pool = await startTestPool();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pool?.close();
});

it('serves GraphiQL from the pool itself, which asks the pool for its schema', explained(async () => {
  const page = await browser.newPage();
  const origin = new URL(pool.url).origin;
  const elsewhere: string[] = [];
  const blocked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) elsewhere.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  await signInThroughConsole(page, new URL('/console/', pool.url).href, '440106.clerk', 'EduPool-demo-2026');
  await page.getByTestId('signed-in-person').waitFor();
  // GraphiQL asks for the schema through the explorer's fetcher as it loads: the pool's own /graphql answers it.
  const introspection = page.waitForResponse((response) => new URL(response.url()).pathname === '/graphql'
    && (response.request().postData() ?? '').includes('__schema'));
  await page.goto(new URL('/explorer', pool.url).href);
  const answer = await introspection;
  expect(answer.status()).toBe(200);
  const body = await answer.json() as { data?: { __schema?: { queryType?: { name?: string } } } };
  expect(body.data?.__schema?.queryType?.name).toBe('Query');
  await page.locator('.graphiql-query-editor').getByText('catalog').first().waitFor();
  await screenshot(page, 'explorer');
  expect(elsewhere).toEqual([]);
  expect(blocked).toEqual([]);
  await page.close();
}));

it('has no explorer in production', () => {
  expect(consoleRoutes({ explorer: false }).map((route) => route.path)).not.toContain('/explorer');
  expect(consoleRoutes({ explorer: true }).map((route) => route.path)).toContain('/explorer');
});
