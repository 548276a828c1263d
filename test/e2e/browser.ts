import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/test-app';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  const executablePath = [process.env.CHROME_PATH, '/usr/bin/chromium'].find(
    (p) => p && fs.existsSync(p),
  );
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface RunningApp {
  ctx: TestContext;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The app on a real port, on its own temp database. */
export async function startApp(): Promise<RunningApp> {
  const ctx = await createTestContext();
  const server: Server = await new Promise((resolve) => {
    const s = ctx.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await ctx.close();
    },
  };
}

/**
 * Waits for what a person waits for before judging a page: the document loaded and every
 * stylesheet applied. An element can be found while the page is still parsing, before its CSS
 * applies; axe measuring then (target sizes, contrast) judges an unstyled page.
 */
export async function waitForStyledPage(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).every(
      (link) => link.sheet !== null,
    ),
  );
}

/** Runs axe-core (WCAG 2.0-2.2 A and AA rules) on the page and returns the violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  await waitForStyledPage(page);
  // evaluate() is not subject to the page's CSP, so axe can run under script-src 'self'.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    }),
  );
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

export interface BrowserTestContext {
  browser: Browser;
  running: RunningApp;
  page: Page;
}

/**
 * Registers the hooks every browser test file needs: one Chromium per file, and a fresh app on
 * its own database plus a fresh page per test. Read the fields inside tests, not at load time.
 */
export function useBrowserApp(
  prepare?: (running: RunningApp) => Promise<void>,
): BrowserTestContext {
  const context = {} as BrowserTestContext;
  beforeAll(async () => {
    context.browser = await launchChromium();
  });
  afterAll(() => context.browser?.close());
  beforeEach(async () => {
    context.running = await startApp();
    await prepare?.(context.running);
    context.page = await context.browser.newPage();
    context.page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    await context.page.close();
    await context.running.stop();
  });
  return context;
}

/** Signs in through the real form. */
export async function signInWithForm(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/**
 * A page in a browser context of its own (its own cookies; JavaScript off, a viewport...), for a
 * second person or different settings in one test. Close it with `closeOwnContext(page)`.
 */
export async function pageInNewContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

export async function closeOwnContext(page: Page): Promise<void> {
  await page.context().close();
}

/** Where browser tests leave screenshots for a person to look at (git-ignored). */
export const TEST_RESULTS_DIR = path.resolve(__dirname, '../../test-results');

/** Saves a full-page screenshot of the styled page under test-results/ and returns its path. */
export async function saveScreenshot(page: Page, fileName: string): Promise<string> {
  await waitForStyledPage(page);
  fs.mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  const file = path.join(TEST_RESULTS_DIR, fileName);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page is no wider than its viewport: nothing to scroll sideways. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; width: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
}
