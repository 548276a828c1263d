import type { Page } from 'playwright-core';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { bankFile } from '../helpers/bank-files';
import { createUser, DEFAULT_PASSWORD } from '../helpers/builders';
import { sample } from '../helpers/questions';
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

  it('a manager chooses which of several named languages to assess', async () => {
    const bank = (skill: string, name: string, prefix: string) =>
      bankFile({
        skill,
        name,
        keywords: [],
        questions: Array.from({ length: 6 }, (_, i) =>
          sample('single', { id: `${prefix}-${i + 1}`, prompt: `${name} question ${i + 1}` }),
        ),
      });
    const report = await t.running.ctx.services.banks.importFiles([
      bank('backend-language', 'Back-end programming fundamentals', 'bl'),
      bank('python', 'Python', 'py'),
      bank('java', 'Java', 'jv'),
    ]);
    expect(report.applied).toBe(true);
    await signInAsManager();
    await page.goto(`${t.running.baseUrl}/assessments/new`);
    await page.getByLabel('Title').fill('Polyglot back end');
    await page
      .getByLabel('Job description')
      .fill(
        'Requirements\n- Proficiency with server-side languages such as Python, Ruby, Java, PHP and .NET\n',
      );
    await page.getByRole('button', { name: 'Find skills' }).click();

    await page.getByRole('heading', { name: 'Review the skills' }).waitFor();
    const languages = page.getByRole('group', { name: 'Languages to assess' });
    await languages.getByText('No bank covers Ruby, PHP, C#/.NET yet.').waitFor();
    expect(await languages.getByRole('checkbox').count()).toBe(2);
    await expectAccessible();
    await languages.getByRole('checkbox', { name: 'Java' }).check();
    await page.getByRole('button', { name: 'Save skills and continue' }).click();

    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel('Questions for Java').waitFor();
    expect(await page.getByLabel('Questions for Back-end programming fundamentals').count()).toBe(
      0,
    );
    await page.goBack();
    await page.reload();
    const again = page.getByRole('group', { name: 'Languages to assess' });
    expect(await again.getByRole('checkbox', { name: 'Java' }).isChecked()).toBe(true);
    expect(await again.getByRole('checkbox', { name: 'Python' }).isChecked()).toBe(false);
  });
});
