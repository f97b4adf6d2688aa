import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser is downloaded).
 * The flags keep it off the network this machine does not have: no
 * background services, no component updates, no sync.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-artifacts', 'console');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The console's sign-in page, as a person uses it. */
export async function signInThroughConsole(page: Page, consoleUrl: string, login: string, password: string): Promise<void> {
  page.setDefaultTimeout(90_000);
  await page.goto(consoleUrl);
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Chooses an option of an Ant Design select and waits until the select shows
 * it. Under load a click could land while the dropdown was still opening and
 * be lost (seen once in CI: the application was then approved without its
 * mask), so the choice is made again, up to three times, until it shows.
 */
export async function chooseOption(page: Page, selectLabel: string, optionTitle: string): Promise<void> {
  const select = page.getByLabel(selectLabel);
  const chosen = page.locator('.ant-select', { has: select, hasText: optionTitle });
  const option = page.getByTitle(optionTitle);
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (!(await option.isVisible())) await select.click();
    await option.click();
    if (await chosen.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return;
  }
  throw new Error(`${selectLabel}: the option ${optionTitle} could not be chosen`);
}
