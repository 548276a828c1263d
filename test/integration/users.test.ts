import request from 'supertest';
import { csrfFrom, signedInAgent, submitForm } from '../helpers/agents';
import { createUser, lastMailTo, linkIn } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

async function adminAgent() {
  const admin = await createUser(ctx.db, { role: 'admin', name: 'Ada Admin' });
  return { admin, agent: await signedInAgent(ctx.app, admin.email) };
}

async function post(
  agent: Awaited<ReturnType<typeof signedInAgent>>,
  path: string,
  fields: Record<string, string> = {},
) {
  return submitForm(agent, '/admin/users', path, fields);
}

describe('admin pages', () => {
  it.each(['/admin/users', '/admin/users/invite', '/admin/audit'])(
    'answers 403 to a manager on %s',
    async (path) => {
      const manager = await createUser(ctx.db, { role: 'manager' });
      const agent = await signedInAgent(ctx.app, manager.email);
      const response = await agent.get(path);
      expect(response.status).toBe(403);
      expect(response.text).toContain('for admins only');
    },
  );

  it('answers 403 to a manager who posts to an admin action', async () => {
    const manager = await createUser(ctx.db, { role: 'manager' });
    const target = await createUser(ctx.db);
    const agent = await signedInAgent(ctx.app, manager.email);
    const page = await agent.get('/');
    const response = await agent
      .post(`/admin/users/${target.id}/disable`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(response.status).toBe(403);
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await request(ctx.app).get('/admin/users');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in');
  });

  it('shows only what an admin can do in the nav of a manager', async () => {
    const manager = await createUser(ctx.db, { role: 'manager' });
    const agent = await signedInAgent(ctx.app, manager.email);
    const home = await agent.get('/');
    expect(home.text).not.toContain('href="/admin/users"');
  });
});

describe('inviting a user', () => {
  it('creates the account, mails a 7-day link, and the link sets the password', async () => {
    const { agent } = await adminAgent();
    const response = await submitForm(agent, '/admin/users/invite', '/admin/users/invite', {
      name: 'Mona Manager',
      email: 'Mona@Example.test',
      role: 'manager',
    });
    expect(response.status).toBe(303);
    const list = await agent.get('/admin/users');
    expect(list.text).toContain('Invitation sent to mona@example.test');
    expect(list.text).toContain('Invited');

    const mail = await lastMailTo(ctx.db, 'mona@example.test');
    expect(mail.subject).toContain('invited');
    expect(mail.text_body).toContain('Ada Admin');
    const invitee = request.agent(ctx.app);
    await invitee.get(linkIn(mail.text_body));
    const form = await invitee.get('/password/set');
    expect(form.text).toContain('Choose your password');
    const password = 'mona chooses a long one';
    const saved = await invitee
      .post('/password/set')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), password, confirm: password });
    expect(saved.status).toBe(303);
    expect((await invitee.get('/')).text).toContain('Welcome, Mona Manager');
  });

  it('refuses a link older than 7 days', async () => {
    const { agent } = await adminAgent();
    await submitForm(agent, '/admin/users/invite', '/admin/users/invite', {
      name: 'Late Larry',
      email: 'larry@example.test',
      role: 'manager',
    });
    const link = linkIn((await lastMailTo(ctx.db, 'larry@example.test')).text_body);
    ctx.clock.advance(7 * 86_400_000 + 1);
    const invitee = request.agent(ctx.app);
    await invitee.get(link);
    expect((await invitee.get('/password/set')).status).toBe(404);
  });

  it('shows each problem beside its field and creates nothing', async () => {
    const { agent } = await adminAgent();
    const response = await submitForm(agent, '/admin/users/invite', '/admin/users/invite', {
      name: '',
      email: 'not-an-email',
      role: 'owner',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Enter a name.');
    expect(response.text).toContain('Enter an email address like name@example.com.');
    expect(response.text).toContain('Choose admin or hiring manager.');
    expect(await ctx.db.selectFrom('users').selectAll().execute()).toHaveLength(1);
  });

  it('refuses an email that already has an account', async () => {
    const { admin, agent } = await adminAgent();
    const response = await submitForm(agent, '/admin/users/invite', '/admin/users/invite', {
      name: 'Twin',
      email: admin.email.toUpperCase(),
      role: 'manager',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('A user with this email already exists.');
  });
});

describe('managing users', () => {
  it('disables a user, ending their sessions, and re-enables them', async () => {
    const { agent } = await adminAgent();
    const manager = await createUser(ctx.db, { name: 'Max Manager' });
    const managerAgent = await signedInAgent(ctx.app, manager.email);

    expect((await post(agent, `/admin/users/${manager.id}/disable`)).status).toBe(303);
    expect((await managerAgent.get('/')).status).toBe(303);
    expect((await agent.get('/admin/users')).text).toContain('Max Manager is disabled');

    expect((await post(agent, `/admin/users/${manager.id}/enable`)).status).toBe(303);
    expect((await signedInAgent(ctx.app, manager.email).then((a) => a.get('/'))).status).toBe(200);
  });

  it('changes a role and makes the user sign in again', async () => {
    const { agent } = await adminAgent();
    const manager = await createUser(ctx.db);
    const managerAgent = await signedInAgent(ctx.app, manager.email);
    expect((await post(agent, `/admin/users/${manager.id}/role`, { role: 'admin' })).status).toBe(
      303,
    );
    const row = await ctx.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', manager.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('admin');
    expect((await managerAgent.get('/')).status).toBe(303);
  });

  it('refuses to disable or demote yourself', async () => {
    const { admin, agent } = await adminAgent();
    expect((await post(agent, `/admin/users/${admin.id}/disable`)).status).toBe(409);
    expect((await post(agent, `/admin/users/${admin.id}/role`, { role: 'manager' })).status).toBe(
      409,
    );
  });

  it('answers 404 for a user that does not exist or a malformed id', async () => {
    const { agent } = await adminAgent();
    expect((await post(agent, '/admin/users/9999/disable')).status).toBe(404);
    expect((await post(agent, '/admin/users/abc/disable')).status).toBe(404);
  });

  it('records user changes in the audit log, readable by admins', async () => {
    const { agent } = await adminAgent();
    const manager = await createUser(ctx.db);
    await post(agent, `/admin/users/${manager.id}/disable`);
    const page = await agent.get('/admin/audit?action=user.disabled');
    expect(page.status).toBe(200);
    expect(page.text).toContain('user.disabled');
    expect(page.text).toContain(`user ${manager.id}`);
    expect((await agent.get('/admin/audit?action=bogus')).status).toBe(400);
  });
});
