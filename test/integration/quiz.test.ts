import { Migrator } from 'kysely';
import request from 'supertest';
import { migrations } from '../../migrations';
import { migrateToLatest } from '../../src/db/migrator';
import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
import {
  candidateAgent,
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

const MINUTE = 60_000;

let ctx: TestContext;
let assessment: OpenAssessment;
let linkPath: string;
let invitationId: number;

beforeEach(async () => {
  ctx = await createTestContext();
  assessment = await openTestAssessment(ctx);
  ({ linkPath, invitationId } = await inviteCandidate(ctx, assessment));
});
afterEach(() => ctx.close());

/** POSTs a candidate form with the session's CSRF token (the practice page always has a form). */
async function post(agent: Agent, action: string, fields: object = {}) {
  const page = await agent.get('/quiz/practice');
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: csrfFrom(page.text) });
}

/** The displayed value of the option whose label is exactly `text` on a question page. */
function valueOf(html: string, text: string): string {
  const match = new RegExp(
    `id="choice-(\\d+)"[^>]*>\\s*<label for="choice-\\1">${text}</label>`,
  ).exec(html);
  if (!match?.[1]) throw new Error(`No option "${text}" in the page`);
  return match[1];
}

async function start(agent: Agent) {
  const started = await post(agent, '/quiz/start');
  expect(started.status).toBe(303);
  expect(started.headers.location).toBe('/quiz/q/1');
}

async function attemptRow() {
  return ctx.db
    .selectFrom('attempts')
    .selectAll()
    .where('invitation_id', '=', invitationId)
    .executeTakeFirstOrThrow();
}

async function storedResponses() {
  const attempt = await attemptRow();
  return ctx.db.selectFrom('responses').selectAll().where('attempt_id', '=', attempt.id).execute();
}

describe('a candidate takes the quiz with plain forms', () => {
  it('opens the link, starts, answers every question, reviews and submits', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    const landing = await agent.get('/quiz');
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('4 questions');
    expect(landing.text).toContain('20 minutes');
    expect(landing.text).toContain('What is recorded');
    await start(agent);

    for (let n = 1; n <= 4; n += 1) {
      const page = await agent.get(`/quiz/q/${n}`);
      expect(page.text).toContain(`Question ${n} of 4`);
      const saved = await agent
        .post(`/quiz/q/${n}`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), choice: valueOf(page.text, '404'), action: 'next' });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(n < 4 ? `/quiz/q/${n + 1}` : '/quiz/review');
    }
    const review = await agent.get('/quiz/review');
    expect(review.text).toContain('4 of 4 questions answered');
    const submitted = await post(agent, '/quiz/submit');
    expect(submitted.headers.location).toBe('/quiz/done');
    const done = await agent.get('/quiz/done');
    expect(done.text).toContain('Your answers were submitted');
    expect(await storedResponses()).toHaveLength(4);
    expect((await attemptRow()).status).toBe('submitted');
  });

  it('stores each answer in the bank order even though the options were shuffled', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    const page = await agent.get('/quiz/q/1');
    await agent
      .post('/quiz/q/1')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: valueOf(page.text, '404') });
    const [stored] = await storedResponses();
    expect(JSON.parse(stored?.response ?? '{}')).toEqual({ type: 'single', choice: 0 });
  });

  it('keeps a flag for review and shows it in the overview', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    await post(agent, '/quiz/q/2', {
      flag_shown: '1',
      flagged: 'on',
      action: 'overview',
    });
    const overview = await agent.get('/quiz/overview');
    expect(overview.text).toMatch(
      /Question 2<\/a>\s*<span[^>]*>Not answered<\/span>\s*<span[^>]*>Flagged/,
    );
  });

  it('a submitted attempt cannot start again: the link shows the finished page', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    await post(agent, '/quiz/submit');
    await post(agent, '/quiz/submit');
    const again = await candidateAgent(ctx, linkPath);
    const landing = await again.get('/quiz');
    expect(landing.headers.location).toBe('/quiz/done');
    const restart = await post(again, '/quiz/start');
    expect(restart.headers.location).toBe('/quiz/q/1');
    expect((await again.get('/quiz/q/1')).headers.location).toBe('/quiz/done');
  });
});

