import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { NEW_SESSIONS_PER_IP } from '../../src/app';
import { createErrorHandler } from '../../src/http/error-handler';
import { csrfFrom, sessionCookie, signedInAgent, type Agent } from '../helpers/agents';
import { bankFile } from '../helpers/bank-files';
import { createUser } from '../helpers/builders';
import { candidateAgent, inviteCandidate, openTestAssessment } from '../helpers/candidate-fixtures';
import { sample } from '../helpers/questions';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
afterEach(() => ctx.close());

async function adminAgent(): Promise<Agent> {
  const admin = await createUser(ctx.db, { role: 'admin' });
  return signedInAgent(ctx.app, admin.email);
}

async function post(agent: Agent, pagePath: string, action: string) {
  const page = await agent.get(pagePath);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
}

describe('run modes', () => {
  beforeEach(async () => {
    ctx = await createTestContext({ NODE_ENV: 'production' });
  });

  it('runs `npm start` in production mode and `npm run dev` in development mode', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toMatch(/NODE_ENV=production node /);
    expect(pkg.scripts.dev).toMatch(/NODE_ENV=development /);
  });

  it('keeps plain-HTTP cookies and no HSTS in production on http://localhost', async () => {
    const page = await request(ctx.app).get('/sign-in');
    expect(page.status).toBe(200);
    const cookie = sessionCookie(page);
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    const admin = await createUser(ctx.db, { role: 'admin' });
    await expect(signedInAgent(ctx.app, admin.email)).resolves.toBeDefined();
  });
});

describe('Cache-Control on private pages', () => {
  beforeEach(async () => {
    ctx = await createTestContext();
  });

  it('sends no-store on a signed-in staff page and lets static files be cached', async () => {
    const admin = await adminAgent();
    const page = await admin.get('/banks');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const css = await request(ctx.app).get('/css/app.css');
    expect(css.headers['cache-control']).not.toBe('no-store');
  });

  it('sends no-store on an export', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    const admin = await adminAgent();
    const exported = await admin.get('/banks/http-basics/export.yaml');
    expect(exported.status).toBe(200);
    expect(exported.headers['cache-control']).toBe('no-store');
  });

  it("sends no-store on a candidate's page", async () => {
    const assessment = await openTestAssessment(ctx);
    const { linkPath } = await inviteCandidate(ctx, assessment);
    const candidate = await candidateAgent(ctx, linkPath);
    const landing = await candidate.get('/quiz');
    expect(landing.status).toBe(200);
    expect(landing.headers['cache-control']).toBe('no-store');
    // Pages outside /quiz (which set it themselves) carry it too while the session is bound.
    const elsewhere = await candidate.get('/password/forgot');
    expect(elsewhere.headers['cache-control']).toBe('no-store');
  });
});

describe('YAML aliases in bank files', () => {
  beforeEach(async () => {
    ctx = await createTestContext();
  });

  it('refuses an alias bomb as a problem with the file, not a 500', async () => {
    const admin = await adminAgent();
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `skill: bomb\nname: Bomb\n${levels.join('\n')}\nquestions: []\n`;
    const page = await admin.get('/banks/import');
    const staged = await admin
      .post('/banks/import')
      .field('_csrf', csrfFrom(page.text))
      .field('skill', '')
      .attach('file', Buffer.from(bomb), 'bomb.yaml');
    expect(staged.status).toBe(303);
    const preview = await admin.get(staged.headers.location as string);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('This file cannot be imported');
    expect(preview.text).toContain('YAML aliases');
  });
});

