import request from 'supertest';
import { sessionCookie, signIn, signedInAgent, submitForm } from '../helpers/agents';
import { createUser, DEFAULT_PASSWORD, lastMailTo, linkIn } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

const FAILED = 'Email or password is incorrect.';

describe('sign-in', () => {
  it('signs in with the right password and lands on the dashboard', async () => {
    const user = await createUser(ctx.db, { name: 'Ada Admin', role: 'admin' });
    const agent = await signedInAgent(ctx.app, user.email);
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Welcome, Ada Admin');
  });

  it('accepts the email in any case and with spaces around it', async () => {
    await createUser(ctx.db, { email: 'mixed@example.test' });
    const response = await signIn(request.agent(ctx.app), '  MIXED@Example.test ');
    expect(response.status).toBe(303);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const user = await createUser(ctx.db);
    const wrongPassword = await signIn(
      request.agent(ctx.app),
      user.email,
      'not the password at all',
    );
    const unknownEmail = await signIn(
      request.agent(ctx.app),
      'nobody@example.test',
      'not the password at all',
    );
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.text).toContain(FAILED);
    expect(unknownEmail.text).toContain(FAILED);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(wrongPassword.text)).toBe(strip(unknownEmail.text));
  });

  it('refuses a disabled account with the same message', async () => {
    const user = await createUser(ctx.db, { disabled: true });
    const response = await signIn(request.agent(ctx.app), user.email);
    expect(response.status).toBe(401);
    expect(response.text).toContain(FAILED);
  });

  it('asks for both fields when they are empty, beside each field', async () => {
    const response = await submitForm(request.agent(ctx.app), '/sign-in', '/sign-in', {
      email: '',
      password: '',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Enter your email.');
    expect(response.text).toContain('Enter your password.');
  });

  it('locks an account after five failures, even with the right password, then unlocks after 15 minutes', async () => {
    const user = await createUser(ctx.db);
    for (let i = 0; i < 4; i += 1) {
      expect((await signIn(request.agent(ctx.app), user.email, 'wrong password!')).status).toBe(
        401,
      );
    }
    const fifth = await signIn(request.agent(ctx.app), user.email, 'wrong password!');
    expect(fifth.status).toBe(429);
    expect(fifth.text).toContain('Too many failed sign-in attempts');

    const whileLocked = await signIn(request.agent(ctx.app), user.email, DEFAULT_PASSWORD);
    expect(whileLocked.status).toBe(429);

    ctx.clock.advance(15 * 60_000 + 1);
    expect((await signIn(request.agent(ctx.app), user.email, DEFAULT_PASSWORD)).status).toBe(303);
    const actions = await ctx.db.selectFrom('audit_log').select('action').execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['sign_in.failure', 'sign_in.lockout', 'sign_in.success']),
    );
  });

  it('locks unknown emails exactly like known ones, so lockout reveals nothing', async () => {
    for (let i = 0; i < 4; i += 1)
      await signIn(request.agent(ctx.app), 'ghost@example.test', 'wrong password!');
    const fifth = await signIn(request.agent(ctx.app), 'ghost@example.test', 'wrong password!');
    expect(fifth.status).toBe(429);
  });

  it('locks a client IP that tries many accounts', async () => {
    for (let i = 0; i < 30; i += 1)
      await signIn(request.agent(ctx.app), `spray${i}@example.test`, 'wrong password!');
    const user = await createUser(ctx.db);
    expect((await signIn(request.agent(ctx.app), user.email)).status).toBe(429);
  });

  it('returns to the page that asked for sign-in, but never to another site', async () => {
    const user = await createUser(ctx.db, { role: 'admin' });
    const agent = request.agent(ctx.app);
    expect((await agent.get('/admin/users')).headers.location).toBe('/sign-in');
    const response = await signIn(agent, user.email);
    expect(response.headers.location).toBe('/admin/users');

    const other = request.agent(ctx.app);
    await other.get('//evil.example/path');
    expect((await signIn(other, user.email)).headers.location).toBe('/');
  });
});

async function adminAndTarget() {
  const admin = await createUser(ctx.db, { role: 'admin' });
  const target = await createUser(ctx.db);
  return { agent: await signedInAgent(ctx.app, admin.email), target };
}

async function isDisabled(userId: number): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('users')
    .select('disabled_at')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.disabled_at !== null;
}

describe('CSRF', () => {
  it('refuses a state-changing POST without a token, with a friendly 403 page', async () => {
    const user = await createUser(ctx.db);
    const response = await request(ctx.app)
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: DEFAULT_PASSWORD });
    expect(response.status).toBe(403);
    expect(response.text).toContain('Form expired');
  });

  it('refuses a POST whose token belongs to another session', async () => {
    const { agent, target } = await adminAndTarget();
    const foreign = await request.agent(ctx.app).get('/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(foreign.text)?.[1];
    const response = await agent
      .post(`/admin/users/${target.id}/disable`)
      .type('form')
      .send({ _csrf: token });
    expect(response.status).toBe(403);
    expect(await isDisabled(target.id)).toBe(false);
  });

  it('refuses a multipart POST without a token on any route, not only on upload routes', async () => {
    const { agent, target } = await adminAndTarget();
    const response = await agent.post(`/admin/users/${target.id}/disable`).field('note', 'x');
    expect(response.status).toBe(403);
    expect(await isDisabled(target.id)).toBe(false);
  });
});

