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
  await ctx.services.banks.importFiles([bankFile()]);
  admin = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'admin' })).email);
  manager = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'manager' })).email);
});
afterEach(() => ctx.close());

const singleForm = {
  type: 'single',
  id: 'http-050',
  difficulty: '2',
  points: '1',
  tags: 'status, errors',
  prompt: 'Which status means **Created**?',
  'options.0.text': '201',
  'options.1.text': '200',
  'options.2.text': '202',
  correct: '0',
  explanation: '201 Created; 200 OK; 202 Accepted.',
  references: 'RFC 9110 §15.3.2',
};

describe('reading banks', () => {
  it('lets a manager read the list, a bank, a question, its history and the exports', async () => {
    const list = await manager.get('/banks');
    expect(list.status).toBe(200);
    expect(list.text).toContain('HTTP basics');
    expect((await manager.get('/banks/http-basics')).text).toContain('http-001');
    const question = await manager.get('/banks/http-basics/questions/http-001');
    expect(question.text).toContain('What the candidate sees');
    expect(question.text).toContain('Answer key');
    expect(question.text).not.toContain('>Edit<');
    expect((await manager.get('/banks/http-basics/questions/http-001/history')).status).toBe(200);
    const yaml = await manager.get('/banks/http-basics/export.yaml');
    expect(yaml.headers['content-disposition']).toContain('http-basics.yaml');
    expect(yaml.text).toContain('id: http-001');
    const csv = await manager.get('/banks/http-basics/export.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
  });

  it('filters a bank by type, difficulty, text and status', async () => {
    const byType = await manager.get('/banks/http-basics?type=true_false');
    expect(byType.text).toContain('http-002');
    expect(byType.text).not.toContain('>http-001<');
    const byText = await manager.get('/banks/http-basics?q=Not+Found');
    expect(byText.text).toContain('>http-001<');
    expect((await manager.get('/banks/http-basics?difficulty=9')).status).toBe(400);
  });

  it('answers 404 for an unknown bank or question, and for malformed ids', async () => {
    expect((await manager.get('/banks/nope')).status).toBe(404);
    expect((await manager.get('/banks/http-basics/questions/http-999')).status).toBe(404);
    expect((await manager.get('/banks/Bad%20Slug')).status).toBe(404);
    expect((await manager.get('/banks/other/questions/http-001')).status).toBe(404);
  });

  it('sends a signed-out visitor to sign in', async () => {
    const { default: request } = await import('supertest');
    expect((await request(ctx.app).get('/banks')).headers.location).toBe('/sign-in');
  });
});

describe('only admins change banks', () => {
  it.each([
    ['get', '/banks/http-basics/questions/new?type=single'],
    ['get', '/banks/http-basics/questions/http-001/edit'],
    ['get', '/banks/import'],
    ['post', '/banks/http-basics/questions'],
    ['post', '/banks/http-basics/questions/http-001'],
    ['post', '/banks/http-basics/questions/http-001/duplicate'],
    ['post', '/banks/http-basics/questions/http-001/retire'],
  ])('answers 403 to a manager on %s %s', async (method, path) => {
    const response =
      method === 'get'
        ? await manager.get(path)
        : await submitForm(manager, '/banks', path, singleForm);
    expect(response.status).toBe(403);
    expect(await ctx.db.selectFrom('question_versions').selectAll().execute()).toHaveLength(2);
  });
});

describe('the question editor', () => {
  it('creates a question and shows it', async () => {
    const response = await submitForm(
      admin,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      singleForm,
    );
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/banks/http-basics/questions/http-050');
    const stored = await ctx.services.banks.getQuestion('http-basics', 'http-050');
    expect(stored.question).toMatchObject({
      type: 'single',
      tags: ['status', 'errors'],
      references: ['RFC 9110 §15.3.2'],
    });
    expect(
      stored.question.type === 'single' && stored.question.options.map((o) => o.correct),
    ).toEqual([true, false, false]);
  });

  it('previews without saving, rendered as the candidate sees it', async () => {
    const response = await submitForm(
      admin,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      { ...singleForm, action: 'preview' },
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('Preview: what the candidate sees');
    expect(response.text).toContain('<strong>Created</strong>');
    expect(response.text).toContain('Which status means **Created**?</textarea>');
    await expect(ctx.services.banks.getQuestion('http-basics', 'http-050')).rejects.toThrow();
  });

  it('shows each problem next to its field and keeps what was typed', async () => {
    const response = await submitForm(
      admin,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      {
        ...singleForm,
        id: 'Bad Id',
        prompt: '',
        correct: '',
        'options.1.text': '201',
        explanation: '',
      },
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain('id must be lower-case letters');
    expect(response.text).toContain('Prompt must not be empty.');
    expect(response.text).toContain('Option 2 repeats option 1.');
    expect(response.text).toContain('value="Bad Id"');
  });

  it('refuses an id that is taken', async () => {
    const response = await submitForm(
      admin,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      { ...singleForm, id: 'http-001' },
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain('This id is already used');
  });

  it('saves an edit as a new version, and an unchanged save as none', async () => {
    const edit = await admin.get('/banks/http-basics/questions/http-002/edit');
    expect(edit.text).toContain('PUT is idempotent.');
    const fields = {
      difficulty: '1',
      points: '1',
      tags: '',
      prompt: 'DELETE is idempotent.',
      answer: 'true',
      explanation: 'RFC 9110 §9.2.2.',
      references: '',
    };
    const saved = await admin
      .post('/banks/http-basics/questions/http-002')
      .type('form')
      .send({ ...fields, _csrf: csrfFrom(edit.text) });
    expect(saved.status).toBe(303);
    expect((await admin.get('/banks/http-basics/questions/http-002')).text).toContain(
      'Saved as version 2.',
    );
    const again = await admin
      .post('/banks/http-basics/questions/http-002')
      .type('form')
      .send({ ...fields, _csrf: csrfFrom(edit.text) });
    expect(again.status).toBe(303);
    expect(
      (await ctx.services.banks.versions('http-basics', 'http-002')).map((v) => v.version),
    ).toEqual([2, 1]);
    const history = await admin.get('/banks/http-basics/questions/http-002/history');
    expect(history.text).toContain('Version 2');
    expect(history.text).toContain('DELETE is idempotent.');
    expect(history.text).toContain('PUT is idempotent.');
  });

  it('saves the exclusion group and review month and shows the group across banks', async () => {
    await ctx.services.banks.importFiles([
      bankFile({
        skill: 'web-security',
        name: 'Web security',
        questions: [sample('single', { id: 'web-001', group: 'http-created' })],
      }),
    ]);
    const created = await submitForm(
      admin,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      { ...singleForm, group: ' http-created ', reviewed: '2026-11' },
    );
    expect(created.status).toBe(303);
    const stored = await ctx.services.banks.getQuestion('http-basics', 'http-050');
    expect(stored.question).toMatchObject({ group: 'http-created', reviewed: '2026-11' });

    const page = await manager.get('/banks/http-basics/questions/http-050');
    expect(page.text).toContain('<dt>Last reviewed</dt><dd>2026-11</dd>');
    expect(page.text).toContain('http-created · an attempt draws only one of this and');
    expect(page.text).toContain('<a href="/banks/web-security/questions/web-001">web-001</a>');
    const never = await manager.get('/banks/http-basics/questions/http-001');
    expect(never.text).toContain('<dt>Last reviewed</dt><dd>Never</dd>');
    expect(never.text).not.toContain('Exclusion group');

    const edit = await admin.get('/banks/http-basics/questions/http-050/edit');
    expect(edit.text).toContain('<label for="field-group">Exclusion group (optional)</label>');
    expect(edit.text).toContain('name="group" type="text" value="http-created"');
    expect(edit.text).toMatch(/<label for="field-reviewed">Last reviewed \(optional\)<\/label>/);
    expect(edit.text).toContain('name="reviewed" type="month" value="2026-11"');
    const cleared = await admin
      .post('/banks/http-basics/questions/http-050')
      .type('form')
      .send({ ...singleForm, group: '', reviewed: '2026-12', _csrf: csrfFrom(edit.text) });
    expect(cleared.status).toBe(303);
    const [latest] = await ctx.services.banks.versions('http-basics', 'http-050');
    expect(latest?.question).toMatchObject({ reviewed: '2026-12' });
    expect(latest?.question).not.toHaveProperty('group');
  });

  it('explains a wrong review month or group next to the field and saves nothing', async () => {
    const response = await submitForm(
      admin,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      { ...singleForm, group: 'HTTP Created', reviewed: 'Dec 2026' },
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain(
      'Write the exclusion group as lower-case words joined by hyphens, like session-fixation.',
    );
    expect(response.text).toContain('Give the review month as year and month, like 2026-12.');
    expect(response.text).toContain('value="HTTP Created"');
    expect(response.text).toContain('value="Dec 2026"');
    await expect(ctx.services.banks.getQuestion('http-basics', 'http-050')).rejects.toThrow();
  });

  it('shows a script tag in a prompt as text, never as script', async () => {
    await submitForm(
      admin,
      '/banks/http-basics/questions/new?type=single',
      '/banks/http-basics/questions',
      {
        ...singleForm,
        prompt: 'Hello <script>alert("x")</script> [link](javascript:alert(1))',
        'options.0.text': '<img src=x onerror=alert(1)>',
      },
    );
    const page = await manager.get('/banks/http-basics/questions/http-050');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).not.toMatch(/href="javascript:/i);
    expect(page.text).toContain('&lt;script&gt;');
  });

  it('duplicates a question under a new id and opens the copy for editing', async () => {
    const response = await submitForm(
      admin,
      '/banks/http-basics/questions/http-001',
      '/banks/http-basics/questions/http-001/duplicate',
      {},
    );
    expect(response.headers.location).toBe('/banks/http-basics/questions/http-001-copy/edit');
    const second = await submitForm(
      admin,
      '/banks/http-basics/questions/http-001',
      '/banks/http-basics/questions/http-001/duplicate',
      {},
    );
    expect(second.headers.location).toBe('/banks/http-basics/questions/http-001-copy-2/edit');
  });

  it('retires and restores a question; retired ones are filtered out by default', async () => {
    await submitForm(
      admin,
      '/banks/http-basics/questions/http-001',
      '/banks/http-basics/questions/http-001/retire',
      {},
    );
    expect((await admin.get('/banks/http-basics')).text).not.toContain('>http-001<');
    expect((await admin.get('/banks/http-basics?status=retired')).text).toContain('>http-001<');
    const twice = await submitForm(
      admin,
      '/banks/http-basics/questions/http-001',
      '/banks/http-basics/questions/http-001/retire',
      {},
    );
    expect(twice.status).toBe(409);
    await submitForm(
      admin,
      '/banks/http-basics/questions/http-001',
      '/banks/http-basics/questions/http-001/restore',
      {},
    );
    expect((await admin.get('/banks/http-basics')).text).toContain('>http-001<');
    const actions = (await ctx.db.selectFrom('audit_log').select('action').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['question.retired', 'question.restored']));
  });

  it('refuses an unknown question type', async () => {
    expect((await admin.get('/banks/http-basics/questions/new?type=ranking')).status).toBe(400);
  });
});

describe('uploading a bank file', () => {
  async function upload(agent: Agent, name: string, text: string, skill = '') {
    const page = await agent.get('/banks/import');
    return agent
      .post('/banks/import')
      .field('_csrf', csrfFrom(page.text))
      .field('skill', skill)
      .attach('file', Buffer.from(text), name);
  }

  it('previews what will change, then imports on confirmation', async () => {
    const changed = bankFile({
      questions: [
        sample('single', { id: 'http-001', prompt: 'New prompt' }),
        sample('numeric', { id: 'http-003' }),
      ],
    });
    const staged = await upload(admin, changed.name, changed.text);
    expect(staged.status).toBe(303);
    const preview = await admin.get(staged.headers.location as string);
    expect(preview.text).toContain('http-003');
    expect(preview.text).toContain('new version');
    expect(await ctx.services.banks.versions('http-basics', 'http-001')).toHaveLength(1);

    const confirmed = await admin
      .post(staged.headers.location as string)
      .type('form')
      .send({ _csrf: csrfFrom(preview.text) });
    expect(confirmed.status).toBe(303);
    expect((await admin.get('/banks')).text).toContain(
      'Imported: 1 created, 1 changed, 0 unchanged, 0 refused.',
    );
    expect(await ctx.services.banks.versions('http-basics', 'http-001')).toHaveLength(2);
  });

  it('shows the problems of a bad file by line and offers no import button', async () => {
    const staged = await upload(
      admin,
      'bad.yaml',
      'skill: bad\nname: Bad\nquestions:\n  - id: b-1\n    type: nope\n',
    );
    const preview = await admin.get(staged.headers.location as string);
    expect(preview.text).toContain('This file cannot be imported');
    expect(preview.text).toMatch(/Line 5/);
    expect(preview.text).not.toContain('button" class="button">Import');
  });

  it('refuses an upload without its CSRF token', async () => {
    const response = await admin.post('/banks/import').attach('file', Buffer.from('x'), 'x.yaml');
    expect(response.status).toBe(403);
  });

  it('asks for a file, and for a supported extension', async () => {
    const page = await admin.get('/banks/import');
    const none = await admin.post('/banks/import').field('_csrf', csrfFrom(page.text));
    expect(none.status).toBe(422);
    expect(none.text).toContain('Choose a file to upload.');
    const wrong = await upload(admin, 'bank.docx', 'x');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Upload a .yaml, .gift or .csv file.');
  });

  it('refuses a file over 2 MB with 413', async () => {
    const response = await upload(admin, 'big.yaml', 'x'.repeat(2 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
  });

  it('keeps an upload private to the admin who made it', async () => {
    const staged = await upload(admin, bankFile().name, bankFile().text);
    const other = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'admin' })).email);
    expect((await other.get(staged.headers.location as string)).status).toBe(404);
    expect((await admin.get('/banks/import/not-an-id')).status).toBe(404);
  });
});
