import { scoreAttempt, type ScoringQuestion } from '../../../src/scoring/attempt-scoring';
import { sample } from '../../helpers/questions';

const single = (id: string, points = 1) => sample('single', { id, points });
const essay = (id: string) => sample('essay', { id, points: 4 });

function answered(
  position: number,
  skill: string,
  choice: number | null,
  points = 1,
): ScoringQuestion {
  return {
    position,
    skill,
    question: single(`q-${position}`, points),
    response: choice === null ? null : { type: 'single', choice },
  };
}

const skills = [
  { skill: 'git', weight: 2, passThreshold: 50 },
  { skill: 'http', weight: 1, passThreshold: 100 },
];

describe('scoring one attempt', () => {
  it('scores per skill by points and overall by the skill weights', () => {
    const result = scoreAttempt({
      questions: [
        answered(0, 'git', 0, 3),
        answered(1, 'git', 1, 1),
        answered(2, 'http', 0),
        answered(3, 'http', null),
      ],
      skills,
      passThreshold: 60,
    });
    const [git, http] = result.skills;
    expect(git).toMatchObject({ earned: 3, possible: 4, score: 0.75, questions: 2, passed: true });
    expect(http).toMatchObject({ earned: 1, possible: 2, score: 0.5, questions: 2, passed: false });
    // (2 * 0.75 + 1 * 0.5) / 3
    expect(result.overall.score).toBeCloseTo(2 / 3, 10);
    expect(result.overall.passed).toBe(true);
    expect(result.questions[3]).toMatchObject({ fraction: 0, rule: 'Not answered.' });
    expect(result.pending).toBe(false);
  });

  it('gives every skill an interval that contains its score and narrows with more questions', () => {
    const few = scoreAttempt({
      questions: [answered(0, 'git', 0), answered(1, 'git', 1)],
      skills,
      passThreshold: 60,
    }).skills[0];
    const many = scoreAttempt({
      questions: Array.from({ length: 20 }, (_, i) => answered(i, 'git', i % 2 ? 1 : 0)),
      skills,
      passThreshold: 60,
    }).skills[0];
    for (const skill of [few, many]) {
      expect(skill?.low).toBeLessThanOrEqual(skill?.score ?? -1);
      expect(skill?.high).toBeGreaterThanOrEqual(skill?.score ?? 2);
    }
    expect((many?.high ?? 0) - (many?.low ?? 0)).toBeLessThan((few?.high ?? 0) - (few?.low ?? 0));
  });

  it('keeps an answered essay pending until graded, then counts the grade', () => {
    const written: ScoringQuestion = {
      position: 1,
      skill: 'git',
      question: essay('e-1'),
      response: { type: 'essay', text: 'Rebase rewrites history; merge keeps it.' },
    };
    const before = scoreAttempt({
      questions: [answered(0, 'git', 0), written],
      skills,
      passThreshold: 60,
    });
    expect(before.pending).toBe(true);
    expect(before.skills[0]).toMatchObject({ pending: true, earned: 1, possible: 1 });
    const after = scoreAttempt({
      questions: [answered(0, 'git', 0), { ...written, grade: 0.5 }],
      skills,
      passThreshold: 60,
    });
    expect(after.pending).toBe(false);
    expect(after.skills[0]).toMatchObject({ earned: 3, possible: 5, score: 0.6, passed: true });
  });

  it('scores a candidate who answered nothing 0 and leaves out skills with no questions', () => {
    const result = scoreAttempt({
      questions: [answered(0, 'git', null), answered(1, 'git', null)],
      skills,
      passThreshold: 60,
    });
    expect(result.skills.map((s) => s.skill)).toEqual(['git']);
    expect(result.overall).toEqual({ score: 0, passed: false });
  });

  it('passes a skill exactly at its pass mark', () => {
    const result = scoreAttempt({
      questions: [answered(0, 'git', 0), answered(1, 'git', 1)],
      skills,
      passThreshold: 50,
    });
    expect(result.skills[0]?.passed).toBe(true);
    expect(result.overall.passed).toBe(true);
  });
});
