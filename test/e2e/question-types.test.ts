import type { Question } from '../../src/banks/question.schemas';
import { bankFile } from '../helpers/bank-files';
import { DEFAULT_PASSWORD, createUser } from '../helpers/builders';
import { sample, sampleQuestions } from '../helpers/questions';
import {
  expectNoAxeViolations,
  horizontalOverflow,
  signInWithForm,
  useBrowserApp,
} from './browser';

jest.setTimeout(90_000);

const TYPES = Object.keys(sampleQuestions) as (keyof typeof sampleQuestions)[];
let assessmentId: number;
let linkPath: string;
let ownerEmail: string;

/** One assessment drawing one question of every type, and a candidate invited to it. */
const t = useBrowserApp(async ({ ctx }) => {
  const questions: Question[] = TYPES.map((type) =>
    sample(type, { id: `http-${type.replace('_', '-')}` }),
  );
  const report = await ctx.services.banks.importFiles([
    bankFile({
      skill: 'http-basics',
      name: 'HTTP and REST',
      keywords: ['http', 'rest'],
      questions,
    }),
  ]);
  if (!report.applied) throw new Error(JSON.stringify(report.problems));
  const owner = await createUser(ctx.db, { role: 'manager', name: 'Olive Owner' });
  ownerEmail = owner.email;
  const actor = { id: owner.id, name: owner.name, ip: '127.0.0.1' };
  const { assessments, invitations } = ctx.services;
  assessmentId = await assessments.createFromDescription(actor, owner, {
    title: 'Every type',
    text: 'Requirements\n- Designing REST APIs with HTTP',
  });
  await assessments.saveSettings(actor, owner, assessmentId, {
    title: 'Every type',
    timeLimitMinutes: 30,
    passThreshold: 60,
    difficultyMin: 1,
    difficultyMax: 5,
    shuffle: true,
    showResults: false,
    skills: [{ skill: 'http-basics', questionCount: TYPES.length, weight: 1, passThreshold: 60 }],
  });
  await assessments.open(actor, owner, assessmentId);
  const { link } = await invitations.invite(actor, owner, assessmentId, {
    name: 'Cara Candidate',
    email: 'cara@example.test',
  });
  linkPath = new URL(link).pathname;
});

describe('every question type in a real browser', () => {
  it('each question page is accessible and fits a phone, and the quality page after submitting', async () => {
    const { page } = t;
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${t.running.baseUrl}${linkPath}`);
    await page.getByRole('button', { name: 'Start' }).click();
    for (let n = 1; n <= TYPES.length; n += 1) {
      await page.getByRole('heading', { name: `Question ${n}`, exact: true }).waitFor();
      await expectNoAxeViolations(page);
      const { scrollWidth, width } = await horizontalOverflow(page);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await page.getByRole('button', { name: 'Save and next' }).click();
    }
    await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
    await page.getByRole('link', { name: 'Submit' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Your answers were submitted' }).waitFor();

    await page.context().clearCookies();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInWithForm(page, t.running.baseUrl, ownerEmail, DEFAULT_PASSWORD);
    await page.getByRole('heading', { name: 'Welcome, Olive Owner' }).waitFor();
    await page.goto(`${t.running.baseUrl}/assessments/${assessmentId}/quality`);
    await page.getByRole('heading', { name: 'Question quality' }).waitFor();
    await page.getByText('From 1 finished attempt').waitFor();
    await expectNoAxeViolations(page);
  });
});
