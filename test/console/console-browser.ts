import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

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
  watchTroubles(page);
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

/** What the console's pages met, in order: where they went, the pool's GraphQL errors, refused or failed requests, slow answers, script errors. */
const troubles: string[] = [];
const watched = new WeakSet<Page>();
const SLOW_MS = 2_000;

function watchTroubles(page: Page): void {
  if (watched.has(page)) return;
  watched.add(page);
  const started = Date.now();
  const note = (what: string) => troubles.push(`+${((Date.now() - started) / 1000).toFixed(1)} s ${what}`);
  const named = (request: Request) => {
    let operation: string | undefined;
    try {
      operation = (request.postDataJSON() as { operationName?: string } | null)?.operationName;
    } catch {
      // Not a JSON body: the method and path say enough.
    }
    return `${request.method()} ${new URL(request.url()).pathname}${operation ? ` ${operation}` : ''}`;
  };
  page.on('pageerror', (error) => note(`script error: ${error.message}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) note(`at ${new URL(frame.url()).hash || new URL(frame.url()).pathname}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'unknown';
    // ERR_ABORTED is the page's own doing: a query it cancelled when its view changed.
    if (failure !== 'net::ERR_ABORTED') note(`${named(request)} failed: ${failure}`);
  });
  page.on('requestfinished', (request) => {
    const took = request.timing().responseEnd;
    if (took > SLOW_MS) note(`${named(request)} answered after ${(took / 1000).toFixed(1)} s`);
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path !== '/graphql' && !path.startsWith('/auth/')) return;
    void response.json().then((body: { errors?: Array<{ message: string; extensions?: { code?: string } }> }) => {
      const answered = `${named(response.request())}: HTTP ${response.status()}`;
      for (const error of body.errors ?? []) note(`${answered}, ${error.extensions?.code ?? 'no code'}: ${error.message}`);
      if (!response.ok() && !body.errors?.length) note(answered);
    }, () => {
      if (!response.ok()) note(`${named(response.request())}: HTTP ${response.status()}, not JSON`);
    });
  });
}

/**
 * Wraps a console test so that, when it fails, its error also lists what
 * the console's pages met while it ran. A wait that times out on a loaded CI
 * machine then names its cause (a refusal, a failed request, a slow answer)
 * instead of only the text that never showed.
 */
export function explained(test: () => Promise<void>): () => Promise<void> {
  return async () => {
    const from = troubles.length;
    try {
      await test();
    } catch (error) {
      if (error instanceof Error) {
        const met = troubles.slice(from);
        const note = `\n\nWhat the console's pages met during this test:\n${met.length ? met.join('\n') : '(nothing: no navigation, GraphQL error, failed request, slow answer or script error)'}`;
        // The stack is read before the message changes: V8 writes it on first read, from the message of that moment.
        const stack = error.stack ?? '';
        const frames = stack.search(/\n\s+at /);
        error.message += note;
        error.stack = frames >= 0 ? stack.slice(0, frames) + note + stack.slice(frames) : stack + note;
      }
      throw error;
    }
  };
}

/**
 * The steps of one story build on each other (the application the first step
 * makes is the one the next declines): once a step fails, the later ones fail
 * at once, naming it, instead of each waiting out its timeouts.
 */
export function story(): (name: string, test: () => Promise<void>) => void {
  let failed: string | undefined;
  return (name, test) => it(name, async () => {
    if (failed !== undefined) throw new Error(`Not run: this step builds on "${failed}", which failed.`);
    await explained(test)().catch((error: unknown) => {
      failed = name;
      throw error;
    });
  });
}
