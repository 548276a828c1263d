import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
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

describe('an over-limit job description', () => {
  it('shows the form again, in the layout, naming the limit for a very long pasted text', async () => {
    const response = await postNew({
      title: 'Back-end developer',
      description: 'Python '.repeat(43_000),
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('New assessment from a job description');
    expect(response.text).toContain('longer than 200 KB');
    expect(response.text).toContain('value="Back-end developer"');
    expect(response.text).toContain('Sign out');
    expect(response.text).not.toContain('Field value too long');
  });

  it('shows the form again, in the layout, naming the limit for a file over 2 MB', async () => {
    const response = await postNew(
      { title: 'Back-end developer', description: '' },
      { name: 'jd.md', text: 'x'.repeat(2 * 1024 * 1024 + 1) },
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain('New assessment from a job description');
    expect(response.text).toContain('larger than 2 MB');
    expect(response.text).toContain('Sign out');
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
});
