import request from 'supertest';
import { signedInAgent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

async function adminAgent(context: TestContext = ctx) {
  const admin = await createUser(context.db, { role: 'admin' });
  return signedInAgent(context.app, admin.email);
}

function queue(to: string, subject: string, text = 'Hello.') {
  return ctx.services.outbox.enqueue({ to, subject, text });
}

describe('the Outbox page', () => {
  it('lists recent messages, newest first, with recipient, subject, status, tries and time', async () => {
    await queue('first@example.test', 'Older message');
    ctx.clock.advance(60_000);
    const newest = await queue('second@example.test', 'Newer message');

    const page = await (await adminAgent()).get('/admin/outbox');

    expect(page.status).toBe(200);
    expect(page.text.indexOf('Newer message')).toBeLessThan(page.text.indexOf('Older message'));
    expect(page.text).toContain('second@example.test');
    expect(page.text).toContain(`href="/admin/outbox/${newest}"`);
    expect(page.text).toContain('>Queued</span>');
    expect(page.text).toContain('2026-01-05 09:01:00');
  });

  it('says delivery is not configured when SMTP_URL is unset, and mail waits there', async () => {
    await queue('cand@example.test', 'Your assessment');

    const page = await (await adminAgent()).get('/admin/outbox');

    expect(page.text).toContain('Email delivery is not configured');
    expect(page.text).toContain('<dt>Pending</dt><dd>1</dd>');
  });

  it('says delivery is configured when SMTP_URL is set', async () => {
    const configured = await createTestContext({ SMTP_URL: 'smtp://mail.example.test:587' });
    try {
      const page = await (await adminAgent(configured)).get('/admin/outbox');
      expect(page.text).toContain('Email delivery is configured');
      expect(page.text).not.toContain('not configured');
    } finally {
      await configured.close();
    }
  });

  it('pages through older messages', async () => {
    for (let n = 1; n <= 51; n += 1) await queue(`c${n}@example.test`, `Message ${n}`);
    const agent = await adminAgent();

    const first = await agent.get('/admin/outbox');
    const second = await agent.get('/admin/outbox?page=2');

    expect(first.text).toContain('Message 51<');
    expect(first.text).not.toContain('Message 1<');
    expect(first.text).toContain('href="/admin/outbox?page=2"');
    expect(second.text).toContain('Message 1<');
    expect(second.text).toContain('href="/admin/outbox?page=1"');
    expect(second.text).not.toContain('href="/admin/outbox?page=3"');
  });

  it('refuses a page number that is not one', async () => {
    const response = await (await adminAgent()).get('/admin/outbox?page=zero');
    expect(response.status).toBe(400);
  });
});

describe('one message in the Outbox', () => {
  it('shows its text as text, never as markup', async () => {
    const id = await queue(
      'cand@example.test',
      'Your <b>assessment</b>',
      'Open http://localhost:3000/t/abc123 <script>alert(1)</script>',
    );

    const page = await (await adminAgent()).get(`/admin/outbox/${id}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('http://localhost:3000/t/abc123');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('Your &lt;b&gt;assessment&lt;/b&gt;');
  });

  it.each(['999', 'abc'])('is 404 for a message that does not exist (%s)', async (id) => {
    const response = await (await adminAgent()).get(`/admin/outbox/${id}`);
    expect(response.status).toBe(404);
    expect(response.text).toContain('There is no such message in the outbox.');
  });
});

describe('who may see the Outbox', () => {
  it.each(['/admin/outbox', '/admin/outbox/1'])('answers 403 to a manager on %s', async (path) => {
    await queue('cand@example.test', 'Your assessment');
    const manager = await createUser(ctx.db, { role: 'manager' });

    const response = await (await signedInAgent(ctx.app, manager.email)).get(path);

    expect(response.status).toBe(403);
    expect(response.text).not.toContain('Your assessment');
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await request(ctx.app).get('/admin/outbox');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in');
  });

  it('is linked from the navigation of admins only', async () => {
    const manager = await createUser(ctx.db, { role: 'manager' });
    const adminHome = await (await adminAgent()).get('/');
    const managerHome = await (await signedInAgent(ctx.app, manager.email)).get('/');

    expect(adminHome.text).toContain('href="/admin/outbox"');
    expect(managerHome.text).not.toContain('href="/admin/outbox"');
  });
});