describe('LIKE wildcards and copies of questions', () => {
  const longId = `http-${'a'.repeat(59)}`;
  beforeEach(async () => {
    ctx = await createTestContext();
    await ctx.services.banks.importFiles([
      bankFile({
        questions: [
          sample('single', { id: 'http-001' }),
          sample('true_false', { id: 'http_001' }),
          sample('true_false', { id: longId }),
        ],
      }),
    ]);
  });

  it('searches `_` and `%` literally', async () => {
    const underscore = await ctx.services.banks.listQuestions('http-basics', { search: 'p_0' });
    expect(underscore.map((q) => q.id)).toEqual(['http_001']);
    const percent = await ctx.services.banks.listQuestions('http-basics', { search: 'p%1' });
    expect(percent).toEqual([]);
  });

  it('duplicates a question with `_` in its id twice, giving each copy its own id', async () => {
    const admin = await adminAgent();
    const pagePath = '/banks/http-basics/questions/http_001';
    const first = await post(admin, pagePath, `${pagePath}/duplicate`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toContain('http_001-copy/edit');
    const second = await post(admin, pagePath, `${pagePath}/duplicate`);
    expect(second.status).toBe(303);
    expect(second.headers.location).toContain('http_001-copy-2/edit');
  });

  it('shortens the id of a copy to the 64 characters an id may have, and the copy opens', async () => {
    const admin = await adminAgent();
    const pagePath = `/banks/http-basics/questions/${longId}`;
    const copied = await post(admin, pagePath, `${pagePath}/duplicate`);
    expect(copied.status).toBe(303);
    const copyId = /questions\/([^/]+)\/edit/.exec(copied.headers.location as string)?.[1] ?? '';
    expect(copyId).toMatch(/-copy$/);
    expect(copyId.length).toBeLessThanOrEqual(64);
    expect((await admin.get(`/banks/http-basics/questions/${copyId}`)).status).toBe(200);
  });

  it('answers a unique-constraint violation with 409 and a plain message', async () => {
    const app = express();
    app.get('/clash', () => {
      throw Object.assign(new Error('UNIQUE constraint failed: questions.id'), {
        code: 'SQLITE_CONSTRAINT_UNIQUE',
      });
    });
    app.use(createErrorHandler({ showStack: false }));
    const response = await request(app).get('/clash').set('Accept', 'application/json');
    expect(response.status).toBe(409);
    expect(JSON.stringify(response.body)).toContain('already exists');
    expect(JSON.stringify(response.body)).not.toContain('UNIQUE constraint');
  });
});

describe('password reset does the same work for known and unknown addresses', () => {
  beforeEach(async () => {
    ctx = await createTestContext();
  });

  async function requestReset(email: string) {
    const agent = request.agent(ctx.app);
    const page = await agent.get('/password/forgot');
    return agent
      .post('/password/forgot')
      .type('form')
      .send({ email, _csrf: csrfFrom(page.text) });
  }

  const sideEffects = async () => ({
    audit: (
      await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'password%')
        .execute()
    ).map((r) => r.action),
    throttles: Number(
      (
        await ctx.db
          .selectFrom('login_throttle')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it('writes a throttle row and a password.reset_requested audit entry in both cases', async () => {
    const user = await createUser(ctx.db);
    const known = await requestReset(user.email);
    const afterKnown = await sideEffects();
    const unknown = await requestReset('nobody@example.test');
    const afterUnknown = await sideEffects();
    expect(unknown.status).toBe(known.status);
    expect(afterKnown).toEqual({ audit: ['password.reset_requested'], throttles: 1 });
    expect(afterUnknown).toEqual({
      audit: ['password.reset_requested', 'password.reset_requested'],
      throttles: 2,
    });
    const rows = await ctx.db.selectFrom('audit_log').select('details').execute();
    expect(JSON.stringify(rows)).not.toContain('nobody@example.test');
  });
});

describe('anonymous sessions', () => {
  beforeEach(async () => {
    ctx = await createTestContext();
  });

  const sessionRows = () =>
    ctx.db.selectFrom('sessions').select(['user_id', 'expires_at']).execute();

  it('keeps an anonymous session row for 30 minutes and a signed-in one for the idle time', async () => {
    const now = ctx.clock.now();
    await request(ctx.app).get('/sign-in');
    const [anonymous] = await sessionRows();
    expect(anonymous?.user_id).toBeNull();
    expect(anonymous!.expires_at - now).toBe(30 * 60_000);

    await ctx.db.deleteFrom('sessions').execute();
    const user = await createUser(ctx.db);
    await signedInAgent(ctx.app, user.email);
    const signedIn = (await sessionRows()).find((row) => row.user_id === user.id);
    expect(signedIn!.expires_at - now).toBe(ctx.config.sessionIdleMs);
  });

  it('limits how many new sessions one address can create', async () => {
    for (let i = 0; i < NEW_SESSIONS_PER_IP; i += 1) {
      expect((await request(ctx.app).get('/sign-in')).status).toBe(200);
    }
    const refused = await request(ctx.app).get('/sign-in');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    ctx.clock.advance(11 * 60_000);
    expect((await request(ctx.app).get('/sign-in')).status).toBe(200);
  });
});