describe('the server keeps the clock', () => {
  it('refuses answers after the deadline plus grace, and says time ran out', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    const page = await agent.get('/quiz/q/1');
    ctx.clock.advance(20 * MINUTE + 11_000);
    const late = await agent
      .post('/quiz/q/1')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: '0' });
    expect(late.headers.location).toBe('/quiz/time-up');
    expect(await storedResponses()).toEqual([]);
    const timeUp = await agent.get('/quiz/time-up');
    expect(timeUp.text).toContain('Time ran out');
    expect(timeUp.text).toContain('0 of 4 questions');
  });

  it('accepts an answer a few seconds after the deadline, within the network grace', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    const page = await agent.get('/quiz/q/1');
    ctx.clock.advance(20 * MINUTE + 5_000);
    const saved = await agent
      .post('/quiz/q/1')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: '1' });
    expect(saved.body).toEqual({ saved: true, answered: true });
  });

  it('answers an autosave after the deadline with a JSON refusal and stores nothing', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    const page = await agent.get('/quiz/q/1');
    ctx.clock.advance(21 * MINUTE);
    const late = await agent
      .post('/quiz/q/1')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: '1' });
    expect(late.status).toBe(409);
    expect(late.body).toEqual({ saved: false, timeUp: true });
    expect(await storedResponses()).toEqual([]);
  });

  it('the sweep finalizes attempts whose time ran out', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    ctx.clock.advance(19 * MINUTE);
    expect(await ctx.services.quiz.expireOverdue()).toBe(0);
    ctx.clock.advance(MINUTE + 11_000);
    expect(await ctx.services.quiz.expireOverdue()).toBe(1);
    expect((await attemptRow()).status).toBe('expired');
    expect((await agent.get('/quiz')).headers.location).toBe('/quiz/time-up');
  });

  it('resumes on a second device with the same deadline and the answers saved so far', async () => {
    const first = await candidateAgent(ctx, linkPath);
    await start(first);
    await post(first, '/quiz/q/1', { choice: '2' });
    const deadline = (await attemptRow()).deadline_at;
    ctx.clock.advance(5 * MINUTE);
    const second = await candidateAgent(ctx, linkPath);
    expect((await second.get('/quiz')).headers.location).toBe('/quiz/overview');
    await post(second, '/quiz/start');
    expect((await attemptRow()).deadline_at).toBe(deadline);
    const page = await second.get('/quiz/q/1');
    expect(page.text).toMatch(/id="choice-2" name="choice" value="2" checked/);
  });

  it('lets a manager add time to a running attempt and reopen an expired one, with a reason', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await start(agent);
    const { quiz } = ctx.services;
    const change = (minutes: number, reason: string) =>
      quiz.changeTime(assessment.actor, assessment.owner, assessment.id, invitationId, {
        minutes,
        reason,
      });
    await expect(change(5, '  ')).rejects.toThrow('Please correct');
    const before = (await attemptRow()).deadline_at;
    await change(5, 'Power cut at the candidate');
    expect((await attemptRow()).deadline_at).toBe(before + 5 * MINUTE);

    ctx.clock.advance(40 * MINUTE);
    await quiz.expireOverdue();
    await change(10, 'Network outage confirmed');
    const reopened = await attemptRow();
    expect(reopened.status).toBe('in_progress');
    expect(reopened.deadline_at).toBe(ctx.clock.now() + 10 * MINUTE);
    const audit = await ctx.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['attempt.time_added', 'attempt.reopened']),
    );
  });

  it('applies a private time accommodation at once, and starts with it', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await post(agent, '/quiz/accommodation', { accommodation: 'second-language' });
    expect((await agent.get('/quiz')).text).toContain('25 minutes');
    await start(agent);
    const attempt = await attemptRow();
    expect(attempt.deadline_at - attempt.started_at).toBe(25 * MINUTE);
    const refused = await post(agent, '/quiz/accommodation', {
      accommodation: 'condition',
    });
    expect(refused.status).toBe(409);
  });
});

