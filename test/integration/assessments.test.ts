import request from 'supertest';
import { csrfFrom, signedInAgent, submitForm, type Agent } from '../helpers/agents';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { bankFile } from '../helpers/bank-files';
import { createUser } from '../helpers/builders';
import { sample } from '../helpers/questions';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let owner: Agent;
let ownerEmail: string;

beforeEach(async () => {
  ctx = await createTestContext();
  await importTestBanks(ctx);
  ownerEmail = (await createUser(ctx.db, { role: 'manager', name: 'Olive Owner' })).email;
  owner = await signedInAgent(ctx.app, ownerEmail);
});
afterEach(() => ctx.close());

async function createAssessment(
  agent: Agent,
  description = TEST_JOB_DESCRIPTION,
  title = 'Backend hire',
): Promise<number> {
  const page = await agent.get('/assessments/new');
  const response = await agent
    .post('/assessments')
    .field('_csrf', csrfFrom(page.text))
    .field('title', title)
    .field('description', description);
  expect(response.status).toBe(303);
  return Number(/\/assessments\/(\d+)\/mapping/.exec(response.headers.location as string)?.[1]);
}

describe('building an assessment from a job description', () => {
  it('finds the skill lines, proposes banks with the words that matched, and flags what matches nothing', async () => {
    const id = await createAssessment(owner);
    const review = await owner.get(`/assessments/${id}/mapping`);
    expect(review.status).toBe(200);
    expect(review.text).toContain('Confident with Git and version control workflows');
    expect(review.text).toContain('Fluent in Klingon');
    expect(review.text).toContain('No bank covers this yet.');
    expect(review.text).toMatch(/\((strong|fair|weak) match, on “/);
    expect(review.text).not.toMatch(/\(score \d/);
    expect(review.text).not.toContain('conference ticket');
    expect(review.text).not.toContain('ships every day');
    const detail = await ctx.services.assessments.detail(await userRow(ownerEmail), id);
    expect(detail.skills.map((s) => [s.skill, s.section])).toEqual([
      ['git', 'required'],
      ['http-basics', 'required'],
    ]);
    expect(detail.lines.find((l) => l.text.includes('Klingon'))?.skills).toEqual([]);
  });

  it('lists every sentence, and says why, when no line names a skill a bank covers', async () => {
    const id = await createAssessment(
      owner,
      [
        'Warehouse Lead at Tidewater – We’re Hiring',
        '',
        'You will keep the shelves stocked. You will drive the forklift safely.',
      ].join('\n'),
    );
    const review = await owner.get(`/assessments/${id}/mapping`);
    expect(review.status).toBe(200);
    expect(review.text).toContain(
      'No line of this description names a skill that a bank covers, so all 2 of its lines and sentences are listed below.',
    );
    expect(review.text).toContain('You will keep the shelves stocked.');
    expect(review.text).toContain('You will drive the forklift safely.');
    expect(review.text).not.toContain('Warehouse Lead');
  });

  it('says when the proposed bank only stands in for a technology that has no bank', async () => {
    const report = await ctx.services.banks.importFiles([
      bankFile({
        skill: 'backend-language',
        name: 'Node.js and TypeScript back-end programming',
        keywords: ['node.js', 'typescript'],
        questions: [sample('single', { id: 'bl-001' })],
      }),
    ]);
    expect(report.applied).toBe(true);
    const id = await createAssessment(owner, 'Requirements\n- Django or Ruby on Rails\n');
    const review = await owner.get(`/assessments/${id}/mapping`);
    expect(review.text).toContain('(fair match, on “django”, “ruby on rails”: No bank covers');
    expect(review.text).toContain(
      'No bank covers Django or Ruby on Rails yet; this is the nearest.',
    );
  });

  it('accepts the description as an uploaded .md file', async () => {
    const page = await owner.get('/assessments/new');
    const response = await owner
      .post('/assessments')
      .field('_csrf', csrfFrom(page.text))
      .field('title', 'From a file')
      .attach('file', Buffer.from(TEST_JOB_DESCRIPTION), 'backend.md');
    expect(response.status).toBe(303);
  });

  it('refuses an empty description and a file of the wrong kind, creating nothing', async () => {
    const page = await owner.get('/assessments/new');
    const empty = await owner
      .post('/assessments')
      .field('_csrf', csrfFrom(page.text))
      .field('description', '   ');
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Paste a job description');
    const wrong = await owner
      .post('/assessments')
      .field('_csrf', csrfFrom(page.text))
      .attach('file', Buffer.from('%PDF-1.7'), 'jd.pdf');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Upload a .txt or .md file');
    expect(await ctx.db.selectFrom('assessments').selectAll().execute()).toHaveLength(0);
  });

  it('lets the manager change a mapping, drop a line and map an unmatched one', async () => {
    const id = await createAssessment(owner);
    const detail = await ctx.services.assessments.detail(await userRow(ownerEmail), id);
    const position = (text: string) => detail.lines.find((l) => l.text.includes(text))?.position;
    const fields: Record<string, string> = {};
    for (const line of detail.lines) fields[`line.${line.position}.primary`] = line.skills[0] ?? '';
    fields[`line.${position('REST APIs')}.drop`] = 'on';
    fields[`line.${position('Klingon')}.primary`] = 'http-basics';
    const saved = await submitForm(
      owner,
      `/assessments/${id}/mapping`,
      `/assessments/${id}/mapping`,
      fields,
    );
    expect(saved.status).toBe(303);
    const after = await ctx.services.assessments.detail(await userRow(ownerEmail), id);
    expect(after.lines.find((l) => l.text.includes('REST'))?.skills).toEqual([]);
    expect(after.lines.find((l) => l.text.includes('Klingon'))?.skills).toEqual(['http-basics']);
    expect(after.skills.map((s) => s.skill)).toEqual(['git', 'http-basics']);
  });

  it('refuses a bank that does not exist', async () => {
    const id = await createAssessment(owner);
    const response = await submitForm(
      owner,
      `/assessments/${id}/mapping`,
      `/assessments/${id}/mapping`,
      {
        'line.0.primary': 'no-such-bank',
      },
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain('There is no bank');
  });

  it('saves counts, time and thresholds, and refuses more questions than a bank has in range', async () => {
    const id = await createAssessment(owner);
    const settings = {
      title: 'Backend hire, spring',
      timeLimitMinutes: '25',
      passThreshold: '65',
      difficultyMin: '2',
      difficultyMax: '4',
      shuffle: 'on',
      'skills.git.questionCount': '7',
      'skills.git.weight': '2',
      'skills.git.passThreshold': '70',
      'skills.http-basics.questionCount': '4',
      'skills.http-basics.weight': '1',
      'skills.http-basics.passThreshold': '50',
    };
    const tooMany = await submitForm(
      owner,
      `/assessments/${id}/settings`,
      `/assessments/${id}/settings`,
      settings,
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain(
      'Git and version control has only 6 questions of difficulty 2–4.',
    );
    expect(tooMany.text).toContain('HTTP and REST has only 3 questions');

    const ok = await submitForm(
      owner,
      `/assessments/${id}/settings`,
      `/assessments/${id}/settings`,
      {
        ...settings,
        'skills.http-basics.questionCount': '3',
        'skills.git.questionCount': '4',
      },
    );
    expect(ok.status).toBe(303);
    const detail = await ctx.services.assessments.detail(await userRow(ownerEmail), id);
    expect(detail.assessment).toMatchObject({
      title: 'Backend hire, spring',
      timeLimitMinutes: 25,
      passThreshold: 65,
      shuffle: true,
      showResults: false,
    });
    expect(detail.skills.map((s) => [s.skill, s.questionCount, s.weight, s.passThreshold])).toEqual(
      [
        ['git', 4, 2, 70],
        ['http-basics', 3, 1, 50],
      ],
    );
  });

  it('refuses a zero time limit and an inverted difficulty range beside the fields', async () => {
    const id = await createAssessment(owner);
    const response = await submitForm(
      owner,
      `/assessments/${id}/settings`,
      `/assessments/${id}/settings`,
      {
        title: 'x',
        timeLimitMinutes: '0',
        passThreshold: '60',
        difficultyMin: '4',
        difficultyMax: '2',
      },
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain('The time limit must be at least 1 minute.');
    expect(response.text).toContain('The lowest difficulty must not be above the highest.');
  });

  it('suggests a time limit from the selected questions', async () => {
    const id = await createAssessment(owner);
    const detail = await ctx.services.assessments.detail(await userRow(ownerEmail), id);
    expect(detail.suggestedMinutes).toBeGreaterThanOrEqual(5);
    expect(detail.assessment.timeLimitMinutes).toBe(detail.suggestedMinutes);
  });

  it('opens, closes and duplicates; only drafts change', async () => {
    const id = await createAssessment(owner);
    await submitForm(owner, `/assessments/${id}/settings`, `/assessments/${id}/settings`, {
      title: 'Backend hire',
      timeLimitMinutes: '20',
      passThreshold: '60',
      difficultyMin: '1',
      difficultyMax: '5',
      'skills.git.questionCount': '3',
      'skills.git.weight': '1',
      'skills.git.passThreshold': '60',
      'skills.http-basics.questionCount': '3',
      'skills.http-basics.weight': '1',
      'skills.http-basics.passThreshold': '60',
    });
    expect(
      (
        await submitForm(owner, `/assessments/${id}`, `/assessments/${id}/open`, {
          confirm: 'yes',
          acceptUnassessed: 'on',
        })
      ).status,
    ).toBe(303);
    const page = await owner.get(`/assessments/${id}`);
    expect(page.text).toContain('Open for candidates');
    const locked = await submitForm(owner, `/assessments/${id}`, `/assessments/${id}/settings`, {
      title: 'Changed',
      timeLimitMinutes: '5',
      passThreshold: '1',
      difficultyMin: '1',
      difficultyMax: '5',
    });
    expect(locked.status).toBe(409);
    expect(
      (await submitForm(owner, `/assessments/${id}`, `/assessments/${id}/close`, {})).status,
    ).toBe(303);
    const copy = await submitForm(owner, `/assessments/${id}`, `/assessments/${id}/duplicate`, {});
    const copyId = Number(/\/assessments\/(\d+)/.exec(copy.headers.location as string)?.[1]);
    const copied = await ctx.services.assessments.detail(await userRow(ownerEmail), copyId);
    expect(copied.assessment).toMatchObject({ title: 'Copy of Backend hire', status: 'draft' });
    expect(copied.skills.map((s) => s.questionCount)).toEqual([3, 3]);
  });

  it('refuses to open an assessment whose banks are too small', async () => {
    const id = await createAssessment(owner);
    await ctx.db.updateTable('assessment_skills').set({ question_count: 40 }).execute();
    const response = await submitForm(owner, `/assessments/${id}`, `/assessments/${id}/open`, {
      confirm: 'yes',
      acceptUnassessed: 'on',
    });
    expect(response.status).toBe(409);
    expect(response.text).toContain('needs 40 questions');
  });

  it('shows a sample draw of the right size, rendered as candidates see it', async () => {
    const id = await createAssessment(owner);
    const page = await owner.get(`/assessments/${id}`);
    expect(page.text).toContain('A sample draw');
    const detail = await ctx.services.assessments.detail(await userRow(ownerEmail), id);
    const drawn = (page.text.match(/<article class="panel sample-question"/g) ?? []).length;
    expect(drawn).toBe(
      detail.skills.reduce((sum, s) => sum + Math.min(s.questionCount, s.available), 0),
    );
    expect(page.text).toContain('Choose one answer');
  });
});

describe('who sees an assessment', () => {
  let id: number;
  let stranger: Agent;
  beforeEach(async () => {
    id = await createAssessment(owner);
    stranger = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'manager' })).email);
  });

  it.each([
    ['get', ''],
    ['get', '/mapping'],
    ['get', '/settings'],
    ['get', '/open'],
    ['post', '/mapping'],
    ['post', '/settings'],
    ['post', '/open'],
    ['post', '/close'],
    ['post', '/duplicate'],
    ['post', '/collaborators'],
    ['post', '/collaborators/1/remove'],
  ])(
    'answers 404 to another manager on %s %s, as for an id that does not exist',
    async (method, suffix) => {
      const path = `/assessments/${id}${suffix}`;
      const response =
        method === 'get'
          ? await stranger.get(path)
          : await submitForm(stranger, '/assessments', path, { email: ownerEmail });
      expect(response.status).toBe(404);
      const missing =
        method === 'get'
          ? await stranger.get(`/assessments/99999${suffix}`)
          : await submitForm(stranger, '/assessments', `/assessments/99999${suffix}`, {});
      expect(missing.status).toBe(404);
      expect(response.text).toContain('There is no such assessment, or it is not shared with you.');
      expect(await ctx.db.selectFrom('assessments').selectAll().execute()).toHaveLength(1);
    },
  );

  it('lists only own and shared assessments for a manager, and every one for an admin', async () => {
    expect((await stranger.get('/assessments')).text).not.toContain('Backend hire');
    expect((await owner.get('/assessments')).text).toContain('Backend hire');
    const admin = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'admin' })).email);
    expect((await admin.get('/assessments')).text).toContain('Backend hire');
    expect((await admin.get(`/assessments/${id}`)).status).toBe(200);
  });

  it('lets the owner share with a collaborator, who can then read and edit it, until removed', async () => {
    const colleague = await createUser(ctx.db, { role: 'manager', name: 'Cora Colleague' });
    const colleagueAgent = await signedInAgent(ctx.app, colleague.email);
    expect((await colleagueAgent.get(`/assessments/${id}`)).status).toBe(404);
    const added = await submitForm(
      owner,
      `/assessments/${id}`,
      `/assessments/${id}/collaborators`,
      {
        email: colleague.email,
      },
    );
    expect(added.status).toBe(303);
    expect((await owner.get(`/assessments/${id}`)).text).toContain(
      'Cora Colleague can now see and edit this assessment.',
    );
    expect((await colleagueAgent.get(`/assessments/${id}`)).status).toBe(200);
    expect((await colleagueAgent.get('/assessments')).text).toContain('Backend hire');
    const byCollaborator = await submitForm(
      colleagueAgent,
      `/assessments/${id}`,
      `/assessments/${id}/collaborators`,
      { email: 'x@example.test' },
    );
    expect(byCollaborator.status).toBe(409);

    await submitForm(
      owner,
      `/assessments/${id}`,
      `/assessments/${id}/collaborators/${colleague.id}/remove`,
      {},
    );
    expect((await colleagueAgent.get(`/assessments/${id}`)).status).toBe(404);
  });

  it('refuses to share with an unknown email', async () => {
    await submitForm(owner, `/assessments/${id}`, `/assessments/${id}/collaborators`, {
      email: 'nobody@example.test',
    });
    expect((await owner.get(`/assessments/${id}`)).text).toContain(
      'No active hiring manager or admin has this email.',
    );
  });

  it('sends a signed-out visitor to sign in', async () => {
    expect((await request(ctx.app).get(`/assessments/${id}`)).headers.location).toBe('/sign-in');
  });
});

async function userRow(email: string) {
  const user = await ctx.services.users.findActiveByEmail(email);
  if (!user) throw new Error(`No user ${email}`);
  return user;
}
