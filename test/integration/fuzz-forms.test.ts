import type { Express } from 'express';
import request from 'supertest';
import { seededRng, type Rng } from '../../src/assessments/draw';
import type { Db } from '../../src/db/kysely';
import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import {
  candidateAgent,
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { takeQuiz } from '../helpers/report-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-app';

jest.setTimeout(120_000);

/** Bodies sent to each form route; the full size runs with FUZZ_BODIES set. */
const BODIES_PER_ROUTE = Number(process.env.FUZZ_BODIES ?? 14);

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every POST route the app has, read off its routers (so a new form is fuzzed too). */
function postRoutes(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods.post) [layer.route.path].flat().forEach((p) => found.add(p));
      if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...found].sort();
}

const FIELD_NAMES = [
  'title',
  'name',
  'email',
  'text',
  'choice',
  'choices',
  'value',
  'number',
  'minutes',
  'reason',
  'points',
  'comment',
  'decision',
  'role',
  'password',
  'confirm',
  'accommodation',
  'kind',
  'question',
  'prompt',
  'skill',
  'slug',
  'days',
  'position',
  'action',
  'flagged',
  'match.0',
  'skills[0][count]',
  'timeLimitMinutes',
  'passThreshold',
  'difficulty',
  'type',
  'tags',
  'c',
];
const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(40),
  'null',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u202d\u200f',
  '🙂'.repeat(200),
  'e\u0301'.repeat(500),
  '\ud800',
  'ﷺ'.repeat(300),
  'a'.repeat(70_000),
];

type Body =
  | { kind: 'form'; raw: string }
  | { kind: 'json'; raw: string }
  | { kind: 'multipart'; raw: string; boundary: string };

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng.next() * items.length)] as T;
}

/** Random, oversized, truncated, wrong-type and unicode-heavy bodies, all from one seed. */
function randomBody(rng: Rng, csrf: string): Body {
  const fields = Array.from({ length: 1 + Math.floor(rng.next() * 6) }, () => [
    pick(FIELD_NAMES, rng),
    pick(NASTY, rng),
  ]);
  const form = () =>
    new URLSearchParams([...fields, ['_csrf', csrf]] as [string, string][]).toString();
  switch (Math.floor(rng.next() * 8)) {
    case 0:
      return { kind: 'form', raw: `_csrf=${csrf}` };
    case 1:
      return { kind: 'form', raw: `${form()}&big=${'x'.repeat(300_000)}` };
    case 2:
      return { kind: 'form', raw: `_csrf=${csrf}&title=%E2%8&x=%%%&y=%ZZ` };
    case 3:
      return {
        kind: 'form',
        raw: `_csrf=${csrf}&${fields.map(([k]) => `${k}[]=1&${k}[x]=2`).join('&')}`,
      };
    case 4:
      return {
        kind: 'json',
        raw: JSON.stringify({
          ...Object.fromEntries(fields.map(([k, v]) => [k, pick([v, 7, null, [v], { v }], rng)])),
          _csrf: csrf,
        }),
      };
    case 5:
      return { kind: 'json', raw: '{"title": "unterminated' };
    case 6:
      return {
        kind: 'multipart',
        boundary: 'fuzz',
        raw: `--fuzz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--fuzz\r\nContent-Disposition: form-data; name="file"; filename="bank.yaml"\r\n\r\n${pick(NASTY, rng)}`,
      };
    default:
      return { kind: 'form', raw: form() };
  }
}

async function send(agent: Agent, path: string, body: Body, csrf: string) {
  const contentType =
    body.kind === 'form'
      ? 'application/x-www-form-urlencoded'
      : body.kind === 'json'
        ? 'application/json'
        : `multipart/form-data; boundary=${body.boundary}`;
  return agent.post(path).set('content-type', contentType).set('x-csrf-token', csrf).send(body.raw);
}

