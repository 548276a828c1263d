import request from 'supertest';
import { csrfFrom, signIn, submitForm } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

describe('first-admin setup', () => {
  it('lets the holder of the one-time link create the first admin, then disappears', async () => {
    const token = await ctx.services.auth.issueSetupToken();
    expect(token).toBeTruthy();
    const agent = request.agent(ctx.app);
    const landing = await agent.get(`/setup?token=${token}`);
    expect(landing.status).toBe(303);
    expect(landing.headers.location).toBe('/setup');
    const form = await agent.get('/setup');
    expect(form.text).toContain('Create admin account');

    const password = 'first admin passphrase';
    const created = await agent
      .post('/setup')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        name: 'Founding Admin',
        email: 'founder@example.test',
        password,
        confirm: password,
      });
    expect(created.status).toBe(303);
    const home = await agent.get('/');
    expect(home.text).toContain('Welcome, Founding Admin');
    expect(home.text).toContain('href="/admin/users"');

    expect((await request(ctx.app).get(`/setup?token=${token}`)).status).toBe(404);
    expect((await signIn(request.agent(ctx.app), 'founder@example.test', password)).status).toBe(
      303,
    );
    expect(await ctx.services.auth.issueSetupToken()).toBeNull();
  });

  it('refuses a wrong token', async () => {
    await ctx.services.auth.issueSetupToken();
    const agent = request.agent(ctx.app);
    await agent.get('/setup?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await agent.get('/setup')).status).toBe(404);
  });

  it('is gone once any account exists, even with a valid token', async () => {
    const token = await ctx.services.auth.issueSetupToken();
    await createUser(ctx.db);
    expect((await request(ctx.app).get(`/setup?token=${token}`)).status).toBe(404);
  });

  it('keeps the typed values and shows each problem on a bad form', async () => {
    const token = await ctx.services.auth.issueSetupToken();
    const agent = request.agent(ctx.app);
    await agent.get(`/setup?token=${token}`);
    const response = await submitForm(agent, '/setup', '/setup', {
      name: 'Ann',
      email: 'ann@example.test',
      password: 'long enough passphrase',
      confirm: 'different passphrase',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('The two passwords do not match.');
    expect(response.text).toContain('value="ann@example.test"');
    expect(await ctx.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });
});
