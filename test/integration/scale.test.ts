import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { NEW_SESSIONS_PER_IP } from '../../src/app';
import { PUBLIC_DIR } from '../../src/paths';
import { TABLE_PAGE_SIZE } from '../../src/reports/reports.service';
import { csrfFrom, signedInAgent } from '../helpers/agents';
import {
  candidateAgent,
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { takeQuiz } from '../helpers/report-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let assessment: OpenAssessment;

beforeEach(async () => {
  ctx = await createTestContext();
  assessment = await openTestAssessment(ctx);
});
afterEach(() => ctx.close());

async function inviteMany(count: number, prefix: string) {
  return ctx.services.invitations.inviteMany(
    assessment.actor,
    assessment.owner,
    assessment.id,
    Array.from({ length: count }, (_, i) => ({
      name: `${prefix} ${String(i + 1).padStart(3, '0')}`,
      email: `${prefix.toLowerCase()}-${i + 1}@example.test`,
    })),
  );
}

describe('a whole class behind one address', () => {
  it('opens every candidate link, beyond the per-address limit on new sessions', async () => {
    const invited = await inviteMany(NEW_SESSIONS_PER_IP + 10, 'Student');
    for (const { link } of invited) {
      const opened = await request(ctx.app).get(new URL(link).pathname);
      expect(opened.status).toBe(303);
    }
    const forged = await request(ctx.app).get(`/t/${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
    expect(forged.headers['set-cookie']).toBeUndefined();
  });
});

describe('an autosave', () => {
  it('writes no session, and counts time on the page once across several saves', async () => {
    const { invitationId, linkPath } = await inviteCandidate(ctx, assessment);
    const agent = await candidateAgent(ctx, linkPath);
    const csrf = csrfFrom((await agent.get('/quiz')).text);
    await agent.post('/quiz/start').type('form').send({ _csrf: csrf });
    await agent.get('/quiz/q/1');
    const session = () => ctx.db.selectFrom('sessions').select(['sid', 'data']).execute();
    const before = await session();

    const page = await ctx.services.quiz.questionPage(invitationId, 1);
    const field = page.question.type === 'true_false' ? { value: 'true' } : { choice: '0' };
    for (const seconds of [40, 20]) {
      ctx.clock.advance(seconds * 1000);
      const saved = await agent
        .post('/quiz/q/1')
        .set('accept', 'application/json')
        .set('x-csrf-token', csrf)
        .type('form')
        .send(field);
      expect(saved.status).toBe(200);
    }
    expect(await session()).toEqual(before);
    const spent = await ctx.db
      .selectFrom('attempt_questions')
      .select('time_spent_ms')
      .where('position', '=', 0)
      .executeTakeFirstOrThrow();
    expect(spent.time_spent_ms).toBe(60_000);
  });
});

describe('the dashboard with many candidates', () => {
  it('pages the table and shows a change made after it was last built', async () => {
    const invited = await inviteMany(TABLE_PAGE_SIZE + 5, 'Candidate');
    const manager = await signedInAgent(ctx.app, assessment.owner.email);
    const first = await manager.get(`/assessments/${assessment.id}/report?sort=name&dir=asc`);
    expect(first.text).toContain('Candidate 001');
    expect(first.text).not.toContain('Candidate 055');
    expect(first.text).toContain('1–50 of 55 candidates (page 1 of 2)');
    const second = await manager.get(
      `/assessments/${assessment.id}/report?sort=name&dir=asc&page=2`,
    );
    expect(second.text).toContain('Candidate 055');
    expect(second.text).toContain('Previous page');

    const candidate = invited[0]!.invitation.id;
    await ctx.services.quiz.start(candidate, { ip: '198.51.100.1', userAgent: 'test' });
    const started = await manager.get(`/assessments/${assessment.id}/report`);
    expect(started.text).not.toContain('1 scored');
    await takeQuiz(ctx, candidate, 'key');
    const after = await manager.get(`/assessments/${assessment.id}/report`);
    expect(after.text).toContain('1 scored, 1 passed');
  });

  it('shows the overall result of each candidate in the candidates list', async () => {
    const [best, worst] = await inviteMany(2, 'Scored');
    await takeQuiz(ctx, best!.invitation.id, 'key');
    await takeQuiz(ctx, worst!.invitation.id, 'blank');
    const manager = await signedInAgent(ctx.app, assessment.owner.email);
    const page = (await manager.get(`/assessments/${assessment.id}/candidates`)).text;
    const rowOf = (name: string) => {
      const start = page.indexOf(`>${name}</a>`);
      return page.slice(start, page.indexOf('</tr>', start)).replace(/\s+/g, ' ');
    };
    expect(rowOf('Scored 001')).toContain(
      '<td class="num">4 / 4</td> <td class="num">100%</td> <td>Passed</td>',
    );
    expect(rowOf('Scored 002')).toContain(
      '<td class="num">0 / 4</td> <td class="num">0%</td> <td>Not passed</td>',
    );
  });

  it('pages the candidates list, newest first', async () => {
    await inviteMany(TABLE_PAGE_SIZE + 3, 'Person');
    const manager = await signedInAgent(ctx.app, assessment.owner.email);
    const first = await manager.get(`/assessments/${assessment.id}/candidates`);
    expect(first.text).toContain('Person 053');
    expect(first.text).not.toContain('Person 003');
    const last = await manager.get(`/assessments/${assessment.id}/candidates?page=9`);
    expect(last.text).toContain('Person 001');
    expect(last.text).toContain('51–53 of 53 candidates (page 2 of 2)');
  });
});

describe('static files', () => {
  it('serves every file under public/', async () => {
    const files = fs
      .readdirSync(PUBLIC_DIR, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(PUBLIC_DIR, path.join(entry.parentPath, entry.name)));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const response = await request(ctx.app).get(`/${file.split(path.sep).join('/')}`);
      expect([file, response.status]).toEqual([file, 200]);
    }
  });
});
