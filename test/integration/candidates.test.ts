import request from 'supertest';
import type { Actor } from '../../src/audit/actor';
import { hashToken } from '../../src/auth/tokens';
import type { StaffUser } from '../../src/users/users.types';
import { signedInAgent, submitForm, type Agent } from '../helpers/agents';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { createUser, lastMailTo, linkIn } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

const DAY = 86_400_000;
const MINUTE = 60_000;
const CLIENT = { ip: '127.0.0.1', userAgent: 'jest' };

let ctx: TestContext;
let owner: StaffUser;
let agent: Agent;
let id: number;
let page: string;

const actorOf = (user: StaffUser): Actor => ({ id: user.id, name: user.name, ip: '127.0.0.1' });

async function createAssessment(user: StaffUser, open: boolean): Promise<number> {
  const created = await ctx.services.assessments.createFromDescription(actorOf(user), user, {
    title: 'Backend hire',
    text: TEST_JOB_DESCRIPTION,
  });
  if (open) await ctx.services.assessments.open(actorOf(user), user, created);
  return created;
}

beforeEach(async () => {
  ctx = await createTestContext();
  await importTestBanks(ctx);
  owner = await createUser(ctx.db, { role: 'manager', name: 'Olive Owner' });
  agent = await signedInAgent(ctx.app, owner.email);
  id = await createAssessment(owner, true);
  page = `/assessments/${id}/candidates`;
});
afterEach(() => ctx.close());

function invite(fields: Record<string, string>, as: Agent = agent, path = page) {
  return submitForm(as, path, path, fields);
}

/** Invites through the service and returns the invitation id and the token of its link. */
async function invited(name: string, email: string): Promise<{ id: number; token: string }> {
  const { invitation, link } = await ctx.services.invitations.invite(actorOf(owner), owner, id, {
    name,
    email,
  });
  return { id: invitation.id, token: link.split('/t/')[1] ?? '' };
}

const invitationRows = () => ctx.db.selectFrom('invitations').selectAll().orderBy('id').execute();
const outboxCount = async () => (await ctx.db.selectFrom('outbox').selectAll().execute()).length;
const auditOf = (action: string) =>
  ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const attemptOf = (invitationId: number) =>
  ctx.db
    .selectFrom('attempts')
    .selectAll()
    .where('invitation_id', '=', invitationId)
    .executeTakeFirstOrThrow();

