import { bankFile } from '../helpers/bank-files';
import { createUser, DEFAULT_PASSWORD } from '../helpers/builders';
import { sample } from '../helpers/questions';
import { expectNoAxeViolations, signInWithForm, useBrowserApp } from './browser';

jest.setTimeout(60_000);

const t = useBrowserApp(async (running) => {
  await running.ctx.services.banks.importFiles([
    bankFile({
      questions: [
        sample('single', { id: 'http-001' }),
        sample('true_false', { id: 'http-002' }),
        sample('matching', { id: 'http-003' }),
        sample('numeric', { id: 'http-004' }),
      ],
    }),
  ]);
});
let page: import('playwright-core').Page;
beforeEach(() => {
  page = t.page;
});

async function signIn(role: 'admin' | 'manager') {
  const user = await createUser(t.running.ctx.db, { role });
  await signInWithForm(page, t.running.baseUrl, user.email, DEFAULT_PASSWORD);
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
}

const expectAccessible = () => expectNoAxeViolations(page);

describe('question banks in a real browser', () => {
  it('an admin edits a question, previews it, saves, and sees two versions in the history', async () => {
    await signIn('admin');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Question banks' })
      .click();
    await page.getByRole('link', { name: 'HTTP basics' }).click();
    await page.waitForURL('**/banks/http-basics');
    await expectAccessible();
    await page.getByRole('link', { name: 'http-001' }).click();
    await page.waitForURL('**/banks/http-basics/questions/http-001');
    await expectAccessible();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Prompt').waitFor();
    await expectAccessible();
    await page
      .getByLabel('Prompt')
      .fill('Which status tells a client the resource is **gone for good**?');
    await page.getByLabel('Option 1', { exact: true }).fill('410');
    await page.getByLabel('Option 3', { exact: true }).fill('404');
    await page.getByLabel('Exclusion group (optional)').fill('gone-status');
    await page.getByLabel('Last reviewed (optional)').fill('2026-12');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview: what the candidate sees' });
    await preview.getByText('gone for good').waitFor();
    expect(await preview.locator('strong').textContent()).toBe('gone for good');
    await expectAccessible();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByText('gone-status · no other question is in this group yet').waitFor();
    expect(await page.locator('dt:has-text("Last reviewed") + dd').textContent()).toBe('2026-12');
    await page.getByRole('link', { name: 'history' }).click();
    await page.getByRole('heading', { name: 'Version 2' }).waitFor();
    await page.getByRole('heading', { name: 'Version 1' }).waitFor();
    await expectAccessible();
  });

  it('shows a script tag typed into a prompt as text and never runs it', async () => {
    await signIn('admin');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${t.running.baseUrl}/banks/http-basics/questions/http-002/edit`);
    await page
      .getByLabel('Prompt')
      .fill('Is this safe? <script>alert("xss")</script> <img src=x onerror="alert(2)">');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByText('<script>alert("xss")</script>').first().waitFor();
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('shows form errors next to their fields, accessibly', async () => {
    await signIn('admin');
    for (const type of ['single', 'multiple', 'short_text', 'numeric', 'essay', 'matching']) {
      await page.goto(`${t.running.baseUrl}/banks/http-basics/questions/new?type=${type}`);
      await expectAccessible();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: /Please fix/ }).waitFor();
      await expectAccessible();
    }
  });

  // axe needs JavaScript, so this test checks behaviour only; the test above checks the same pages.
  it('creates a question without JavaScript, with errors shown next to the fields', async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    await page.close();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn('admin');
    await page.goto(`${t.running.baseUrl}/banks/http-basics`);
    await page.getByLabel('New question of type').selectOption('true_false');
    await page.getByRole('button', { name: 'Create question' }).click();
    await page.getByLabel('Id').fill('http-010');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Prompt must not be empty.').first().waitFor();
    await page.getByLabel('Prompt').fill('HEAD responses carry no body.');
    await page.getByLabel('True').check();
    await page
      .getByLabel('Explanation')
      .fill('RFC 9110 says a HEAD response has no content, only the headers a GET would send.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Question http-010 created.').waitFor();
    await context.close();
  });

  it('lets a manager read banks and questions of every type, accessibly', async () => {
    await signIn('manager');
    await page.goto(`${t.running.baseUrl}/banks`);
    await expectAccessible();
    for (const id of ['http-003', 'http-004']) {
      await page.goto(`${t.running.baseUrl}/banks/http-basics/questions/${id}`);
      await page.getByRole('heading', { name: 'Answer key' }).waitFor();
      await expectAccessible();
    }
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
  });

  it('walks an admin through an import preview, accessibly', async () => {
    await signIn('admin');
    await page.goto(`${t.running.baseUrl}/banks/import`);
    await expectAccessible();
    const file = bankFile({
      questions: [sample('single', { id: 'http-001' }), sample('essay', { id: 'http-020' })],
    });
    await page.getByLabel('Bank file').setInputFiles({
      name: file.name,
      mimeType: 'application/yaml',
      buffer: Buffer.from(file.text),
    });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByRole('heading', { name: /Review the import/ }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Import 1 question' }).click();
    await page.getByText('Imported: 1 created').waitFor();
  });

  it('maps a Moodle category to a bank and imports the valid questions of a GIFT file, accessibly', async () => {
    await signIn('admin');
    await page.goto(`${t.running.baseUrl}/banks/import`);
    const gift = [
      '$CATEGORY: $course$/top/Default for Web 101',
      '',
      '::Created::[html]<p>Which status means <b>Created</b>? See <a href="@@PLUGINFILE@@/codes.pdf">the list</a>.</p>{=201 ~200 ~204}',
      '',
      '::No key::Which status is an error? {~200 ~201}',
      '',
      '::Safe::GET is a safe method. {T}',
    ].join('\n');
    await page.getByLabel('Bank file').setInputFiles({
      name: 'moodle.gift',
      mimeType: 'text/plain',
      buffer: Buffer.from(gift),
    });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByRole('heading', { name: '1 question cannot be imported' }).waitFor();
    await page.getByRole('heading', { name: 'Content that was left out (1)' }).waitFor();
    await expectAccessible();

    await page.getByLabel('Bank for “Default for Web 101”').selectOption('http-basics');
    await page.getByRole('button', { name: 'Use these banks' }).click();
    await page.getByText('Bank choices saved.').waitFor();
    await expectAccessible();
    await page
      .getByRole('button', { name: 'Import the 2 valid questions, leave out 1 with problems' })
      .click();
    await page.getByText('Imported: 2 created').waitFor();
    await page.getByText('1 left out with problems').waitFor();
  });
});
