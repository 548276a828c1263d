import { formFromQuestion } from '../../src/banks/question-form';
import { csrfFrom, signedInAgent, submitForm, type Agent } from '../helpers/agents';
import { bankFile } from '../helpers/bank-files';
import { createUser } from '../helpers/builders';
import { sample } from '../helpers/questions';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let admin: Agent;
let manager: Agent;

beforeEach(async () => {
  ctx = await createTestContext();
  await ctx.services.banks.importFiles([
    bankFile({
      questions: [
        sample('single', {
          id: 'http-001',
          prompt: 'Line one of the prompt\nLine two of the prompt',
          explanation: 'First reason\nSecond reason',
        }),
      ],
    }),
  ]);
  admin = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'admin' })).email);
  manager = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'manager' })).email);
});
afterEach(() => ctx.close());

async function upload(agent: Agent, name: string, text: string) {
  const page = await agent.get('/banks/import');
  return agent
    .post('/banks/import')
    .field('_csrf', csrfFrom(page.text))
    .attach('file', Buffer.from(text), name);
}

describe('editing a question in the browser', () => {
  it('stores \\n line endings and shows only the changed field in the history', async () => {
    const stored = await ctx.services.banks.getQuestion('http-basics', 'http-001');
    const values = formFromQuestion(stored.question);
    const fields: Record<string, string> = {
      ...values,
      difficulty: '4',
      prompt: values.prompt!.replace(/\n/g, '\r\n'),
      explanation: values.explanation!.replace(/\n/g, '\r\n'),
    };
    const saved = await submitForm(
      admin,
      '/banks/http-basics/questions/http-001/edit',
      '/banks/http-basics/questions/http-001',
      fields,
    );
    expect(saved.status).toBe(303);
    const [latest] = await ctx.services.banks.versions('http-basics', 'http-001');
    expect(latest?.version).toBe(2);
    expect(latest?.question.prompt).toBe('Line one of the prompt\nLine two of the prompt');
    expect(latest?.question.explanation).not.toContain('\r');

    const history = await admin.get('/banks/http-basics/questions/http-001/history');
    expect(history.text).toContain('Changed: <code>difficulty</code>');
    expect(history.text).not.toContain('Changed: <code>prompt</code>');
    expect(history.text).not.toContain('Changed: <code>explanation</code>');

    const yaml = await admin.get('/banks/http-basics/export.yaml');
    expect(yaml.text).not.toContain('\\r');
  });

  it('lists removed lines above added lines in the history', async () => {
    const stored = await ctx.services.banks.getQuestion('http-basics', 'http-001');
    await submitForm(
      admin,
      '/banks/http-basics/questions/http-001/edit',
      '/banks/http-basics/questions/http-001',
      { ...formFromQuestion(stored.question), prompt: 'Line one of the prompt\nA new line two' },
    );
    const history = (await admin.get('/banks/http-basics/questions/http-001/history')).text;
    const removed = history.indexOf('Line two of the prompt');
    const added = history.indexOf('A new line two');
    expect(removed).toBeGreaterThan(-1);
    expect(added).toBeGreaterThan(removed);
  });
});

describe('creating a bank', () => {
  it('lets an admin create a bank from the banks list, audited', async () => {
    expect((await admin.get('/banks')).text).toContain('href="/banks/new"');
    const created = await submitForm(admin, '/banks/new', '/banks/new', {
      name: 'Git',
      slug: 'git',
      description: 'Version control with git.',
      keywords: 'git, Rebase, stash',
    });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/banks/git');
    const bank = await ctx.services.banks.getBank('git');
    expect(bank).toMatchObject({ name: 'Git', keywords: ['git', 'rebase', 'stash'] });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'bank.created')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subject_id).toBe('git');
  });

  it('refuses a taken or malformed short name with a message beside the field', async () => {
    const taken = await submitForm(admin, '/banks/new', '/banks/new', {
      name: 'HTTP again',
      slug: 'http-basics',
    });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('A bank with this short name already exists.');
    const bad = await submitForm(admin, '/banks/new', '/banks/new', {
      name: 'Bad',
      slug: 'Not a slug!',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Use lower-case letters and digits');
  });

  it('is for admins only and needs the CSRF token', async () => {
    expect((await manager.get('/banks')).text).not.toContain('href="/banks/new"');
    expect((await manager.get('/banks/new')).status).toBe(403);
    const page = await admin.get('/banks/new');
    expect(page.status).toBe(200);
    const forged = await admin.post('/banks/new').type('form').send({ name: 'Git', slug: 'git' });
    expect(forged.status).toBe(403);
    expect(await ctx.services.banks.listSkills()).toHaveLength(1);
  });

  it('creates the bank a GIFT file names from the import preview, then imports into it', async () => {
    const gift =
      '$CATEGORY: $course$/Git\n\n::git-stash-list:: What does git stash list show? {T}\n';
    const staged = await upload(admin, 'git.gift', gift);
    expect(staged.status).toBe(303);
    const pendingPath = staged.headers.location as string;
    const preview = await admin.get(pendingPath);
    expect(preview.text).toContain('Create this bank');
    const link = /href="(\/banks\/new\?[^"]+)"/.exec(preview.text)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toBeDefined();
    const form = await admin.get(link!);
    expect(form.text).toContain('value="git"');
    expect(form.text).toContain('value="Git"');
    const pending = pendingPath.split('/').pop()!;
    const created = await admin
      .post('/banks/new')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), name: 'Git', slug: 'git', pending });
    expect(created.headers.location).toBe(pendingPath);
    const again = await admin.get(pendingPath);
    expect(again.text).not.toContain('Create this bank');
    const confirmed = await admin
      .post(pendingPath)
      .type('form')
      .send({ _csrf: csrfFrom(again.text) });
    expect(confirmed.status).toBe(303);
    const questions = await ctx.services.banks.listQuestions('git', {});
    expect(questions.map((q) => q.id)).toEqual(['git-stash-list']);
  });
});
