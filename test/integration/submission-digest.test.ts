import pino from 'pino';
import { csrfFrom, signedInAgent, submitForm, type Agent } from '../helpers/agents';
import { TEST_JOB_DESCRIPTION } from '../helpers/assessment-fixtures';
import {
  candidateAgent,
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { buildJobs } from '../../src/jobs/jobs';
import { createTestContext, type TestContext } from '../helpers/test-app';

/** The owner's email about candidates who finished: one per batch, at most one an hour. */

const MINUTE = 60_000;

let ctx: TestContext;
let assessment: OpenAssessment;
let emailCount = 0;

beforeEach(async () => {
  ctx = await createTestContext();
  assessment = await openTestAssessment(ctx);
});
afterEach(() => ctx.close());

/** Invites a candidate who opens the link and starts the quiz. */
async function startQuiz(name: string, on: OpenAssessment = assessment): Promise<Agent> {
  emailCount += 1;
  const { linkPath } = await inviteCandidate(ctx, on, {
    name,
    email: `candidate${emailCount}@example.test`,
  });
  const agent = await candidateAgent(ctx, linkPath);
  const practice = await agent.get('/quiz/practice');
  const started = await agent
    .post('/quiz/start')
    .type('form')
    .send({ _csrf: csrfFrom(practice.text) });
  expect(started.status).toBe(303);
  return agent;
}

async function submitQuiz(agent: Agent): Promise<void> {
  const confirm = await agent.get('/quiz/submit');
  const submitted = await agent
    .post('/quiz/submit')
    .type('form')
    .send({ _csrf: csrfFrom(confirm.text) });
  expect(submitted.status).toBe(303);
}

async function finishQuiz(name: string, on: OpenAssessment = assessment): Promise<void> {
  await submitQuiz(await startQuiz(name, on));
}

/** What the background job does every five minutes; the job runs a little after candidates. */
async function runDigestJobLater(): Promise<number> {
  ctx.clock.advance(5 * MINUTE);
  return ctx.services.submissionDigest.sendDue();
}

function mailTo(address: string) {
  return ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', address)
    .orderBy('id')
    .execute();
}

describe('the submission digest', () => {
  it('emails the owner once for several candidates, with names and links but no scores', async () => {
    await finishQuiz('Ana Alvarez');
    await finishQuiz('Ben <Brown>');
    await startQuiz('Cy Late');
    ctx.clock.advance(21 * MINUTE);
    await ctx.services.quiz.expireOverdue();

    expect(await runDigestJobLater()).toBe(1);

    const mails = await mailTo(assessment.owner.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const base = `${ctx.config.baseUrl}/assessments/${assessment.id}`;
    expect(mail?.subject).toBe('Backend hire: 3 candidates finished');
    expect(mail?.text_body).toContain('3 candidates finished "Backend hire" since it opened:');
    expect(mail?.text_body).toContain('- Ana Alvarez\n- Ben <Brown>\n- Cy Late (time ran out)');
    expect(mail?.text_body).toContain(`${base}/report`);
    expect(mail?.text_body).toContain(`${base}/candidates`);
    expect(mail?.text_body).not.toMatch(/score|%|pass|correct/i);
    expect(mail?.html_body).toContain('<li>Ben &lt;Brown&gt;</li>');
    expect(mail?.html_body).toContain(`href="${base}/report"`);
    expect(mail?.html_body).not.toContain('<Brown>');
  });

  it('sends nothing within the hour after a digest, then a second one with only the new candidates', async () => {
    await finishQuiz('Ana Alvarez');
    expect(await runDigestJobLater()).toBe(1);
    // In the very millisecond of the first digest: it belongs to the next one.
    await finishQuiz('Ben Brown');

    ctx.clock.advance(50 * MINUTE);
    expect(await runDigestJobLater()).toBe(0);
    expect(await mailTo(assessment.owner.email)).toHaveLength(1);

    expect(await runDigestJobLater()).toBe(1);
    const [, second] = await mailTo(assessment.owner.email);
    expect(second?.subject).toBe('Backend hire: 1 candidate finished');
    expect(second?.text_body).toContain(
      '1 candidate finished "Backend hire" since the last email about it:\n\n- Ben Brown\n',
    );
    expect(second?.text_body).not.toContain('Ana');

    ctx.clock.advance(2 * 60 * MINUTE);
    expect(await runDigestJobLater()).toBe(0);
  });

  it('sends nothing when the owner turned the emails off', async () => {
    const quiet = await openTestAssessment(ctx, { notifyOnSubmit: false });
    await finishQuiz('Ana Alvarez', quiet);

    expect(await runDigestJobLater()).toBe(0);
    expect(await mailTo(quiet.owner.email)).toEqual([]);
  });

  it('sends nothing while nobody has finished, and the first finisher is reported without waiting an hour', async () => {
    await inviteCandidate(ctx, assessment, { email: 'invited@example.test' });
    const working = await startQuiz('Wes Working');

    expect(await runDigestJobLater()).toBe(0);
    expect(await mailTo(assessment.owner.email)).toEqual([]);

    await submitQuiz(working);
    expect(await runDigestJobLater()).toBe(1);
    const [mail] = await mailTo(assessment.owner.email);
    expect(mail?.text_body).toContain('- Wes Working\n');
  });

  it('sends nothing to an owner whose account is disabled', async () => {
    await ctx.db
      .updateTable('users')
      .set({ disabled_at: ctx.clock.now() })
      .where('id', '=', assessment.owner.id)
      .execute();
    await finishQuiz('Ana Alvarez');

    expect(await runDigestJobLater()).toBe(0);
    expect(await mailTo(assessment.owner.email)).toEqual([]);
  });

  it('runs as a background job of the server', () => {
    const jobs = buildJobs(ctx.services, pino({ level: 'silent' }));
    const addAgain = () =>
      jobs.add({ name: 'submission-digest', everyMs: MINUTE, run: async () => undefined });
    expect(addAgain).toThrow('already added');
  });
});

describe('the email-on-submit setting', () => {
  it('is on for a new assessment, and the settings form turns it off and on', async () => {
    const { owner, actor } = assessment;
    const id = await ctx.services.assessments.createFromDescription(actor, owner, {
      title: 'Draft hire',
      text: TEST_JOB_DESCRIPTION,
    });
    const agent = await signedInAgent(ctx.app, owner.email);
    const settingsPath = `/assessments/${id}/settings`;
    const page = await agent.get(settingsPath);
    expect(page.text).toMatch(
      /<input type="checkbox" id="field-notifyOnSubmit" name="notifyOnSubmit" checked><label for="field-notifyOnSubmit">Email me when candidates submit \(at most one email an hour\)<\/label>/,
    );

    const fields = {
      title: 'Draft hire',
      timeLimitMinutes: '20',
      passThreshold: '60',
      difficultyMin: '1',
      difficultyMax: '5',
      'skills.git.questionCount': '2',
      'skills.git.weight': '1',
      'skills.git.passThreshold': '60',
      'skills.http-basics.questionCount': '2',
      'skills.http-basics.weight': '1',
      'skills.http-basics.passThreshold': '60',
    };
    const notifyOnSubmit = async () =>
      (await ctx.services.assessments.get(owner, id)).notifyOnSubmit;

    expect((await submitForm(agent, settingsPath, settingsPath, fields)).status).toBe(303);
    expect(await notifyOnSubmit()).toBe(false);
    expect((await agent.get(settingsPath)).text).toContain(
      'name="notifyOnSubmit" ><label for="field-notifyOnSubmit">',
    );

    const on = { ...fields, notifyOnSubmit: 'on' };
    expect((await submitForm(agent, settingsPath, settingsPath, on)).status).toBe(303);
    expect(await notifyOnSubmit()).toBe(true);
  });
});
