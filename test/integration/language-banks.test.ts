import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../src/audit/actor';
import { LANGUAGE_BANKS } from '../../src/jd/jd-vocabulary';
import type { StaffUser } from '../../src/users/users.types';
import { csrfFrom, signedInAgent, submitForm, type Agent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

/**
 * The builder and the draw over the shipped banks: a description that names a language gets
 * that language's questions, and one that names several lets the manager choose.
 */
const QUESTIONS_DIR = path.resolve(__dirname, '../../questions');

let ctx: TestContext;
let agent: Agent;
let manager: StaffUser;
let actor: Actor;

beforeEach(async () => {
  ctx = await createTestContext();
  const files = fs
    .readdirSync(QUESTIONS_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ name, text: fs.readFileSync(path.join(QUESTIONS_DIR, name), 'utf8') }));
  const report = await ctx.services.banks.importFiles(files);
  if (!report.applied) throw new Error(JSON.stringify(report.problems));
  manager = await createUser(ctx.db, { role: 'manager', name: 'Mina Manager' });
  actor = { id: manager.id, name: manager.name, ip: '127.0.0.1' };
  agent = await signedInAgent(ctx.app, manager.email);
});
afterEach(() => ctx.close());

async function build(description: string): Promise<number> {
  const page = await agent.get('/assessments/new');
  const response = await agent
    .post('/assessments')
    .field('_csrf', csrfFrom(page.text))
    .field('title', 'Back-end hire')
    .field('description', description);
  expect(response.status).toBe(303);
  return Number(/\/assessments\/(\d+)\/mapping/.exec(response.headers.location as string)?.[1]);
}

/** Opens the assessment with its default counts and returns each candidate's drawn questions. */
async function candidatesDraw(id: number, candidates: number) {
  await ctx.services.assessments.open(actor, manager, id);
  const draws = [];
  for (let i = 0; i < candidates; i += 1) {
    const { invitation } = await ctx.services.invitations.invite(actor, manager, id, {
      name: `Candidate ${i}`,
      email: `candidate${i}@example.test`,
    });
    await ctx.services.quiz.start(invitation.id, { ip: '127.0.0.1', userAgent: 'jest' });
    draws.push((await ctx.services.quiz.progress(invitation.id)).questions);
  }
  return draws;
}

async function idsInBank(slug: string, tag?: string): Promise<string[]> {
  const questions = await ctx.services.banks.listQuestions(slug, tag ? { tag } : {});
  return questions.map((q) => q.id);
}

describe('a description that names Python and Django', () => {
  const description = [
    'Python Developer (Django)',
    '',
    'Requirements',
    '- 4+ years with Python and Django',
    '- Confident with Git, branching and pull requests',
  ].join('\n');

  it('assesses the line with the Python bank and draws Django questions first', async () => {
    const id = await build(description);
    const detail = await ctx.services.assessments.detail(manager, id);
    expect(detail.lines[0]).toMatchObject({
      skills: ['python'],
      frameworks: [{ tag: 'django', name: 'Django', bank: 'python' }],
    });
    expect(detail.lines[0]?.choice).toBeUndefined();
    expect(detail.skills.map((s) => s.skill)).toEqual(['python', 'git']);
    const review = await agent.get(`/assessments/${id}/mapping`);
    expect(review.text).toContain('Preferred in the draw: Python questions on Django.');

    const python = await idsInBank('python');
    const django = await idsInBank('python', 'django');
    expect(django.length).toBeGreaterThanOrEqual(2);
    const count = detail.skills[0]?.questionCount ?? 0;
    const draws = await candidatesDraw(id, 2);
    const languageQuestions = draws.map((drawn) =>
      drawn.filter((q) => q.skill === 'python').map((q) => q.questionId),
    );
    for (const ids of languageQuestions) {
      expect(ids).toHaveLength(count);
      ids.forEach((questionId) => expect(python).toContain(questionId));
      expect(ids.filter((questionId) => django.includes(questionId)).length).toBe(
        Math.min(count, django.length),
      );
    }
    // Exposure still spreads the rest of the bank over the candidates.
    const [first, second] = languageQuestions.map((ids) =>
      ids.filter((questionId) => !django.includes(questionId)),
    );
    expect(first?.filter((questionId) => second?.includes(questionId))).toEqual([]);
  });
});

