import type { Page } from 'playwright-core';
import { TEST_JOB_DESCRIPTION } from '../helpers/assessment-fixtures';
import { createUser, DEFAULT_PASSWORD } from '../helpers/builders';
import { inviteCandidate, type OpenAssessment } from '../helpers/candidate-fixtures';
import { openEssayAssessment, takeQuiz } from '../helpers/report-fixtures';
import {
  expectNoAxeViolations,
  horizontalOverflow,
  signInWithForm,
  useBrowserApp,
} from './browser';

jest.setTimeout(120_000);

const PHONE = { width: 375, height: 800 };

let open: OpenAssessment;
let draft: number;
let adminEmail: string;

const t = useBrowserApp(async ({ ctx }) => {
  open = await openEssayAssessment(ctx);
  const invited = await inviteCandidate(ctx, open, { name: 'Ace Keys', email: 'ace@example.test' });
  await takeQuiz(ctx, invited.invitationId, 'key');
  const admin = await createUser(ctx.db, { role: 'admin', name: 'Ada Admin' });
  adminEmail = admin.email;
  draft = await ctx.services.assessments.createFromDescription(
    { id: admin.id, name: admin.name, ip: '127.0.0.1' },
    admin,
    { title: 'Backend engineer with a long title for a small screen', text: TEST_JOB_DESCRIPTION },
  );
});

/** The outermost elements that stick out to the right, to say what to fix. */
function widest(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const names: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (element.getBoundingClientRect().right <= width) continue;
      const parent = element.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > width) {
        continue;
      }
      const clipped = (e: Element | null): boolean =>
        !!e &&
        e !== document.body &&
        (getComputedStyle(e).overflowX !== 'visible' || clipped(e.parentElement));
      // An absolutely positioned element can escape a scroll box that is not positioned.
      const escapes = ['absolute', 'fixed'].includes(getComputedStyle(element).position);
      if (clipped(parent) && !escapes) continue;
      names.push(`${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}`);
    }
    return names.slice(0, 3);
  }, PHONE.width);
}

describe('staff pages at phone width (375 px)', () => {
  it('fits every staff page in the width of the screen, with no sideways scrolling', async () => {
    const { page } = t;
    await page.setViewportSize(PHONE);
    await signInWithForm(page, t.running.baseUrl, adminEmail, DEFAULT_PASSWORD);
    await page.getByRole('heading', { name: 'Welcome, Ada Admin', level: 1 }).waitFor();

    const pages: [string, string | RegExp][] = [
      ['/', 'Welcome, Ada Admin'],
      ['/assessments', 'Assessments'],
      ['/assessments/new', 'New assessment from a job description'],
      [`/assessments/${draft}/mapping`, 'Review the skills'],
      [`/assessments/${draft}/settings`, 'Settings'],
      [`/assessments/${draft}`, /Backend engineer with a long title/],
      [`/assessments/${draft}/open`, 'Open for candidates?'],
      [`/assessments/${open.id}`, 'Backend hire'],
      [`/assessments/${open.id}/settings`, 'Settings'],
      [`/assessments/${open.id}/candidates`, /^Candidates/],
      [`/assessments/${open.id}/report`, /^Report/],
      ['/banks', 'Question banks'],
      ['/banks/git', 'Git and version control'],
      ['/banks/git/questions/git-001', 'Question git-001'],
      ['/banks/git/questions/git-001/edit', /^Edit /],
      ['/banks/import', 'Import questions'],
      ['/admin/users', 'Users'],
      ['/admin/audit', 'Audit log'],
      ['/admin/outbox', 'Outbox'],
      ['/admin/backups', 'Backups'],
    ];
    const overflowing: string[] = [];
    for (const [path, heading] of pages) {
      await page.goto(`${t.running.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const { scrollWidth } = await horizontalOverflow(page);
      if (scrollWidth > PHONE.width) {
        overflowing.push(`${path}: ${scrollWidth} px (${(await widest(page)).join(', ')})`);
      }
    }
    expect(overflowing).toEqual([]);
    // The newest staff page, Backups, is also checked for accessibility here.
    await page.goto(`${t.running.baseUrl}/admin/backups`);
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    await expectNoAxeViolations(page);
  });
});
