import request from 'supertest';
import { csrfFrom, signedInAgent, submitForm, type Agent } from '../helpers/agents';
import { bankFile } from '../helpers/bank-files';
import { createUser, lastMailTo, linkIn } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let agent: Agent;

beforeEach(async () => {
  ctx = await createTestContext();
  const admin = await createUser(ctx.db, { role: 'admin', name: 'Ada Admin' });
  agent = await signedInAgent(ctx.app, admin.email);
});
afterEach(() => ctx.close());

async function invite(email: string, name: string) {
  await submitForm(agent, '/admin/users/invite', '/admin/users/invite', {
    name,
    email,
    role: 'manager',
  });
  const user = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return user.id;
}

describe('a new invitation link from the Users page', () => {
  it('shows a new link once, mails it again, audits it, and the old link stops working', async () => {
    const id = await invite('mona@example.test', 'Mona Manager');
    const oldLink = linkIn((await lastMailTo(ctx.db, 'mona@example.test')).text_body);
    const list = await agent.get('/admin/users');
    expect(list.text).toContain(`action="/admin/users/${id}/invite-link"`);

    const shown = await agent
      .post(`/admin/users/${id}/invite-link`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect(shown.status).toBe(200);
    expect(shown.headers['cache-control']).toContain('no-store');
    const link = /id="invite-link"[^>]*value="([^"]+)"/
      .exec(shown.text)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(link).toMatch(/\/password\/set\?token=/);
    expect(linkIn((await lastMailTo(ctx.db, 'mona@example.test')).text_body)).toBe(linkIn(link!));
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.invite_link_issued')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(new URL(link!).searchParams.get('token')!);

    const stale = request.agent(ctx.app);
    await stale.get(oldLink);
    expect((await stale.get('/password/set')).status).toBe(404);
    const invitee = request.agent(ctx.app);
    await invitee.get(linkIn(link!));
    expect((await invitee.get('/password/set')).text).toContain('Choose your password');

    expect((await agent.get('/admin/users')).text).not.toContain(link!);
  });

  it('offers a one-hour reset link for a user who has a password, mailed and audited', async () => {
    const active = await createUser(ctx.db, { role: 'manager', name: 'Ada Active' });
    const list = await agent.get('/admin/users');
    expect(list.text).toContain(`/admin/users/${active.id}/invite-link`);
    expect(list.text).toContain('New reset link');
    const page = await agent
      .post(`/admin/users/${active.id}/invite-link`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect(page.status).toBe(200);
    expect(page.text).toContain('New reset link for Ada Active');
    expect(page.text).toContain('one hour');
    const link = /value="(https?:\/\/[^"]+password\/set\?token=[^"]+)"/.exec(page.text)?.[1];
    expect(link).toBeDefined();
    const mail = await lastMailTo(ctx.db, active.email);
    expect(mail.subject).toBe('Reset your skillscreen password');
    const opened = await request(ctx.app).get(
      new URL(link ?? '').pathname + new URL(link ?? '').search,
    );
    expect(opened.status).toBe(303);
  });

  it('is for admins only', async () => {
    const id = await invite('ivy@example.test', 'Ivy Invited');
    const manager = await createUser(ctx.db, { role: 'manager' });
    const other = await signedInAgent(ctx.app, manager.email);
    const page = await other.get('/');
    const response = await other
      .post(`/admin/users/${id}/invite-link`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(response.status).toBe(403);
  });
});

describe('the audit log', () => {
  it('names actions in words and links subjects that still exist', async () => {
    const id = await invite('mona@example.test', 'Mona Manager');
    await ctx.services.banks.importFiles([bankFile()]);
    await submitForm(agent, '/banks/new', '/banks/new', { name: 'Git', slug: 'git' });
    await ctx.db
      .insertInto('audit_log')
      .values({
        at: 1,
        action: 'assessment.created',
        subject_type: 'assessment',
        subject_id: '999',
      })
      .execute();

    const page = await agent.get('/admin/audit');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="sign_in.success" >Signed in</option>');
    expect(page.text).not.toContain('<code>user.invited</code>');
    expect(page.text).toContain('User invited');
    expect(page.text).toContain(
      `<a href="/admin/users#user-${id}">mona@example.test (user ${id})</a>`,
    );
    expect(page.text).toContain('<a href="/banks/git">Git (bank git)</a>');
    expect(page.text).toContain('assessment 999');
    expect(page.text).not.toContain('href="/assessments/999"');
    expect((await agent.get('/admin/users')).text).toContain(`id="user-${id}"`);
  });
});