describe('a time limit per question', () => {
  it('closes each question its own time after the candidate first opens it', async () => {
    const timed = await openTestAssessment(ctx, { secondsPerQuestion: 60 });
    const invited = await inviteCandidate(ctx, timed, { email: 'timed@example.test' });
    const agent = await candidateAgent(ctx, invited.linkPath);
    await post(agent, '/quiz/start');
    const first = await agent.get('/quiz/q/1');
    expect(first.text).toContain('This question has its own time limit');
    ctx.clock.advance(75_000);
    const late = await agent
      .post('/quiz/q/1')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrfFrom(first.text), choice: '0' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('The time for this question is over');
    expect((await agent.get('/quiz/q/1')).text).toMatch(/<fieldset class="answer-area" disabled>/);
    const movedOn = await agent
      .post('/quiz/q/1')
      .type('form')
      .send({ _csrf: csrfFrom(first.text), choice: '0', action: 'next' });
    expect(movedOn.headers.location).toBe('/quiz/q/2');
    const second = await agent.get('/quiz/q/2');
    const saved = await agent
      .post('/quiz/q/2')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrfFrom(second.text), choice: '0' });
    expect(saved.body).toEqual({ saved: true, answered: true });
  });
});

describe('links', () => {
  it('refuses a revoked link and an expired one with a clear page that echoes nothing', async () => {
    await ctx.services.invitations.revoke(
      assessment.actor,
      assessment.owner,
      assessment.id,
      invitationId,
    );
    const revoked = await request(ctx.app).get(linkPath);
    expect(revoked.status).toBe(404);
    expect(revoked.text).toContain('withdrawn');
    expect(revoked.text).not.toContain(linkPath.slice(3));

    const other = await inviteCandidate(ctx, assessment, { email: 'late@example.test' });
    ctx.clock.advance(15 * 24 * 60 * MINUTE);
    const expired = await request(ctx.app).get(other.linkPath);
    expect(expired.status).toBe(404);
    expect(expired.text).toContain('expired');
  });

  it('refuses an unknown or malformed token', async () => {
    expect((await request(ctx.app).get(`/t/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await request(ctx.app).get('/t/not-a-token')).status).toBe(404);
  });

  it('keeps candidate and staff sessions apart', async () => {
    const candidate = await candidateAgent(ctx, linkPath);
    expect((await candidate.get('/assessments')).headers.location).toBe('/sign-in');
    const staff = await signedInAgent(ctx.app, assessment.owner.email);
    expect((await staff.get('/quiz')).status).toBe(403);
  });
});

describe('bad input never changes an attempt', () => {
  let agent: Agent;
  beforeEach(async () => {
    agent = await candidateAgent(ctx, linkPath);
    await start(agent);
  });

  it('refuses a question that is not in the attempt', async () => {
    expect((await agent.get('/quiz/q/99')).status).toBe(404);
    const page = await agent.get('/quiz/q/1');
    const posted = await agent
      .post('/quiz/q/99')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: '0' });
    expect(posted.status).toBe(404);
  });

  it('refuses an option that is not in the question, with a message, and saves nothing', async () => {
    const page = await agent.get('/quiz/q/1');
    const posted = await agent
      .post('/quiz/q/1')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: '7' });
    expect(posted.status).toBe(422);
    expect(posted.body.saved).toBe(false);
    expect(await storedResponses()).toEqual([]);
  });

  it('refuses a huge body with a clear 413 and a form replayed without its session token', async () => {
    const page = await agent.get('/quiz/q/1');
    const huge = await agent
      .post('/quiz/q/1')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), text: 'x'.repeat(1_000_000) });
    expect(huge.status).toBe(413);
    const stranger = request.agent(ctx.app);
    const replayed = await stranger
      .post('/quiz/q/1')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), choice: '0' });
    expect(replayed.status).toBe(403);
    expect(await storedResponses()).toEqual([]);
  });

  it('records integrity beacons and refuses unknown kinds', async () => {
    const page = await agent.get('/quiz/q/1');
    const token = csrfFrom(page.text);
    const beacon = (kind: string) =>
      agent.post('/quiz/events').set('x-csrf-token', token).send({ kind, question: 1 });
    expect((await beacon('tab_hidden')).status).toBe(204);
    expect((await beacon('launch_missiles')).status).toBe(400);
    const events = await ctx.db.selectFrom('integrity_events').select('kind').execute();
    expect(events).toEqual([{ kind: 'tab_hidden' }]);
  });
});

describe('integrity signals and time per question', () => {
  it('records a browser change once, and the time spent on each question', async () => {
    const agent = await candidateAgent(ctx, linkPath);
    await agent.get('/quiz/practice').set('User-Agent', 'Laptop browser');
    const page = await agent.get('/quiz/practice');
    await agent
      .post('/quiz/start')
      .set('User-Agent', 'Laptop browser')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    await agent.get('/quiz/q/1');
    ctx.clock.advance(30_000);
    for (let i = 0; i < 2; i += 1) {
      await agent
        .post('/quiz/q/1')
        .set('User-Agent', 'Phone browser')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), choice: '0', action: 'save' });
    }
    const events = await ctx.db
      .selectFrom('integrity_events')
      .select(['kind', 'details'])
      .execute();
    expect(events).toEqual([
      { kind: 'user_agent_change', details: JSON.stringify({ value: 'Phone browser' }) },
    ]);
    const first = await ctx.db
      .selectFrom('attempt_questions')
      .select('time_spent_ms')
      .where('position', '=', 0)
      .executeTakeFirstOrThrow();
    expect(first.time_spent_ms).toBe(30_000);
  });
});

describe('reminders', () => {
  it('sends one reminder to a candidate who has not started, after the delay, while the link is valid', async () => {
    const { invitations } = ctx.services;
    const started = await inviteCandidate(ctx, assessment, { email: 'busy@example.test' });
    await post(await candidateAgent(ctx, started.linkPath), '/quiz/start');
    ctx.clock.advance(47 * 60 * MINUTE);
    expect(await invitations.sendDueReminders()).toBe(0);
    ctx.clock.advance(2 * 60 * MINUTE);
    expect(await invitations.sendDueReminders()).toBe(1);
    expect(await invitations.sendDueReminders()).toBe(0);
    const reminder = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'cara@example.test')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(reminder.subject).toContain('Reminder');
    expect(reminder.text_body).toContain('/t/');
    // The reminder carries a new link; the first one no longer works.
    expect((await request(ctx.app).get(linkPath)).status).toBe(404);
  });
});

describe('exposure', () => {
  it('shows admins how many candidates got each question', async () => {
    await post(await candidateAgent(ctx, linkPath), '/quiz/start');
    const admin = await createUser(ctx.db, { role: 'admin' });
    const page = await (await signedInAgent(ctx.app, admin.email)).get('/banks/git');
    const shown = [...page.text.matchAll(/<td class="num">(\d+)<\/td>\s*<td><span class="status/g)];
    expect(shown.map((m) => Number(m[1])).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('counts every draw once, and migration 0012 counts the attempts taken before it', async () => {
    const client = { ip: '198.51.100.9', userAgent: 'test' };
    await ctx.services.quiz.start(invitationId, client);
    for (let i = 0; i < 3; i += 1) {
      const other = await inviteCandidate(ctx, assessment, { email: `other-${i}@example.test` });
      await ctx.services.quiz.start(other.invitationId, client);
    }
    const drawnCounts = async () =>
      Object.fromEntries(
        (
          await ctx.db
            .selectFrom('attempt_questions')
            .select((eb) => ['question_id', eb.fn.countAll<number>().as('n')])
            .groupBy('question_id')
            .execute()
        ).map((row) => [row.question_id, Number(row.n)]),
      );
    const counted = async () =>
      Object.fromEntries(await ctx.services.quiz.exposures(Object.keys(await drawnCounts())));
    const drawn = await drawnCounts();
    const perAttempt = (await ctx.services.quiz.progress(invitationId)).questions.length;
    expect(Object.values(drawn).reduce((a, b) => a + b, 0)).toBe(4 * perAttempt);
    expect(await counted()).toEqual(drawn);

    const migrator = new Migrator({
      db: ctx.db,
      provider: { getMigrations: async () => migrations },
    });
    expect((await migrator.migrateDown()).results?.[0]?.migrationName).toBe(
      '0012_question_exposures',
    );
    await migrateToLatest(ctx.db);
    expect(await counted()).toEqual(drawn);
  });
});
