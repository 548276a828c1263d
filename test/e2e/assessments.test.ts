import type { Page } from 'playwright-core';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { createUser, DEFAULT_PASSWORD } from '../helpers/builders';
import { expectNoAxeViolations, signInWithForm, useBrowserApp } from './browser';

jest.setTimeout(60_000);

const t = useBrowserApp((running) => importTestBanks(running.ctx));
let page: Page;
beforeEach(() => {
  page = t.page;
});

const expectAccessible = () => expectNoAxeViolations(page);

async function signInAsManager() {
  const manager = await createUser(t.running.ctx.db, { role: 'manager', name: 'Mia Manager' });
  await signInWithForm(page, t.running.baseUrl, manager.email, DEFAULT_PASSWORD);
  await page.getByRole('heading', { name: 'Welcome, Mia Manager' }).waitFor();
}

describe('the assessment builder in a real browser', () => {
  it('a manager pastes a description, adjusts a mapping, sets counts and time, opens it and sees a sample draw', async () => {
    await signInAsManager();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Assessments' })
      .click();
    await page.waitForURL('**/assessments');
    await expectAccessible();
    await page.getByRole('link', { name: 'New from a job description' }).click();
    await page.getByLabel('Job description').waitFor();
    await expectAccessible();
    await page.getByLabel('Title').fill('Backend engineer');
    await page.getByLabel('Job description').fill(TEST_JOB_DESCRIPTION);
    await page.getByRole('button', { name: 'Find skills' }).click();

    await page.getByRole('heading', { name: 'Review the skills' }).waitFor();
    await page.getByText('No bank covers this yet.').waitFor();
    await expectAccessible();
    const klingon = page.getByRole('group', { name: /Fluent in Klingon/ });
    await klingon.getByLabel('Bank').selectOption('http-basics');
    await page.getByRole('button', { name: 'Save skills and continue' }).click();

    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await expectAccessible();
    await page.getByLabel('Questions for Git and version control').fill('4');
    await page.getByLabel('Questions for HTTP and REST').fill('2');
    await page.getByLabel('Time limit (minutes)').fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('The time limit must be at least 1 minute.').first().waitFor();
    await expectAccessible();
    await page.getByLabel('Time limit (minutes)').fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await page.getByText('Settings saved.').waitFor();
    await page.getByRole('button', { name: 'Open for candidates' }).click();
    await page.getByRole('heading', { name: 'Open for candidates?' }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Open and lock' }).click();
    await page.getByText('The assessment is open').waitFor();
    const sample = page.getByRole('region', { name: 'A sample draw' });
    expect(await sample.getByRole('article').count()).toBe(6);
    await expectAccessible();
    await page.getByRole('link', { name: 'Assessments' }).first().click();
    await page.waitForURL('**/assessments');
    await page.getByRole('link', { name: 'Backend engineer' }).waitFor();
    await expectAccessible();
  });
});
