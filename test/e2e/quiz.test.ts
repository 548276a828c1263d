import type { Page } from 'playwright-core';
import {
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import {
  closeOwnContext,
  expectNoAxeViolations,
  horizontalOverflow,
  pageInNewContext,
  saveScreenshot,
  useBrowserApp,
} from './browser';

jest.setTimeout(60_000);

const MINUTE = 60_000;
/** The test banks' single-choice questions all offer 404, 403, 410 and 400, in that bank order. */
const BANK_INDEX = { '404': 0, '403': 1 } as const;
const OFFLINE_MESSAGE =
  'You are offline. Your latest answer is kept in this page and will be sent when the connection is back.';
const SAVED = /^Saved at \d{2}:\d{2}:\d{2} UTC\.$/;
const LIVE_COUNTDOWN = /^Time left: \d{2}:\d{2}$/;

let assessment: OpenAssessment;
let candidate: { invitationId: number; linkPath: string };

const t = useBrowserApp(async (running) => {
  assessment = await openTestAssessment(running.ctx);
  candidate = await inviteCandidate(running.ctx, assessment);
});

const url = (path: string) => `${t.running.baseUrl}${path}`;

async function openLink(page: Page, linkPath = candidate.linkPath) {
  await page.goto(url(linkPath));
  await page.getByRole('heading', { name: 'Backend hire' }).waitFor();
}

async function startQuiz(page: Page) {
  await page.getByRole('button', { name: 'Start' }).click();
  await questionHeading(page, 1).waitFor();
}

const questionHeading = (page: Page, n: number) =>
  page.getByRole('heading', { name: `Question ${n}`, exact: true });

const option = (page: Page, label: keyof typeof BANK_INDEX) =>
  page.getByLabel(label, { exact: true });

const saveStatus = (page: Page) => page.locator('[data-save-status]');

/** Waits until the save status reads as it should. */
async function statusReads(page: Page, expected: RegExp | string) {
  await page.waitForFunction(
    ([source, flags, exact]) => {
      const text = document.querySelector('[data-save-status]')?.textContent?.trim() ?? '';
      return exact === null ? new RegExp(source, flags).test(text) : text === exact;
    },
    typeof expected === 'string'
      ? (['', '', expected] as const)
      : ([expected.source, expected.flags, null] as const),
  );
}

/** Saved answers of a candidate as bank option indexes, by 0-based position. */
async function storedAnswers(invitationId = candidate.invitationId) {
  const rows = await t.running.ctx.db
    .selectFrom('responses')
    .innerJoin('attempts', 'attempts.id', 'responses.attempt_id')
    .select(['responses.position', 'responses.response'])
    .where('attempts.invitation_id', '=', invitationId)
    .orderBy('responses.position')
    .execute();
  return rows.map((row) => ({
    position: row.position,
    choice: (JSON.parse(row.response) as { choice: number }).choice,
  }));
}

async function flaggedPositions() {
  const rows = await t.running.ctx.db
    .selectFrom('attempt_questions')
    .innerJoin('attempts', 'attempts.id', 'attempt_questions.attempt_id')
    .select('attempt_questions.position')
    .where('attempts.invitation_id', '=', candidate.invitationId)
    .where('attempt_questions.flagged', '=', 1)
    .execute();
  return rows.map((row) => row.position);
}

async function attemptDeadline(invitationId = candidate.invitationId) {
  const attempt = await t.running.ctx.db
    .selectFrom('attempts')
    .select('deadline_at')
    .where('invitation_id', '=', invitationId)
    .executeTakeFirstOrThrow();
  return attempt.deadline_at;
}

describe('a candidate takes the quiz in a real browser', () => {
  it('completes the quiz with JavaScript off, with plain form posts', async () => {
    const page = await pageInNewContext(t.browser, { javaScriptEnabled: false });
    try {
      await openLink(page);
      await startQuiz(page);
      for (let n = 1; n <= 4; n += 1) {
        await questionHeading(page, n).waitFor();
        await page.getByText(`Question ${n} of 4`).waitFor();
        await option(page, '404').check();
        await page.getByRole('button', { name: 'Save and next' }).click();
      }
      await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
      await page.getByText('4 of 4 questions answered').waitFor();
      await page.getByRole('link', { name: 'Submit', exact: true }).click();
      await page.getByRole('heading', { name: 'Submit your answers?' }).waitFor();
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      await page.getByRole('heading', { name: 'Your answers were submitted' }).waitFor();
      await page.getByText('You answered 4 of 4 questions.').waitFor();
    } finally {
      await closeOwnContext(page);
    }
    expect(await storedAnswers()).toEqual(
      [0, 1, 2, 3].map((position) => ({ position, choice: BANK_INDEX['404'] })),
    );
  });

  it('with JavaScript on: autosaves, counts down, flags, jumps back and keeps an answer made offline', async () => {
    const { page } = t;
    await openLink(page);
    await startQuiz(page);
    // Keyboard and screen-reader users start at the question.
    await page.waitForFunction(() => document.activeElement?.id === 'question-heading');

    // The server renders the time left in words; the script turns it into a live countdown.
    const rendered = await (await page.request.get(url('/quiz/q/1'))).text();
    expect(rendered).toContain('Time left: about 20 min 00 s');
    const timerText = page.locator('[data-timer-text]');
    await page.waitForFunction(
      (pattern) =>
        new RegExp(pattern).test(document.querySelector('[data-timer-text]')!.textContent!),
      LIVE_COUNTDOWN.source,
    );
    const firstReading = await timerText.textContent();
    expect(firstReading).toMatch(/^Time left: (20:00|19:5\d)$/);
    await page.waitForFunction(
      (before) => document.querySelector('[data-timer-text]')!.textContent !== before,
      firstReading,
    );
    expect(await timerText.textContent()).toMatch(LIVE_COUNTDOWN);

    // Picking an answer saves it without pressing a button.
    await option(page, '404').check();
    await statusReads(page, SAVED);
    expect(await storedAnswers()).toEqual([{ position: 0, choice: BANK_INDEX['404'] }]);

    // A flag on question 2 shows in the overview.
    await page.getByRole('button', { name: 'Save and next' }).click();
    await questionHeading(page, 2).waitFor();
    await page.getByLabel('Flag this question to come back to it').check();
    await statusReads(page, /^Saved at .*No answer given yet\.$/);
    expect(await flaggedPositions()).toEqual([1]);
    await page.getByRole('button', { name: 'All questions' }).click();
    await page.getByRole('heading', { name: 'Your questions' }).waitFor();
    const second = page.getByRole('listitem').filter({ hasText: 'Question 2' });
    await second.getByText('Flagged').waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Question 1' })
      .getByText('Answered', { exact: true })
      .waitFor();

    // Back to question 1 through the overview: the saved answer is there.
    await page.getByRole('link', { name: 'Question 1', exact: true }).click();
    await questionHeading(page, 1).waitFor();
    expect(await option(page, '404').isChecked()).toBe(true);

    // The connection drops: the new answer stays in the page and is sent once it is back.
    await page.context().setOffline(true);
    await option(page, '403').check();
    await statusReads(page, OFFLINE_MESSAGE);
    expect(await saveStatus(page).getAttribute('class')).toContain('is-offline');
    await expectNoAxeViolations(page);
    expect(await storedAnswers()).toEqual([{ position: 0, choice: BANK_INDEX['404'] }]);
    await page.context().setOffline(false);
    await statusReads(page, SAVED);
    expect(await saveStatus(page).getAttribute('class')).not.toContain('is-offline');
    expect(await storedAnswers()).toEqual([{ position: 0, choice: BANK_INDEX['403'] }]);

    // Moving between pages hides each page as it unloads; that is not switching away.
    const events = await t.running.ctx.db.selectFrom('integrity_events').select('kind').execute();
    expect(events.map((e) => e.kind)).not.toContain('tab_hidden');
  });

  it('records copying the question as a signal for the hiring team', async () => {
    const { page } = t;
    await openLink(page);
    await startQuiz(page);
    const beacon = page.waitForResponse((r) => r.url().endsWith('/quiz/events'));
    await page.locator('#prompt').selectText();
    await page.keyboard.press('Control+C');
    expect((await beacon).status()).toBe(204);
    const events = await t.running.ctx.db
      .selectFrom('integrity_events')
      .select(['kind', 'position'])
      .execute();
    expect(events).toEqual([{ kind: 'copy', position: 0 }]);
  });
});

describe('when the time runs out', () => {
  it('refuses an answer sent with the button after the deadline and keeps the earlier ones', async () => {
    const page = await pageInNewContext(t.browser, { javaScriptEnabled: false });
    try {
      await openLink(page);
      await startQuiz(page);
      await option(page, '404').check();
      await page.getByRole('button', { name: 'Save and next' }).click();
      await questionHeading(page, 2).waitFor();
      t.running.ctx.clock.advance(20 * MINUTE + 11_000);
      await option(page, '404').check();
      await page.getByRole('button', { name: 'Save and next' }).click();
      await page.getByRole('heading', { name: 'Time ran out' }).waitFor();
      await page.getByText('Every answer you saved before the end is kept: 1 of 4').waitFor();
    } finally {
      await closeOwnContext(page);
    }
    expect(await storedAnswers()).toEqual([{ position: 0, choice: BANK_INDEX['404'] }]);
  });

  it('an autosave after the deadline takes the candidate to the time-up page', async () => {
    const { page } = t;
    await openLink(page);
    await startQuiz(page);
    t.running.ctx.clock.advance(21 * MINUTE);
    // click, not check: the page leaves before a checked box could be confirmed.
    await option(page, '404').click();
    await page.getByRole('heading', { name: 'Time ran out' }).waitFor();
    expect(page.url()).toBe(url('/quiz/time-up'));
    expect(await storedAnswers()).toEqual([]);
  });

  it('the countdown reaches zero, saves the answer and shows the time-up page', async () => {
    const { page } = t;
    await openLink(page);
    await startQuiz(page);
    await option(page, '404').check();
    await statusReads(page, SAVED);
    // Five seconds before the server's deadline, the candidate opens question 2.
    t.running.ctx.clock.advance((await attemptDeadline()) - t.running.ctx.clock.now() - 5_000);
    await page.getByRole('button', { name: 'Save and next' }).click();
    await questionHeading(page, 2).waitFor();
    await page.waitForFunction(() =>
      /^Time left: 00:0[0-5]$/.test(document.querySelector('[data-timer-text]')!.textContent!),
    );
    // The server's clock passes the deadline (within the network grace) as the browser's nears zero.
    t.running.ctx.clock.advance(6_000);
    await option(page, '403').check();
    await page.getByRole('heading', { name: 'Time ran out' }).waitFor();
    await page.getByText('Every answer you saved before the end is kept: 2 of 4').waitFor();
    expect(await storedAnswers()).toEqual([
      { position: 0, choice: BANK_INDEX['404'] },
      { position: 1, choice: BANK_INDEX['403'] },
    ]);
  });
});

describe('a question with its own time limit', () => {
  it('refuses an autosave once the question has closed, says why and stays on the page', async () => {
    const timed = await openTestAssessment(t.running.ctx, { secondsPerQuestion: 60 });
    const quinn = await inviteCandidate(t.running.ctx, timed, {
      name: 'Quinn Quick',
      email: 'quinn@example.test',
    });
    const { page } = t;
    await openLink(page, quinn.linkPath);
    await startQuiz(page);
    await page.getByText(/This question has its own time limit/).waitFor();
    t.running.ctx.clock.advance(60_000 + 11_000);
    await option(page, '404').check();
    await statusReads(
      page,
      'Not saved: The time for this question is over, so this change was not saved. Your earlier answer is kept.',
    );
    expect(page.url()).toBe(url('/quiz/q/1'));
    expect(await storedAnswers(quinn.invitationId)).toEqual([]);
  });
});

describe('candidate pages are accessible', () => {
  it('has no axe violations on the landing, practice, question, overview, review, confirm, submitted and time-up pages', async () => {
    const { page } = t;
    await openLink(page);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Try a practice question' }).click();
    await page.getByRole('heading', { name: 'Practice question' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('Blue').check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByText('Correct.').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Back to the start page' }).click();
    await page.getByRole('heading', { name: 'Backend hire' }).waitFor();

    await startQuiz(page);
    await expectNoAxeViolations(page);
    await option(page, '404').check();
    await statusReads(page, SAVED);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'All questions' }).click();
    await page.getByRole('heading', { name: 'Your questions' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Review and submit' }).click();
    await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Submit', exact: true }).click();
    await page.getByRole('heading', { name: 'Submit your answers?' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('heading', { name: 'Your answers were submitted' }).waitFor();
    await expectNoAxeViolations(page);

    // A second candidate whose time runs out.
    const late = await inviteCandidate(t.running.ctx, assessment, {
      name: 'Lee Late',
      email: 'lee@example.test',
    });
    const latePage = await pageInNewContext(t.browser);
    try {
      await openLink(latePage, late.linkPath);
      await startQuiz(latePage);
      t.running.ctx.clock.advance(21 * MINUTE);
      await latePage.goto(url('/quiz'));
      await latePage.getByRole('heading', { name: 'Time ran out' }).waitFor();
      await expectNoAxeViolations(latePage);
    } finally {
      await closeOwnContext(latePage);
    }
  });
});

describe('on a phone', () => {
  it('shows a question 375 px wide without sideways scrolling', async () => {
    const { page } = t;
    await page.setViewportSize({ width: 375, height: 812 });
    await openLink(page);
    await startQuiz(page);
    await option(page, '404').check();
    await statusReads(page, SAVED);
    const { scrollWidth } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await saveScreenshot(page, 'quiz-question-375.png');
  });
});
