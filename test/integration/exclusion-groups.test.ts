import type { Actor } from '../../src/audit/actor';
import { ValidationError } from '../../src/http/errors';
import { createUser } from '../helpers/builders';
import {
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let assessment: OpenAssessment;
let admin: Actor;

/** Puts questions of both test banks in one exclusion group, as near-duplicates across banks. */
async function groupQuestions(slug: string, ids: string[], group: string) {
  for (const id of ids) {
    const { question } = await ctx.services.banks.getQuestion(slug, id);
    await ctx.services.banks.updateQuestion(admin, slug, id, { ...question, group });
  }
}

const gitIds = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `git-${String(from + i).padStart(3, '0')}`);

beforeEach(async () => {
  ctx = await createTestContext();
  assessment = await openTestAssessment(ctx, { perSkill: 3 });
  const user = await createUser(ctx.db, { role: 'admin' });
  admin = { id: user.id, name: user.name, ip: '127.0.0.1' };
  // Eight of ten git questions and three of six http ones ask the same thing.
  await groupQuestions('git', gitIds(1, 8), 'same-thing');
  await groupQuestions('http-basics', ['http-001', 'http-002', 'http-003'], 'same-thing');
});
afterEach(() => ctx.close());

describe('exclusion groups in the draw', () => {
  it('gives every candidate at most one question of a group, across banks', async () => {
    const grouped = new Set([...gitIds(1, 8), 'http-001', 'http-002', 'http-003']);
    for (let i = 0; i < 8; i += 1) {
      const { invitationId } = await inviteCandidate(ctx, assessment, {
        email: `cara${i}@example.test`,
      });
      const attempt = await ctx.services.quiz.start(invitationId, { ip: '::1', userAgent: 't' });
      const drawn = await ctx.db
        .selectFrom('attempt_questions')
        .select('question_id')
        .where('attempt_id', '=', attempt.id)
        .execute();
      const ids = drawn.map((row) => row.question_id);
      // Git can hold only 3 (one of the group and the two others); http 3 of its 4 drawable.
      expect(ids).toHaveLength(6);
      expect(ids.filter((id) => grouped.has(id))).toHaveLength(1);
    }
  });

  it('holds the sample draw to the same rule', async () => {
    for (let i = 0; i < 8; i += 1) {
      const sample = await ctx.services.assessments.sampleDraw(assessment.owner, assessment.id);
      const groups = sample.flatMap((s) => s.questions.map((q) => q.group)).filter(Boolean);
      expect(groups).toEqual(['same-thing']);
    }
  });

  it('counts a group once when checking how many questions a bank can give', async () => {
    const detail = await ctx.services.assessments.detail(assessment.owner, assessment.id);
    expect(detail.skills.map((s) => [s.skill, s.available])).toEqual([
      ['git', 3],
      ['http-basics', 4],
    ]);
  });
});

describe('asking a bank for more questions than its groups allow', () => {
  it('names the limit and says why it is lower than the bank size', async () => {
    const { actor, owner } = assessment;
    const copy = await ctx.services.assessments.createFromDescription(actor, owner, {
      title: 'Second hire',
      text: 'Requirements\n- Git and version control workflows such as rebase',
    });
    const refused = ctx.services.assessments.saveSettings(actor, owner, copy, {
      title: 'Second hire',
      timeLimitMinutes: 20,
      questionTimeLimitSeconds: null,
      passThreshold: 60,
      difficultyMin: 1,
      difficultyMax: 5,
      shuffle: true,
      showResults: false,
      skills: [{ skill: 'git', questionCount: 4, weight: 1, passThreshold: 60 }],
    });
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({
      fieldErrors: {
        'skills.git.questionCount':
          'Git and version control has only 3 questions of difficulty 1–5 (questions that share an exclusion group count once). Ask for 3 or fewer, or widen the difficulty range.',
      },
    });
  });
});
