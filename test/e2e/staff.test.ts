import type { Browser, Page } from 'playwright-core';
import { createUser, DEFAULT_PASSWORD } from '../helpers/builders';
import { axeViolations, launchChromium, startApp, type RunningApp } from './browser';

jest.setTimeout(60_000);

let browser: Browser;
let running: RunningApp;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

beforeEach(async () => {
  running = await startApp();
  page = await browser.newPage();
});
afterEach(async () => {
  await page.close();
  await running.stop();
});

async function expectAccessible() {
  expect(await axeViolations(page)).toEqual([]);
}

async function signInAs(email: string) {
  await page.goto(`${running.baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('staff in a real browser', () => {
  it('signs in, visits the admin pages and signs out, with no accessibility violations', async () => {
    const admin = await createUser(running.ctx.db, { role: 'admin', name: 'Ada Admin' });
    await createUser(running.ctx.db, { role: 'manager', name: 'Max Manager' });

    await page.goto(`${running.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    await expectAccessible();

    await signInAs(admin.email);
    await page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
    await expectAccessible();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('row', { name: /Max Manager/ }).waitFor();
    await expectAccessible();

    await page.getByRole('link', { name: 'Invite a user' }).click();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Enter a name.').first().waitFor();
    await expectAccessible();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('cell', { name: 'sign_in.success' }).first().waitFor();
    await expectAccessible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await expectAccessible();
    await page.goto(`${running.baseUrl}/admin/users`);
    await page.waitForURL('**/sign-in');
  });

  it('shows a wrong password as an error next to the form, accessibly', async () => {
    const manager = await createUser(running.ctx.db);
    await page.goto(`${running.baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    await expectAccessible();
  });

  it('works by keyboard alone: skip link, fields and the sign-in button', async () => {
    const manager = await createUser(running.ctx.db, { name: 'Keyboard Kim' });
    await page.goto(`${running.baseUrl}/sign-in`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to main content',
    );
    await page.getByLabel('Email').focus();
    await page.keyboard.type(manager.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEFAULT_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome, Keyboard Kim' }).waitFor();
  });

  it('renders the sign-in page without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    const manager = await createUser(running.ctx.db, { name: 'No Script Nora' });
    await noJs.goto(`${running.baseUrl}/sign-in`);
    await noJs.getByLabel('Email').fill(manager.email);
    await noJs.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await noJs.getByRole('button', { name: 'Sign in' }).click();
    await noJs.getByRole('heading', { name: 'Welcome, No Script Nora' }).waitFor();
    await context.close();
  });
});