describe('a description that lists several languages', () => {
  const line = 'Proficiency with server-side languages such as Python, Ruby, Java, PHP and .NET';
  const description = [
    'Back-End Developer',
    '',
    'Requirements',
    `- ${line}`,
    '- Confident with Git, branching and pull requests',
  ].join('\n');

  it('asks the manager which language to assess, assessing none of them until asked', async () => {
    const id = await build(description);
    const detail = await ctx.services.assessments.detail(manager, id);
    expect(detail.lines[0]?.skills).toEqual(['backend-language']);
    expect(detail.lines[0]?.choice?.map((named) => named.bank)).toEqual([
      'python',
      'ruby',
      'java',
      'php',
      'csharp-dotnet',
    ]);

    const review = await agent.get(`/assessments/${id}/mapping`);
    expect(review.status).toBe(200);
    expect(review.text).toContain('<legend>Languages to assess</legend>');
    expect(review.text).toContain('The line names several languages: choose which to assess.');
    const banks = new Set((await ctx.services.banks.listBanks()).map((bank) => bank.slug));
    const named = LANGUAGE_BANKS.filter((language) =>
      ['python', 'ruby', 'java', 'php', 'csharp-dotnet'].includes(language.bank),
    );
    for (const { bank, language } of named) {
      const checkbox = `<input type="checkbox" id="line-0-language-${bank}" name="line.0.language" value="${bank}" >`;
      const label = `<label for="line-0-language-${bank}">${language}</label>`;
      if (banks.has(bank)) {
        expect(review.text).toContain(checkbox);
        expect(review.text).toContain(label);
      } else {
        expect(review.text).not.toContain(label);
      }
    }
    const missing = named.filter(({ bank }) => !banks.has(bank)).map((l) => l.language);
    if (missing.length) {
      expect(review.text).toContain(`No bank covers ${missing.join(', ')} yet.`);
    }
  });

  it('draws Java questions for the line once the manager chooses Java', async () => {
    const id = await build(description);
    const page = await agent.get(`/assessments/${id}/mapping`);
    const saved = await agent
      .post(`/assessments/${id}/mapping`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        'line.0.primary': 'backend-language',
        'line.0.language': 'java',
        'line.1.primary': 'git',
      });
    expect(saved.status).toBe(303);
    const detail = await ctx.services.assessments.detail(manager, id);
    expect(detail.lines[0]?.skills).toEqual(['java']);
    expect(detail.skills.map((s) => s.skill)).toEqual(['java', 'git']);
    const again = await agent.get(`/assessments/${id}/mapping`);
    expect(again.text).toContain(
      '<input type="checkbox" id="line-0-language-java" name="line.0.language" value="java" checked>',
    );

    const java = await idsInBank('java');
    const [drawn] = await candidatesDraw(id, 1);
    const languageQuestions = (drawn ?? []).filter((q) => q.skill === 'java');
    expect(languageQuestions).toHaveLength(detail.skills[0]?.questionCount ?? -1);
    languageQuestions.forEach((q) => expect(java).toContain(q.questionId));
    expect((drawn ?? []).every((q) => q.skill !== 'backend-language')).toBe(true);
  });

  it('assesses each language ticked, and refuses one the line does not name', async () => {
    const id = await build(description);
    const page = await agent.get(`/assessments/${id}/mapping`);
    const both = await agent
      .post(`/assessments/${id}/mapping`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        'line.0.primary': 'backend-language',
        'line.0.language': ['python', 'java'],
      });
    expect(both.status).toBe(303);
    const detail = await ctx.services.assessments.detail(manager, id);
    expect(detail.lines[0]?.skills).toEqual(['python', 'java']);

    const refused = await submitForm(
      agent,
      `/assessments/${id}/mapping`,
      `/assessments/${id}/mapping`,
      { 'line.0.primary': 'backend-language', 'line.0.language': 'git' },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Choose among the languages this line names.');
    const after = await ctx.services.assessments.detail(manager, id);
    expect(after.lines[0]?.skills).toEqual(['python', 'java']);
  });

  it('keeps the language-neutral bank when no language is ticked', async () => {
    const id = await build(description);
    const saved = await submitForm(
      agent,
      `/assessments/${id}/mapping`,
      `/assessments/${id}/mapping`,
      { 'line.0.primary': 'backend-language', 'line.1.primary': 'git' },
    );
    expect(saved.status).toBe(303);
    const detail = await ctx.services.assessments.detail(manager, id);
    expect(detail.skills.map((s) => s.skill)).toEqual(['backend-language', 'git']);
  });
});
