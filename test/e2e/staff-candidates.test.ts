import { DEFAULT_PASSWORD, createUser } from '../helpers/builders';
import {
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { expectNoAxeViolations, signInWithForm, useBrowserApp } from './browser';

jest.setTimeout(60_000);

let assessment: OpenAssessment;
let adminEmail: string;

const t = useBrowserApp(async ({ ctx }) => {
  assessment = await openTestAssessment(ctx);
  await inviteCandidate(ctx, assessment, { name: 'Cara Candidate', email: 'cara@example.test' });
  adminEmail = (await createUser(ctx.db, { role: 'admin', name: 'Ada Admin' })).email;
});

describe('staff pages of the candidate side in a real browser', () => {
  it('a manager invites through the form and sees the list; the page is accessible', async () => {
    const { page } = t;
    await signInWithForm(page, t.running.baseUrl, assessment.owner.email, DEFAULT_PASSWORD);
    await page.getByRole('heading', { name: 'Welcome, Olive Owner' }).waitFor();
    await page.goto(`${t.running.baseUrl}/assessments/${assessment.id}/candidates`);
    await page.getByRole('cell', { name: 'cara@example.test' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('Name', { exact: true }).fill('Dan Dev');
    await page.getByLabel('Email', { exact: true }).fill('dan@example.test');
    await page
      .getByRole('button', { name: /^Invite/ })
      .first()
      .click();
    await page.getByRole('cell', { name: 'dan@example.test' }).waitFor();
    await expectNoAxeViolations(page);
    await page.goto(`${t.running.baseUrl}/assessments/${assessment.id}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await expectNoAxeViolations(page);
  });

  it('an admin reads the queued invitations on the Outbox page; both pages are accessible', async () => {
    const { page } = t;
    await signInWithForm(page, t.running.baseUrl, adminEmail, DEFAULT_PASSWORD);
    await page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Outbox' })
      .click();
    await page.waitForURL('**/admin/outbox');
    await expectNoAxeViolations(page);
    await page
      .getByRole('link', { name: /Your skills assessment for Backend hire/ })
      .first()
      .click();
    await page.getByText('cara@example.test').first().waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${t.running.baseUrl}/banks/new`);
    await page.getByLabel('Name', { exact: true }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${t.running.baseUrl}/admin/users`);
    await page.getByRole('button', { name: /New reset link for Olive Owner/ }).click();
    await page.getByRole('heading', { name: 'New reset link for Olive Owner' }).waitFor();
    await expectNoAxeViolations(page);
  });
});
