import request from 'supertest';
import { signedInAgent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

describe('/healthz', () => {
  it('answers 200 ok after a real database query', async () => {
    const response = await request(ctx.app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database is unavailable', async () => {
    await ctx.db.destroy();
    const response = await request(ctx.app).get('/healthz');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'unavailable' });
  });
});

describe('security headers', () => {
  it('sends a strict CSP without unsafe-inline and hides the framework', async () => {
    const response = await request(ctx.app).get('/sign-in');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('errors', () => {
  it('answers an unknown page with a friendly 404', async () => {
    const response = await request(ctx.app).get('/no/such/page');
    expect(response.status).toBe(404);
    expect(response.text).toContain('Page not found');
  });

  it('answers a body over the limit with 413 and changes nothing', async () => {
    const response = await request(ctx.app)
      .post('/sign-in')
      .type('form')
      .send({ email: 'x'.repeat(300_000) });
    expect(response.status).toBe(413);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await request(ctx.app)
      .post('/sign-in')
      .set('Content-Type', 'application/json')
      .send('{"email":');
    expect(response.status).toBe(400);
  });

  it('answers a malformed percent-encoding in a path with 4xx', async () => {
    const user = await createUser(ctx.db, { role: 'admin' });
    const agent = await signedInAgent(ctx.app, user.email);
    const response = await agent.get('/admin/users/%E0%A4%A');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers JSON clients with a JSON error', async () => {
    const response = await request(ctx.app).get('/nothing-here').set('Accept', 'application/json');
    expect(response.status).toBe(404);
    expect(response.body.error.status).toBe(404);
  });
});