describe('uploads', () => {
  it('answers an upload in an unexpected field with 400', async () => {
    const response = await request(ctx.app)
      .post('/sign-in')
      .attach('other', Buffer.from('x'), 'x.txt');
    expect(response.status).toBe(400);
  });
});

describe('sign-out', () => {
  it('destroys the session on the server, so the old cookie is worthless', async () => {
    const user = await createUser(ctx.db);
    const agent = request.agent(ctx.app);
    const cookie = sessionCookie(await signIn(agent, user.email))?.split(';')[0] ?? '';
    const home = await agent.get('/');
    expect(
      await ctx.db.selectFrom('sessions').select('sid').where('user_id', '=', user.id).execute(),
    ).toHaveLength(1);
    const token = /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1] ?? '';
    const out = await agent.post('/sign-out').type('form').send({ _csrf: token });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in?signed-out');
    expect(
      await ctx.db.selectFrom('sessions').select('sid').where('user_id', '=', user.id).execute(),
    ).toHaveLength(0);
    const replay = await request(ctx.app).get('/').set('Cookie', cookie);
    expect(replay.status).toBe(303);
  });
});

describe('session lifetime', () => {
  it('ends a session at its absolute lifetime, however active it was', async () => {
    await ctx.close();
    ctx = await createTestContext({ SESSION_MAX_DAYS: '0.01', SESSION_IDLE_MINUTES: '480' });
    const user = await createUser(ctx.db);
    const agent = await signedInAgent(ctx.app, user.email);
    for (let minute = 0; minute < 14; minute += 2) {
      ctx.clock.advance(2 * 60_000);
      expect((await agent.get('/')).status).toBe(200);
    }
    ctx.clock.advance(30_000);
    const ended = await agent.get('/');
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('password reset', () => {
  async function requestReset(email: string) {
    const response = await submitForm(
      request.agent(ctx.app),
      '/password/forgot',
      '/password/forgot',
      { email },
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('Check your email');
    return response;
  }

  it('mails a one-hour link that sets a new password once', async () => {
    const user = await createUser(ctx.db);
    await requestReset(user.email);
    const mail = await lastMailTo(ctx.db, user.email);
    const link = linkIn(mail.text_body);
    const agent = request.agent(ctx.app);

    const landing = await agent.get(link);
    expect(landing.status).toBe(303);
    expect(landing.headers.location).toBe('/password/set');
    const form = await agent.get('/password/set');
    expect(form.text).toContain('Choose a new password');

    const newPassword = 'a brand new passphrase';
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    const saved = await agent
      .post('/password/set')
      .type('form')
      .send({ _csrf: token, password: newPassword, confirm: newPassword });
    expect(saved.status).toBe(303);
    expect((await agent.get('/')).status).toBe(200);

    expect((await signIn(request.agent(ctx.app), user.email, DEFAULT_PASSWORD)).status).toBe(401);
    expect((await signIn(request.agent(ctx.app), user.email, newPassword)).status).toBe(303);

    const again = request.agent(ctx.app);
    await again.get(link);
    const reused = await again.get('/password/set');
    expect(reused.status).toBe(404);
    expect(reused.text).toContain('expired or has already been used');
  });

  it('refuses the link after one hour', async () => {
    const user = await createUser(ctx.db);
    await requestReset(user.email);
    const link = linkIn((await lastMailTo(ctx.db, user.email)).text_body);
    ctx.clock.advance(60 * 60_000 + 1);
    const agent = request.agent(ctx.app);
    await agent.get(link);
    expect((await agent.get('/password/set')).status).toBe(404);
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const response = await requestReset('nobody@example.test');
    expect(response.text).toContain('nobody@example.test');
    const mails = await ctx.db.selectFrom('outbox').selectAll().execute();
    expect(mails).toHaveLength(0);
  });

  it('stores only a hash of the token', async () => {
    const user = await createUser(ctx.db);
    await requestReset(user.email);
    const token = linkIn((await lastMailTo(ctx.db, user.email)).text_body).split('token=')[1];
    const rows = await ctx.db.selectFrom('user_tokens').select('token_hash').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a too-short password beside the field and keeps the link usable', async () => {
    const user = await createUser(ctx.db);
    await requestReset(user.email);
    const agent = request.agent(ctx.app);
    await agent.get(linkIn((await lastMailTo(ctx.db, user.email)).text_body));
    const response = await submitForm(agent, '/password/set', '/password/set', {
      password: 'short',
      confirm: 'short',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Use at least 12 characters.');
    expect((await agent.get('/password/set')).status).toBe(200);
  });

  it('ends other sessions of the account when the password changes', async () => {
    const user = await createUser(ctx.db);
    const elsewhere = await signedInAgent(ctx.app, user.email);
    await requestReset(user.email);
    const agent = request.agent(ctx.app);
    await agent.get(linkIn((await lastMailTo(ctx.db, user.email)).text_body));
    const password = 'another long passphrase';
    await submitForm(agent, '/password/set', '/password/set', { password, confirm: password });
    expect((await elsewhere.get('/')).status).toBe(303);
  });
});
