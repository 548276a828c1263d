import { csrfFrom, signedInAgent, submitForm, type Agent } from '../helpers/agents';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

/** What a new user tripped over on the staff side (issue 14, part A). */

let ctx: TestContext;
let owner: Agent;
let ownerEmail: string;

beforeEach(async () => {
  ctx = await createTestContext();
  await importTestBanks(ctx);
  ownerEmail = (await createUser(ctx.db, { role: 'admin', name: 'Olive Owner' })).email;
  owner = await signedInAgent(ctx.app, ownerEmail);
});
afterEach(() => ctx.close());

async function createAssessment(): Promise<number> {
  const page = await owner.get('/assessments/new');
  const response = await owner
    .post('/assessments')
    .field('_csrf', csrfFrom(page.text))
    .field('title', 'Backend hire')
    .field('description', TEST_JOB_DESCRIPTION);
  expect(response.status).toBe(303);
  return Number(/\/assessments\/(\d+)\/mapping/.exec(response.headers.location as string)?.[1]);
}

async function detailOf(id: number) {
  const user = await ctx.services.users.findActiveByEmail(ownerEmail);
  if (!user) throw new Error('no owner');
  return ctx.services.assessments.detail(user, id);
}

const validSettings = {
  title: 'Backend hire',
  timeLimitMinutes: '20',
  passThreshold: '70',
  difficultyMin: '1',
  difficultyMax: '5',
  'skills.git.questionCount': '3',
  'skills.git.weight': '2',
  'skills.git.passThreshold': '50',
  'skills.http-basics.questionCount': '3',
  'skills.http-basics.weight': '1',
  'skills.http-basics.passThreshold': '50',
};

const saveSettings = (id: number, fields: Record<string, string>) =>
  submitForm(owner, `/assessments/${id}/settings`, `/assessments/${id}/settings`, fields);

describe('settings a new user fills in', () => {
  it('takes an empty pass mark or weight as the default, not as 0%, and says so in the hint', async () => {
    const id = await createAssessment();
    const page = await owner.get(`/assessments/${id}/settings`);
    expect(page.text).toContain('Leave a weight or pass mark empty to use the default');
    const saved = await saveSettings(id, {
      ...validSettings,
      passThreshold: '',
      'skills.git.weight': '',
      'skills.git.passThreshold': ' ',
    });
    expect(saved.text).not.toContain('Weight must be at least 0.1.');
    expect(saved.status).toBe(303);
    const detail = await detailOf(id);
    expect(detail.assessment.passThreshold).toBe(60);
    expect(detail.skills.find((s) => s.skill === 'git')).toMatchObject({
      weight: 1,
      passThreshold: 60,
    });
  });

  it('reports every problem at once, the bank availability check with the form errors', async () => {
    const id = await createAssessment();
    const response = await saveSettings(id, {
      ...validSettings,
      timeLimitMinutes: '0',
      'skills.git.weight': 'heavy',
      'skills.http-basics.questionCount': '9',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('The time limit must be at least 1 minute.');
    expect(response.text).toContain('Weight must be a number.');
    expect(response.text).toContain('HTTP and REST has only 6 questions of difficulty 1–5.');
  });

  it('keeps the time limit at the suggestion when the skills change', async () => {
    const id = await createAssessment();
    const before = await detailOf(id);
    expect(before.assessment.timeLimitMinutes).toBe(before.suggestedMinutes);
    const fields: Record<string, string> = {};
    for (const line of before.lines) fields[`line.${line.position}.primary`] = 'git';
    const saved = await submitForm(
      owner,
      `/assessments/${id}/mapping`,
      `/assessments/${id}/mapping`,
      fields,
    );
    expect(saved.status).toBe(303);
    const after = await detailOf(id);
    expect(after.suggestedMinutes).not.toBe(before.suggestedMinutes);
    expect(after.assessment.timeLimitMinutes).toBe(after.suggestedMinutes);
    const page = await owner.get(`/assessments/${id}/settings`);
    expect(page.text).toContain(`value="${after.suggestedMinutes}"`);
    expect(page.text).toContain(`Suggested: ${after.suggestedMinutes} minutes`);
  });
});

describe('opening an assessment', () => {
  it('says plainly which required skills are not assessed, on the overview and the Open step', async () => {
    const id = await createAssessment();
    const overview = await owner.get(`/assessments/${id}`);
    expect(overview.text).toContain('1 required skill is not assessed:');
    expect(overview.text).toContain('Fluent in Klingon');
    const step = await owner.get(`/assessments/${id}/open`);
    expect(step.status).toBe(200);
    expect(step.text).toContain('1 required skill is not assessed:');
    expect(step.text).toContain('Fluent in Klingon');
  });

  it('asks for confirmation, saying what will be locked, before opening', async () => {
    const id = await createAssessment();
    await saveSettings(id, validSettings);
    const overview = await owner.get(`/assessments/${id}`);
    expect(overview.text).toContain(`<form method="get" action="/assessments/${id}/open"`);
    const unconfirmed = await submitForm(
      owner,
      `/assessments/${id}`,
      `/assessments/${id}/open`,
      {},
    );
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.location).toBe(`/assessments/${id}/open`);
    expect((await detailOf(id)).assessment.status).toBe('draft');

    const step = await owner.get(`/assessments/${id}/open`);
    expect(step.text).toContain('Opening locks the assessment.');
    expect(step.text).toContain('the time limit (20 minutes)');

    const notAccepted = await submitForm(
      owner,
      `/assessments/${id}/open`,
      `/assessments/${id}/open`,
      { confirm: 'yes' },
    );
    expect(notAccepted.status).toBe(422);
    expect(notAccepted.text).toContain('required skill not assessed');
    expect((await detailOf(id)).assessment.status).toBe('draft');

    const opened = await submitForm(owner, `/assessments/${id}/open`, `/assessments/${id}/open`, {
      confirm: 'yes',
      acceptUnassessed: 'on',
    });
    expect(opened.status).toBe(303);
    expect((await detailOf(id)).assessment.status).toBe('open');
  });

  it('shows a locked assessment’s settings as text, with a note and a Duplicate to change action', async () => {
    const id = await createAssessment();
    await saveSettings(id, validSettings);
    await submitForm(owner, `/assessments/${id}/open`, `/assessments/${id}/open`, {
      confirm: 'yes',
      acceptUnassessed: 'on',
    });
    const page = await owner.get(`/assessments/${id}/settings`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('name="title"');
    expect(page.text).not.toContain('name="skills.git.questionCount"');
    expect(page.text).toContain('its settings are locked');
    expect(page.text).toContain('20 minutes');
    expect(page.text).toContain('Duplicate to change');
    expect(page.text).toContain(`action="/assessments/${id}/duplicate"`);
  });
});

describe('the question editor', () => {
  it('renders Points and Tags as text inputs, not with the question type', async () => {
    const page = await owner.get('/banks/http-basics/questions/http-001/edit');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('type="single"');
    expect(page.text).toMatch(/id="field-points" name="points" type="text"/);
    expect(page.text).toMatch(/id="field-tags" name="tags" type="text"/);
  });

  it('writes its messages for a person, not a developer', async () => {
    const response = await submitForm(
      owner,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      {
        type: 'single',
        id: 'http-050',
        difficulty: '2',
        points: '0',
        tags: '',
        prompt: 'Which status means Created?',
        'options.0.text': '201',
        correct: '0',
        explanation: '201 Created.',
        references: '',
      },
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain('Give at least 2 options.');
    expect(response.text).toContain('Points must be more than 0.');
    expect(response.text).not.toMatch(/Array must|element\(s\)|points must/);
  });
});