describe('inviting one candidate', () => {
  it('lists them as invited and emails them a /t/ link whose token is stored only as a hash', async () => {
    const response = await invite({
      name: 'Ann Lee',
      email: 'Ann.Lee@Example.com',
      extraTimePercent: '25',
      expiresInDays: '7',
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(page);

    const list = await agent.get(page);
    expect(list.text).toContain('Ann Lee is invited');
    expect(list.text).toMatch(
      /<th scope="row"><a href="[^"]+\/report">Ann Lee<\/a><\/th>\s*<td>ann.lee@example.com<\/td>\s*<td>Invited<\/td>/,
    );

    const mail = await lastMailTo(ctx.db, 'ann.lee@example.com');
    const path = linkIn(mail.text_body);
    expect(path).toMatch(/^\/t\/[\w-]{20,}$/);
    const token = path.slice('/t/'.length);
    const [row] = await invitationRows();
    expect(row).toMatchObject({
      name: 'Ann Lee',
      email: 'ann.lee@example.com',
      extra_time_percent: 25,
      expires_at: ctx.clock.now() + 7 * DAY,
      token_hash: hashToken(token),
    });
    expect(JSON.stringify(await invitationRows())).not.toContain(token);
    const [entry] = await auditOf('invitation.created');
    expect(entry).toMatchObject({ actor_id: owner.id, subject_id: String(row?.id) });
  });

  it('keeps the link valid 14 days when no validity is given', async () => {
    await invite({ name: 'Bo Chen', email: 'bo@example.com', expiresInDays: '' });
    const [row] = await invitationRows();
    expect(row?.expires_at).toBe(ctx.clock.now() + 14 * DAY);
    expect(row?.extra_time_percent).toBe(0);
  });

  it('refuses an email already invited to this assessment, beside the field, sending nothing more', async () => {
    await invited('Ann Lee', 'ann@example.com');
    const mails = await outboxCount();
    const response = await invite({ name: 'Ann Again', email: 'ANN@example.com' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('ann@example.com is already invited to this assessment.');
    expect(response.text).toContain('value="Ann Again"');
    expect(await invitationRows()).toHaveLength(1);
    expect(await outboxCount()).toBe(mails);
  });

  it('refuses bad input beside each field and changes nothing', async () => {
    const response = await invite({
      name: '',
      email: 'not-an-email',
      extraTimePercent: '300',
      expiresInDays: '0',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Enter a name.');
    expect(response.text).toContain('Enter an email address like name@example.com.');
    expect(response.text).toContain('Extra time must be a whole number from 0 to 200 (percent).');
    expect(response.text).toContain(
      'The link can stay valid for a whole number of days from 1 to 90.',
    );
    expect(await invitationRows()).toHaveLength(0);
    expect(await outboxCount()).toBe(0);
  });

  it('refuses to invite to a draft with the plain reason on the candidates page', async () => {
    const draft = await createAssessment(owner, false);
    const draftPage = `/assessments/${draft}/candidates`;
    expect((await agent.get(draftPage)).text).toContain('This assessment is a draft');
    const response = await invite({ name: 'Ann Lee', email: 'ann@example.com' }, agent, draftPage);
    expect(response.status).toBe(409);
    expect(response.text).toContain(
      'Open the assessment before inviting candidates: a draft can still change.',
    );
    expect(response.text).toContain('<h1>Candidates');
    expect(await invitationRows()).toHaveLength(0);
    expect(await outboxCount()).toBe(0);
  });
});

describe("managing a candidate's link", () => {
  it('revokes a link: the candidate shows as revoked and the link no longer opens', async () => {
    const ann = await invited('Ann Lee', 'ann@example.com');
    const response = await submitForm(agent, page, `${page}/${ann.id}/revoke`, {});
    expect(response.status).toBe(303);
    expect((await agent.get(page)).text).toContain('The link is revoked');
    await expect(ctx.services.quiz.openLink(ann.token)).rejects.toThrow('withdrawn');
    expect(await auditOf('invitation.revoked')).toHaveLength(1);
  });

  it('resends a new link by email: the old token hash is gone and the old link stops working', async () => {
    const ann = await invited('Ann Lee', 'ann@example.com');
    const response = await submitForm(agent, page, `${page}/${ann.id}/resend`, {});
    expect(response.status).toBe(303);
    const mail = await lastMailTo(ctx.db, 'ann@example.com');
    const token = linkIn(mail.text_body).slice('/t/'.length);
    expect(token).not.toBe(ann.token);
    const [row] = await invitationRows();
    expect(row?.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(await invitationRows())).not.toContain(hashToken(ann.token));
    await expect(ctx.services.quiz.openLink(ann.token)).rejects.toThrow('not valid');
    await expect(ctx.services.quiz.openLink(token)).resolves.toMatchObject({ id: ann.id });
  });

  it('extends the link by the given days, keeping the same link', async () => {
    const ann = await invited('Ann Lee', 'ann@example.com');
    const before = (await invitationRows())[0]?.expires_at ?? 0;
    const response = await submitForm(agent, page, `${page}/${ann.id}/extend`, { days: '10' });
    expect(response.status).toBe(303);
    const [row] = await invitationRows();
    expect(row?.expires_at).toBe(before + 10 * DAY);
    expect(row?.token_hash).toBe(hashToken(ann.token));
  });

  it('refuses to extend by a number of days out of range, changing nothing', async () => {
    const ann = await invited('Ann Lee', 'ann@example.com');
    const before = await invitationRows();
    const response = await submitForm(agent, page, `${page}/${ann.id}/extend`, { days: '91' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('from 1 to 90');
    expect(await invitationRows()).toEqual(before);
  });
});

describe("changing a candidate's time", () => {
  let ann: { id: number; token: string };
  beforeEach(async () => {
    ann = await invited('Ann Lee', 'ann@example.com');
    await ctx.services.quiz.start(ann.id, CLIENT);
  });

  it('adds time to a started attempt with a reason, recorded in the audit log', async () => {
    const { deadline_at: before } = await attemptOf(ann.id);
    expect((await agent.get(page)).text).toContain('Add time');
    const response = await submitForm(agent, page, `${page}/${ann.id}/time`, {
      minutes: '10',
      reason: 'The fire alarm went off',
    });
    expect(response.status).toBe(303);
    expect((await attemptOf(ann.id)).deadline_at).toBe(before + 10 * MINUTE);
    const [entry] = await auditOf('attempt.time_added');
    expect(entry?.actor_id).toBe(owner.id);
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({
      minutes: 10,
      reason: 'The fire alarm went off',
    });
  });

  it('refuses a time change without a reason, changing nothing', async () => {
    const before = await attemptOf(ann.id);
    const response = await submitForm(agent, page, `${page}/${ann.id}/time`, {
      minutes: '10',
      reason: '  ',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Say why you change the time');
    expect(await attemptOf(ann.id)).toEqual(before);
    expect(await auditOf('attempt.time_added')).toHaveLength(0);
  });

  it('reopens an attempt whose time ran out, for the minutes given from now', async () => {
    const { deadline_at: deadline } = await attemptOf(ann.id);
    ctx.clock.advance(deadline - ctx.clock.now() + MINUTE);
    await ctx.services.quiz.expireOverdue();
    expect((await agent.get(page)).text).toContain('Reopen');
    const response = await submitForm(agent, page, `${page}/${ann.id}/time`, {
      minutes: '15',
      reason: 'Power cut',
    });
    expect(response.status).toBe(303);
    expect(await attemptOf(ann.id)).toMatchObject({
      status: 'in_progress',
      deadline_at: ctx.clock.now() + 15 * MINUTE,
    });
    expect(await auditOf('attempt.reopened')).toHaveLength(1);
  });
});

describe('the candidates list as JSON', () => {
  const KEYS = [
    'answered',
    'deadlineAt',
    'email',
    'extraTimePercent',
    'invitedAt',
    'name',
    'startedAt',
    'status',
    'submittedAt',
    'total',
  ];

  it('answers exactly the agreed fields, times as ISO-8601 UTC and null for what has not happened', async () => {
    const invitedAt = ctx.clock.now();
    await invite({ name: 'Ann Lee', email: 'ann@example.com', extraTimePercent: '10' });
    const bo = await invited('Bo Chen', 'bo@example.com');
    ctx.clock.advance(MINUTE);
    await ctx.services.quiz.start(bo.id, CLIENT);
    await ctx.services.quiz.saveAnswer(bo.id, 1, { choice: '0' }, { client: CLIENT });
    ctx.clock.advance(MINUTE);
    await ctx.services.quiz.submit(bo.id);

    const response = await agent.get(page).set('Accept', 'application/json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(response.body)).toEqual(['candidates']);
    const candidates = response.body.candidates as Record<string, unknown>[];
    const byEmail = new Map(candidates.map((c) => [c.email, c]));
    expect(Object.keys(byEmail.get('ann@example.com') ?? {}).sort()).toEqual(KEYS);
    // A candidate whose attempt ended also gets the scores.
    expect(Object.keys(byEmail.get('bo@example.com') ?? {}).sort()).toEqual(
      [...KEYS, 'overall', 'pending', 'skills'].sort(),
    );
    expect(byEmail.get('ann@example.com')).toEqual({
      name: 'Ann Lee',
      email: 'ann@example.com',
      status: 'invited',
      invitedAt: new Date(invitedAt).toISOString(),
      startedAt: null,
      submittedAt: null,
      deadlineAt: null,
      answered: 0,
      total: 0,
      extraTimePercent: 10,
    });
    const attempt = await attemptOf(bo.id);
    expect(byEmail.get('bo@example.com')).toMatchObject({
      status: 'submitted',
      invitedAt: '2026-01-05T09:00:00.000Z',
      startedAt: '2026-01-05T09:01:00.000Z',
      submittedAt: '2026-01-05T09:02:00.000Z',
      deadlineAt: new Date(attempt.deadline_at).toISOString(),
      answered: 1,
      total: 10,
      extraTimePercent: 0,
      pending: false,
    });
    const scored = byEmail.get('bo@example.com') as { overall: unknown; skills: unknown[] };
    expect(scored.overall).toEqual({ score: expect.any(Number), passed: expect.any(Boolean) });
    expect(scored.skills[0]).toEqual({
      skill: expect.any(String),
      score: expect.any(Number),
      low: expect.any(Number),
      high: expect.any(Number),
      questions: expect.any(Number),
      passed: expect.any(Boolean),
    });
  });

  it('still answers HTML to a browser', async () => {
    const response = await agent
      .get(page)
      .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('shows that a time accommodation applies, never which one', async () => {
    const ann = await invited('Ann Lee', 'ann@example.com');
    await ctx.services.invitations.setAccommodation(ann.id, 'second-language', 25);
    const html = await agent.get(page);
    expect(html.text).toContain('time accommodation applied');
    expect(html.text).not.toContain('second-language');
    const json = await agent.get(page).set('Accept', 'application/json');
    expect(JSON.stringify(json.body)).not.toContain('second-language');
  });
});

describe('who may see and change the candidates', () => {
  let stranger: Agent;
  let ann: { id: number; token: string };
  beforeEach(async () => {
    ann = await invited('Ann Lee', 'ann@example.com');
    stranger = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'manager' })).email);
  });

  it.each([
    ['GET the page', ''],
    ['GET the JSON', ''],
    ['invite', ''],
    ['preview a list', '/preview'],
    ['confirm a list', '/confirm'],
    ['revoke', '/ANN/revoke'],
    ['resend', '/ANN/resend'],
    ['extend', '/ANN/extend'],
    ['change the time', '/ANN/time'],
  ])('answers 404 to another manager who tries to %s, changing nothing', async (what, suffix) => {
    const path = `${page}${suffix.replace('ANN', String(ann.id))}`;
    const before = { invitations: await invitationRows(), mails: await outboxCount() };
    const fields = {
      name: 'Eve',
      email: 'eve@example.com',
      csv: 'Eve,eve@example.com',
      days: '5',
      minutes: '5',
      reason: 'x',
    };
    let response;
    if (what === 'GET the page') response = await stranger.get(path);
    else if (what === 'GET the JSON')
      response = await stranger.get(path).set('Accept', 'application/json');
    else response = await submitForm(stranger, '/assessments', path, fields);
    expect(response.status).toBe(404);
    if (what === 'GET the JSON') expect(response.body.error.status).toBe(404);
    else
      expect(response.text).toContain('There is no such assessment, or it is not shared with you.');
    expect(await invitationRows()).toEqual(before.invitations);
    expect(await outboxCount()).toBe(before.mails);
  });

  it('lets an admin see every assessment’s candidates', async () => {
    const admin = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'admin' })).email);
    const response = await admin.get(page);
    expect(response.status).toBe(200);
    expect(response.text).toContain('Ann Lee');
  });

  it('sends a signed-out visitor to sign in', async () => {
    expect((await request(ctx.app).get(page)).headers.location).toBe('/sign-in');
  });
});
