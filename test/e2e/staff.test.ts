import { createUser, DEFAULT_PASSWORD, lastMailTo, linkIn } from '../helpers/builders';
import { expectNoAxeViolations, signInWithForm, useBrowserApp } from './browser';

jest.setTimeout(60_000);

const t = useBrowserApp();
const expectAccessible = () => expectNoAxeViolations(t.page);
const signInAs = (email: string) =>
  signInWithForm(t.page, t.running.baseUrl, email, DEFAULT_PASSWORD);

describe('staff in a real browser', () => {
  it('signs in, visits the admin pages and signs out, with no accessibility violations', async () => {
    const admin = await createUser(t.running.ctx.db, { role: 'admin', name: 'Ada Admin' });
    await createUser(t.running.ctx.db, { role: 'manager', name: 'Max Manager' });

    await t.page.goto(`${t.running.baseUrl}/`);
    await t.page.waitForURL('**/sign-in');
    await expectAccessible();

    await signInAs(admin.email);
    await t.page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
    await expectAccessible();

    await t.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await t.page.getByRole('row', { name: /Max Manager/ }).waitFor();
    await expectAccessible();

    await t.page.getByRole('link', { name: 'Invite a user' }).click();
    await t.page.getByRole('button', { name: 'Send invitation' }).click();
    await t.page.getByText('Enter a name.').first().waitFor();
    await expectAccessible();

    await t.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await t.page.getByRole('cell', { name: 'Signed in', exact: true }).first().waitFor();
    await expectAccessible();

    await t.page.getByRole('button', { name: 'Sign out' }).click();
    await t.page.getByText('You have signed out.').waitFor();
    await expectAccessible();
    await t.page.goto(`${t.running.baseUrl}/admin/users`);
    await t.page.waitForURL('**/sign-in');
  });

  it('shows a wrong password as an error next to the form, accessibly', async () => {
    const manager = await createUser(t.running.ctx.db);
    await t.page.goto(`${t.running.baseUrl}/sign-in`);
    await t.page.getByLabel('Email').fill(manager.email);
    await t.page.getByLabel('Password').fill('not my password');
    await t.page.getByRole('button', { name: 'Sign in' }).click();
    await t.page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    await expectAccessible();
  });

  it('works by keyboard alone: skip link, fields and the sign-in button', async () => {
    const manager = await createUser(t.running.ctx.db, { name: 'Keyboard Kim' });
    await t.page.goto(`${t.running.baseUrl}/sign-in`);
    await t.page.keyboard.press('Tab');
    expect(await t.page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to main content',
    );
    await t.page.getByLabel('Email').focus();
    await t.page.keyboard.type(manager.email);
    await t.page.keyboard.press('Tab');
    await t.page.keyboard.type(DEFAULT_PASSWORD);
    await t.page.keyboard.press('Enter');
    await t.page.getByRole('heading', { name: 'Welcome, Keyboard Kim' }).waitFor();
  });

  it('renders the sign-in page without JavaScript', async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    const manager = await createUser(t.running.ctx.db, { name: 'No Script Nora' });
    await noJs.goto(`${t.running.baseUrl}/sign-in`);
    await noJs.getByLabel('Email').fill(manager.email);
    await noJs.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await noJs.getByRole('button', { name: 'Sign in' }).click();
    await noJs.getByRole('heading', { name: 'Welcome, No Script Nora' }).waitFor();
    await context.close();
  });

  it('the set-password page keeps its username field for password managers out of sight', async () => {
    const admin = await createUser(t.running.ctx.db, { role: 'admin', name: 'Ada Admin' });
    await t.running.ctx.services.users.invite(
      { id: admin.id, name: admin.name, ip: '127.0.0.1' },
      { email: 'new@example.test', name: 'New Person', role: 'manager' },
    );
    const mail = await lastMailTo(t.running.ctx.db, 'new@example.test');
    await t.page.goto(`${t.running.baseUrl}${linkIn(mail.text_body)}`);
    await t.page.getByLabel('New password', { exact: true }).waitFor();
    expect(await t.page.locator('input[name="username"]').isVisible()).toBe(false);
    await expectAccessible();
  });
});
