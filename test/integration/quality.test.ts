import { csrfFrom, signedInAgent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import {
  candidateAgent,
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let assessment: OpenAssessment;

beforeEach(async () => {
  ctx = await createTestContext();
  assessment = await openTestAssessment(ctx);
});
afterEach(() => ctx.close());

async function finishedCandidate(email: string): Promise<void> {
  const { linkPath } = await inviteCandidate(ctx, assessment, { email });
  const agent = await candidateAgent(ctx, linkPath);
  const page = await agent.get('/quiz/practice');
  await agent
    .post('/quiz/start')
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
  await agent
    .post('/quiz/submit')
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
}

describe('the question quality page', () => {
  it('shows each drawn question with its statistics and the reliability per skill', async () => {
    await finishedCandidate('one@example.test');
    await finishedCandidate('two@example.test');
    const manager = await signedInAgent(ctx.app, assessment.owner.email);
    const page = await manager.get(`/assessments/${assessment.id}/quality`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('From 2 finished attempts');
    expect(page.text).toMatch(/<th scope="row">git<\/th>/);
    expect(page.text).toMatch(/href="\/banks\/git\/questions\/git-\d{3}"/);
    expect(page.text).toContain('Nothing is flagged on fewer than 30 candidates');
  });

  it('is not found for another manager', async () => {
    const other = await createUser(ctx.db, { role: 'manager' });
    const agent = await signedInAgent(ctx.app, other.email);
    expect((await agent.get(`/assessments/${assessment.id}/quality`)).status).toBe(404);
  });

  it('re-scores finished attempts with a corrected key when an admin asks, and audits old and new', async () => {
    await finishedCandidateAnswering('keyed@example.test', '404');
    const before = await overallScores();
    const admin = await createUser(ctx.db, { role: 'admin' });
    const adminActor = { id: admin.id, name: admin.name, ip: '127.0.0.1' };
    // Every test question keyed "404" is re-keyed to its second option, prompt and options unchanged.
    for (const bank of ['git', 'http-basics']) {
      for (const stored of await ctx.services.banks.listQuestions(bank, {})) {
        const question = stored.question;
        if (question.type !== 'single') continue;
        await ctx.services.banks.updateQuestion(adminActor, bank, question.id, {
          ...question,
          options: question.options.map((o, i) => ({ text: o.text, correct: i === 1 })),
        });
      }
    }
    const manager = await signedInAgent(ctx.app, assessment.owner.email);
    const refused = await manager.get(`/assessments/${assessment.id}/quality`);
    const forbidden = await manager
      .post(`/assessments/${assessment.id}/rescore`)
      .type('form')
      .send({ _csrf: csrfFrom(refused.text) });
    expect(forbidden.status).toBe(403);

    const agent = await signedInAgent(ctx.app, admin.email);
    const page = await agent.get(`/assessments/${assessment.id}/quality`);
    const rescored = await agent
      .post(`/assessments/${assessment.id}/rescore`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(rescored.status).toBe(303);
    expect(before).toEqual([1]);
    expect(await overallScores()).toEqual([0]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'attempt.rescored')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ before: 1, after: 0 });
  });
});

async function finishedCandidateAnswering(email: string, option: string): Promise<void> {
  const { linkPath, invitationId } = await inviteCandidate(ctx, assessment, { email });
  const agent = await candidateAgent(ctx, linkPath);
  const practice = await agent.get('/quiz/practice');
  await agent
    .post('/quiz/start')
    .type('form')
    .send({ _csrf: csrfFrom(practice.text) });
  const { questions } = await ctx.services.quiz.progress(invitationId);
  for (let n = 1; n <= questions.length; n += 1) {
    const page = await agent.get(`/quiz/q/${n}`);
    const value = new RegExp(`id="choice-(\\d+)"[^>]*>\\s*<label for="choice-\\1">${option}<`).exec(
      page.text,
    )?.[1];
    await agent
      .post(`/quiz/q/${n}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: value ?? '' });
  }
  await agent
    .post('/quiz/submit')
    .type('form')
    .send({ _csrf: csrfFrom(practice.text) });
}

async function overallScores(): Promise<number[]> {
  const rows = await ctx.db.selectFrom('attempt_scores').select('overall').execute();
  return rows.map((row) => row.overall);
}
