import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let agent: Agent;
beforeEach(async () => {
  ctx = await createTestContext();
  const manager = await createUser(ctx.db, { role: 'manager' });
  agent = await signedInAgent(ctx.app, manager.email);
});
afterEach(() => ctx.close());

async function postNew(fields: Record<string, string>, file?: { name: string; text: string }) {
  const page = await agent.get('/assessments/new');
  let request = agent.post('/assessments').field('_csrf', csrfFrom(page.text));
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  if (file) request = request.attach('file', Buffer.from(file.text), file.name);
  return request;
}

/** The same form sent URL-encoded, as a client without multipart may send it. */
async function postNewUrlencoded(fields: Record<string, string>) {
  const page = await agent.get('/assessments/new');
  return agent
    .post('/assessments')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

// About 300 KB: far over the 100,000 characters accepted, with a last line to find it by.
const pasted = `${'Python and Django\r\n'.repeat(16_000)}Last pasted line`;

async function assessmentCount() {
  const row = await ctx.db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function expectNewFormInLayout(response: { status: number; text: string }) {
  expect(response.status).toBe(422);
  expect(response.text).toContain('New assessment from a job description');
  expect(response.text).toContain('Sign out');
  expect(response.text).not.toContain('Field value too long');
}

describe('an over-limit job description', () => {
  it('names both limits on the form before anything is sent', async () => {
    const page = await agent.get('/assessments/new');
    expect(page.text).toContain('Plain text or Markdown, up to 100,000 characters.');
    expect(page.text).toContain('.txt or .md, up to 2 MB.');
  });

  it('shows a very long pasted text again, in full, with its length and the limit', async () => {
    const response = await postNew({ title: 'Back-end developer', description: pasted });
    expectNewFormInLayout(response);
    expect(response.text).toContain(
      'This description is 288,016 characters long; at most 100,000 are accepted.',
    );
    expect(response.text).toContain('value="Back-end developer"');
    expect(response.text).toContain('Python and Django\r\nLast pasted line</textarea>');
    expect(await assessmentCount()).toBe(0);
  });

  it('does the same for the form sent URL-encoded', async () => {
    const response = await postNewUrlencoded({ title: 'Back-end developer', description: pasted });
    expectNewFormInLayout(response);
    expect(response.text).toContain('at most 100,000 are accepted');
    expect(response.text).toContain('value="Back-end developer"');
    expect(response.text).toContain('Last pasted line</textarea>');
  });

  it('counts a line break as one character, as the text box shows it', async () => {
    await importTestBanks(ctx);
    const lines = `${TEST_JOB_DESCRIPTION}\n${'The office has a garden.\n'.repeat(3_950)}`;
    const description = lines.replace(/\n/g, '\r\n');
    expect(lines.length).toBeLessThanOrEqual(100_000);
    expect(description.length).toBeGreaterThan(100_000);
    const response = await postNew({ title: 'Back-end developer', description });
    expect(response.status).toBe(303);
  });

  it('says so when a pasted text over 1 MB could not be kept, and keeps the title', async () => {
    const response = await postNew({
      title: 'Back-end developer',
      description: 'x'.repeat(1024 * 1024 + 1),
    });
    expectNewFormInLayout(response);
    expect(response.text).toContain('What you pasted is larger than 1 MB, so it was not kept.');
    expect(response.text).toContain('up to 100,000 characters');
    expect(response.text).toContain('value="Back-end developer"');
  });

  it('refuses a URL-encoded form over 1 MB inside the layout, naming the limit', async () => {
    const response = await postNewUrlencoded({
      title: 'Back-end developer',
      description: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(response.text).toContain('This form is larger than 1 MB, the most accepted');
    expect(response.text).toContain('Sign out');
    expect(await assessmentCount()).toBe(0);
  });

  it('shows the form again for a file over 2 MB, keeping the pasted text', async () => {
    const response = await postNew(
      { title: 'Back-end developer', description: 'Requirements: Python' },
      { name: 'jd.md', text: 'x'.repeat(2 * 1024 * 1024 + 1) },
    );
    expectNewFormInLayout(response);
    expect(response.text).toContain('This file is larger than 2 MB, the most accepted.');
    expect(response.text).toContain('value="Back-end developer"');
    expect(response.text).toContain('Requirements: Python</textarea>');
  });

  it('allows long text only in the few fields of this form', async () => {
    const fields = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`extra${i}`, 'x']));
    const response = await postNew({ title: 'Back-end developer', ...fields });
    expect(response.status).toBe(400);
  });

  it('still refuses an over-limit upload elsewhere, inside the layout', async () => {
    const admin = await createUser(ctx.db, { role: 'admin' });
    const adminAgent = await signedInAgent(ctx.app, admin.email);
    const page = await adminAgent.get('/banks/import');
    const response = await adminAgent
      .post('/banks/import')
      .field('_csrf', csrfFrom(page.text))
      .attach('file', Buffer.from('x'.repeat(2 * 1024 * 1024 + 1)), 'big.yaml');
    expect(response.status).toBe(413);
    expect(response.text).toContain('larger than 2 MB');
    expect(response.text).toContain('Sign out');
  });

  it('still allows other forms 200 KB a field, refused inside the layout', async () => {
    const page = await agent.get('/assessments/new');
    const response = await agent
      .post('/assessments/1/candidates/preview')
      .field('_csrf', csrfFrom(page.text))
      .field('csv', 'x'.repeat(200 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(response.text).toContain('This text is larger than 200 KB, the most accepted');
    expect(response.text).toContain('Sign out');
  });

  it('refuses another URL-encoded form over 200 KB inside the layout', async () => {
    const response = await agent
      .post('/assessments/1/settings')
      .type('form')
      .send({ _csrf: 'x', title: 'x'.repeat(200 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(response.text).toContain('This form is larger than 200 KB, the most accepted');
    expect(response.text).toContain('Sign out');
  });
});