/** Rows another manager owns, which no request of the run may change. */
async function othersRows(db: Db, other: OpenAssessment) {
  const invitations = await db
    .selectFrom('invitations')
    .selectAll()
    .where('assessment_id', '=', other.id)
    .orderBy('id')
    .execute();
  const ids = invitations.map((i) => i.id);
  const attempts = await db
    .selectFrom('attempts')
    .selectAll()
    .where('invitation_id', 'in', ids)
    .orderBy('id')
    .execute();
  const attemptIds = attempts.map((a) => a.id);
  return {
    assessment: await db.selectFrom('assessments').selectAll().where('id', '=', other.id).execute(),
    skills: await db
      .selectFrom('assessment_skills')
      .selectAll()
      .where('assessment_id', '=', other.id)
      .execute(),
    owner: await db.selectFrom('users').selectAll().where('id', '=', other.owner.id).execute(),
    invitations,
    attempts,
    responses: await db
      .selectFrom('responses')
      .selectAll()
      .where('attempt_id', 'in', attemptIds)
      .orderBy('attempt_id')
      .orderBy('position')
      .execute(),
    scores: await db
      .selectFrom('attempt_scores')
      .selectAll()
      .where('attempt_id', 'in', attemptIds)
      .execute(),
  };
}

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

describe('bad input at scale', () => {
  it('answers every form route with no 5xx and changes nothing another manager owns', async () => {
    const target = await openTestAssessment(ctx);
    const other = await openTestAssessment(ctx);
    const scored = await inviteCandidate(ctx, target, { email: 'scored@example.test' });
    await takeQuiz(ctx, scored.invitationId, 'key');
    const otherCandidate = await inviteCandidate(ctx, other, { email: 'other@example.test' });
    await takeQuiz(ctx, otherCandidate.invitationId, 'wrong');
    const colleague = await createUser(ctx.db, { role: 'manager' });
    const admin = await createUser(ctx.db, { role: 'admin' });
    const staff = await signedInAgent(ctx.app, admin.email);
    const staffCsrf = csrfFrom((await staff.get('/assessments/new')).text);
    const taking = await inviteCandidate(ctx, target, { email: 'taking@example.test' });
    const candidate = await candidateAgent(ctx, taking.linkPath);
    const candidateCsrf = csrfFrom((await candidate.get('/quiz')).text);
    await candidate.post('/quiz/start').type('form').send({ _csrf: candidateCsrf });

    const concrete: Record<string, string> = {
      ':id/candidates/:invitationId': `${target.id}/candidates/${scored.invitationId}`,
      '/admin/users/:id': `/admin/users/${colleague.id}`,
      '/assessments/:id': `/assessments/${target.id}`,
      ':userId': String(colleague.id),
      '/banks/:slug/questions/:id': '/banks/git/questions/git-1',
      '/banks/:slug': '/banks/git',
      ':pendingId': '1',
      ':n': '1',
      ':token': 'A'.repeat(43),
    };
    const routes = postRoutes(ctx.app).map((route) =>
      Object.entries(concrete).reduce((path, [from, to]) => path.replace(from, to), route),
    );
    expect(routes.filter((route) => route.includes(':'))).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);

    const before = await othersRows(ctx.db, other);
    const rng = seededRng(2026);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    // Signing out would end the run's own session: it goes last.
    const ordered = [...routes.filter((r) => r !== '/sign-out'), '/sign-out'];
    for (const path of ordered) {
      const asCandidate = path.startsWith('/quiz');
      const [agent, csrf] = asCandidate ? [candidate, candidateCsrf] : [staff, staffCsrf];
      for (let i = 0; i < BODIES_PER_ROUTE; i += 1) {
        const body = randomBody(rng, csrf);
        const response = await send(agent, path, body, csrf);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500)
          failures.push(`${path} (${body.kind}, ${body.raw.slice(0, 60)}): ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    // The bodies reach the handlers: the CSRF token passes and forms answer with their own words.
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(statuses.get(403) ?? 0).toBeLessThan(sent * 0.05);
    expect((statuses.get(422) ?? 0) + (statuses.get(400) ?? 0)).toBeGreaterThan(sent * 0.2);
    expect(await othersRows(ctx.db, other)).toEqual(before);
  });

  it('refuses a form post without its CSRF token before reading anything else', async () => {
    const admin = await createUser(ctx.db, { role: 'admin' });
    const staff = await signedInAgent(ctx.app, admin.email);
    const routes = postRoutes(ctx.app).filter((r) => !r.includes(':'));
    for (const path of routes) {
      const response = await staff.post(path).type('form').send('title=%E2%8');
      expect([403, 413]).toContain(response.status);
    }
    const anonymous = request(ctx.app);
    expect((await anonymous.post('/sign-in').type('form').send('email=x')).status).toBe(403);
  });
});
