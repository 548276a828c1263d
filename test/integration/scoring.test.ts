import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
import {
  candidateAgent,
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-app';

/** Scores through the real candidate pages: answer, submit, then read the manager's JSON. */

let ctx: TestContext;
let assessment: OpenAssessment;

beforeEach(async () => {
  ctx = await createTestContext();
  assessment = await openTestAssessment(ctx);
});
afterEach(() => ctx.close());

/** The displayed value of the option labelled `text`, or of another option. */
function optionValue(html: string, text: string, wanted: boolean): string {
  const options = [...html.matchAll(/id="choice-(\d+)"[^>]*>\s*<label for="choice-\1">([^<]*)</g)];
  const option = options.find((m) => (m[2] === text) === wanted);
  if (!option?.[1]) throw new Error('No such option');
  return option[1];
}

/** Takes the quiz: `answer` says, per skill, whether to pick the key, a wrong option or nothing. */
async function takeQuiz(
  email: string,
  answer: (skill: string) => 'key' | 'wrong' | 'none',
): Promise<void> {
  const { linkPath, invitationId } = await inviteCandidate(ctx, assessment, { email });
  const agent: Agent = await candidateAgent(ctx, linkPath);
  const practice = await agent.get('/quiz/practice');
  await agent
    .post('/quiz/start')
    .type('form')
    .send({ _csrf: csrfFrom(practice.text) });
  const { questions } = await ctx.services.quiz.progress(invitationId);
  for (const [i, question] of questions.entries()) {
    const page = await agent.get(`/quiz/q/${i + 1}`);
    const how = answer(question.skill);
    const fields: Record<string, string> = { _csrf: csrfFrom(page.text) };
    if (how !== 'none') fields.choice = optionValue(page.text, '404', how === 'key');
    await agent
      .post(`/quiz/q/${i + 1}`)
      .type('form')
      .send(fields);
  }
  const confirm = await agent.get('/quiz/submit');
  await agent
    .post('/quiz/submit')
    .type('form')
    .send({ _csrf: csrfFrom(confirm.text) });
}

async function scoresByEmail() {
  const manager = await signedInAgent(ctx.app, assessment.owner.email);
  const list = await manager
    .get(`/assessments/${assessment.id}/candidates`)
    .set('Accept', 'application/json');
  return new Map(
    (list.body.candidates as { email: string }[]).map((c) => [c.email, c] as const),
  ) as Map<string, Record<string, unknown>>;
}

describe('scores from the candidate pages', () => {
  it('gives 100% to the key, 0 to no answers, and a pass in one skill to one skill right', async () => {
    await takeQuiz('all@example.test', () => 'key');
    await takeQuiz('none@example.test', () => 'none');
    await takeQuiz('git@example.test', (skill) => (skill === 'git' ? 'key' : 'wrong'));
    const scores = await scoresByEmail();

    expect(scores.get('all@example.test')).toMatchObject({
      overall: { score: 1, passed: true },
      pending: false,
    });
    const all = scores.get('all@example.test')?.skills as Record<string, unknown>[];
    expect(all.map((s) => [s.skill, s.score, s.passed, s.questions])).toEqual([
      ['git', 1, true, 2],
      ['http-basics', 1, true, 2],
    ]);
    for (const skill of all) {
      expect(skill.low).toBeLessThan(1);
      expect(skill.high).toBe(1);
    }

    expect(scores.get('none@example.test')).toMatchObject({ overall: { score: 0, passed: false } });
    const gitOnly = scores.get('git@example.test')?.skills as Record<string, unknown>[];
    expect(gitOnly.map((s) => [s.skill, s.score, s.passed])).toEqual([
      ['git', 1, true],
      ['http-basics', 0, false],
    ]);
  });

  it('scores an attempt when its time runs out, with what was saved', async () => {
    const { linkPath } = await inviteCandidate(ctx, assessment, { email: 'slow@example.test' });
    const agent = await candidateAgent(ctx, linkPath);
    const practice = await agent.get('/quiz/practice');
    await agent
      .post('/quiz/start')
      .type('form')
      .send({ _csrf: csrfFrom(practice.text) });
    ctx.clock.advance(21 * 60_000);
    await ctx.services.quiz.expireOverdue();
    const slow = (await scoresByEmail()).get('slow@example.test');
    expect(slow).toMatchObject({ status: 'expired', overall: { score: 0, passed: false } });
  });

  it('shows candidates their final per-skill result only when the assessment says so', async () => {
    await takeQuiz('hidden@example.test', () => 'key');
    const shown = await openTestAssessment(ctx, { showResults: true });
    const { linkPath } = await inviteCandidate(ctx, shown, { email: 'shown@example.test' });
    const agent = await candidateAgent(ctx, linkPath);
    const practice = await agent.get('/quiz/practice');
    await agent
      .post('/quiz/start')
      .type('form')
      .send({ _csrf: csrfFrom(practice.text) });
    await agent
      .post('/quiz/submit')
      .type('form')
      .send({ _csrf: csrfFrom(practice.text) });
    const done = await agent.get('/quiz/done');
    expect(done.text).toContain('Your result');
    expect(done.text).toContain('The likely range is where your score would fall');
    expect(done.text).not.toContain('correct');
  });

  it('leaves scores out of the JSON until the attempt ends', async () => {
    const { linkPath } = await inviteCandidate(ctx, assessment, { email: 'busy@example.test' });
    const agent = await candidateAgent(ctx, linkPath);
    const practice = await agent.get('/quiz/practice');
    await agent
      .post('/quiz/start')
      .type('form')
      .send({ _csrf: csrfFrom(practice.text) });
    const busy = (await scoresByEmail()).get('busy@example.test');
    expect(busy).not.toHaveProperty('overall');
    expect(busy).not.toHaveProperty('skills');
  });
});
