import request from 'supertest';
import { sessionCookie, signIn, signedInAgent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
afterEach(() => ctx.close());

function sidOf(cookie: string | undefined): string | undefined {
  return cookie?.split(';')[0]?.split('=')[1];
}

describe('session cookie', () => {
  beforeEach(async () => {
    ctx = await createTestContext();
  });

  it('is HttpOnly, SameSite=Lax, path / and not Secure on plain http', async () => {
    const user = await createUser(ctx.db);
    const cookie = sessionCookie(await signIn(request.agent(ctx.app), user.email));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('changes the session id at sign-in', async () => {
    const user = await createUser(ctx.db);
    const agent = request.agent(ctx.app);
    const before = sidOf(sessionCookie(await agent.get('/sign-in')));
    const after = sidOf(sessionCookie(await signIn(agent, user.email)));
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const stored = await ctx.db.selectFrom('sessions').select('sid').execute();
    expect(stored.map((s) => s.sid)).not.toContain(
      decodeURIComponent(before ?? '')
        .slice(2)
        .split('.')[0],
    );
  });

  it('survives a server restart', async () => {
    const user = await createUser(ctx.db, { name: 'Persistent Pat' });
    const agent = await signedInAgent(ctx.app, user.email);
    expect((await agent.get('/')).status).toBe(200);
    const cookie = sessionCookie(await agent.get('/'))?.split(';')[0] ?? '';
    const restarted = await ctx.restart();
    const response = await request(restarted).get('/').set('Cookie', cookie);
    expect(response.status).toBe(200);
    expect(response.text).toContain('Welcome, Persistent Pat');
  });

  it('ends after 8 idle hours', async () => {
    const user = await createUser(ctx.db);
    const agent = await signedInAgent(ctx.app, user.email);
    ctx.clock.advance(7 * 3_600_000);
    expect((await agent.get('/')).status).toBe(200);
    ctx.clock.advance(8 * 3_600_000 + 1000);
    expect((await agent.get('/')).status).toBe(303);
  });

  it('ends 7 days after sign-in however active it is', async () => {
    const user = await createUser(ctx.db);
    const agent = await signedInAgent(ctx.app, user.email);
    for (let hours = 0; hours < 7 * 24; hours += 6) {
      ctx.clock.advance(6 * 3_600_000);
      expect((await agent.get('/')).status).toBe(200);
    }
    ctx.clock.advance(6 * 3_600_000);
    expect((await agent.get('/')).status).toBe(303);
  });

  it('prunes expired sessions from the store', async () => {
    const user = await createUser(ctx.db);
    await signedInAgent(ctx.app, user.email);
    ctx.clock.advance(9 * 3_600_000);
    expect(await ctx.services.sessionStore.prune()).toBe(1);
    expect(await ctx.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('creates no session for a visitor who only reads a page without a form', async () => {
    await request(ctx.app).get('/healthz');
    await request(ctx.app).get('/css/app.css');
    expect(await ctx.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });
});

describe('session cookie behind an https proxy', () => {
  beforeEach(async () => {
    ctx = await createTestContext({ BASE_URL: 'https://skills.example.test', TRUST_PROXY: 'true' });
  });

  it('is Secure, HttpOnly and uses the __Host- prefix', async () => {
    const user = await createUser(ctx.db);
    // The cookie jar of supertest keeps Secure cookies off plain http, so carry it by hand.
    const page = await request(ctx.app).get('/sign-in').set('X-Forwarded-Proto', 'https');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const anonymous = sessionCookie(page, '__Host-skillscreen.sid')?.split(';')[0] ?? '';
    const response = await request(ctx.app)
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', anonymous)
      .type('form')
      .send({ email: user.email, password: 'correct horse battery staple', _csrf: token });
    const cookie = sessionCookie(response, '__Host-skillscreen.sid');
    expect(response.status).toBe(303);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});
