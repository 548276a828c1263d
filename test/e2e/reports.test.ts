import type { Page } from 'playwright-core';
import { DEFAULT_PASSWORD } from '../helpers/builders';
import { inviteCandidate, type OpenAssessment } from '../helpers/candidate-fixtures';
import { ESSAY_ID, openEssayAssessment, takeQuiz } from '../helpers/report-fixtures';
import {
  expectNoAxeViolations,
  horizontalOverflow,
  saveScreenshot,
  signInWithForm,
  useBrowserApp,
} from './browser';

jest.setTimeout(60_000);

let assessment: OpenAssessment;
let ace: number;
/** The 1-based number of Ace's essay in the attempt. */
let essayNumber: number;

const t = useBrowserApp(async ({ ctx }) => {
  assessment = await openEssayAssessment(ctx);
  const invite = async (name: string, email: string) =>
    (await inviteCandidate(ctx, assessment, { name, email })).invitationId;
  ace = await invite('Ace Keys', 'ace@example.test');
  await takeQuiz(ctx, ace, 'key');
  await takeQuiz(ctx, await invite('Bea Wrong', 'bea@example.test'), 'wrong');
  await invite('Ivy Invited', 'ivy@example.test');
  const report = await ctx.services.reports.candidateReport(assessment.owner, assessment.id, ace);
  essayNumber = (report.questions.find((q) => q.questionId === ESSAY_ID)?.position ?? 0) + 1;
});

const url = (path: string) => `${t.running.baseUrl}${path}`;
const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { name, level: 1 });

async function signIn(page: Page) {
  await signInWithForm(page, t.running.baseUrl, assessment.owner.email, DEFAULT_PASSWORD);
  await page.getByRole('heading', { name: 'Welcome, Olive Owner' }).waitFor();
}

async function openDashboard(page: Page) {
  await page.goto(url(`/assessments/${assessment.id}`));
  await page.getByRole('link', { name: 'Report', exact: true }).first().click();
  await heading(page, 'Report · Backend hire').waitFor();
}

describe('a manager reads the reports in a real browser', () => {
  it('opens the dashboard, sorts it, and compares two candidates side by side', async () => {
    const { page } = t;
    await signIn(page);
    await openDashboard(page);
    await page.getByRole('img', { name: 'Overall scores of all candidates' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'report-dashboard.png');

    // Sorted best first; the column link turns the order round.
    const names = page.locator('.report-table tbody th');
    expect(await names.allTextContents()).toEqual(['Ace Keys', 'Bea Wrong', 'Ivy Invited']);
    await page.getByRole('link', { name: 'Overall', exact: true }).click();
    await page.waitForURL(/sort=overall&dir=asc/);
    expect(await names.allTextContents()).toEqual(['Bea Wrong', 'Ace Keys', 'Ivy Invited']);

    await page.getByLabel('Compare Ace Keys').check();
    await page.getByLabel('Compare Bea Wrong').check();
    await page.getByRole('button', { name: 'Compare' }).click();
    await heading(page, 'Compare candidates · Backend hire').waitFor();
    await page.getByRole('img', { name: 'Overall score per candidate' }).waitFor();
    await page.getByRole('columnheader', { name: 'Bea Wrong' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'report-compare.png');
  });

  it("opens a candidate's report, grades the essay, decides, and prints it without forms", async () => {
    const { page } = t;
    await signIn(page);
    await openDashboard(page);
    await page.getByRole('link', { name: 'Ace Keys' }).click();
    await heading(page, 'Ace Keys · Backend hire').waitFor();
    await page.getByText('Provisional', { exact: true }).first().waitFor();
    await page.getByRole('img', { name: "Ace Keys's score per skill" }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'report-candidate.png');

    await page.getByLabel(`Points for question ${essayNumber} (0 to 5)`).fill('5');
    await page.getByRole('button', { name: `Save grade of question ${essayNumber}` }).click();
    await page.getByText('Every essay is graded, so the scores are final.').waitFor();
    expect(page.url()).toMatch(new RegExp(`#question-${essayNumber}$`));
    expect(await page.getByText('Provisional', { exact: true }).count()).toBe(0);

    await page.getByLabel('Advance').check();
    await page.getByLabel('Notes (optional, seen by the hiring team)').fill('Strong all round.');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Decision saved: Advance.').waitFor();

    await page.getByRole('link', { name: 'Essays to grade' }).click();
    await heading(page, 'Essays to grade · Backend hire').waitFor();
    // Bea's essay still waits; Ace's is graded.
    await page.getByText('1 essay waits for a grade').waitFor();
    await page.getByRole('link', { name: /^Grade question \d+ of Bea Wrong$/ }).waitFor();
    await expectNoAxeViolations(page);
    await page.goBack();
    await heading(page, 'Ace Keys · Backend hire').waitFor();

    await page.emulateMedia({ media: 'print' });
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'hidden' });
    expect(await page.locator('form:visible').count()).toBe(0);
    expect(await page.getByRole('img', { name: "Ace Keys's score per skill" }).isVisible()).toBe(
      true,
    );
    await page.getByRole('paragraph').filter({ hasText: 'Strong all round.' }).waitFor();
  });

  it('fits a 375 px phone: wide tables and charts stay in their own box', async () => {
    const { page } = t;
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page);
    const pages: [string, string][] = [
      [`/assessments/${assessment.id}/report`, 'Report · Backend hire'],
      [`/assessments/${assessment.id}/candidates/${ace}/report`, 'Ace Keys · Backend hire'],
    ];
    for (const [path, title] of pages) {
      await page.goto(url(path));
      await heading(page, title).waitFor();
      const { scrollWidth, width } = await horizontalOverflow(page);
      expect({ path, scrollWidth }).toEqual({ path, scrollWidth: width });
    }
    await saveScreenshot(page, 'report-candidate-375.png');
  });
});
