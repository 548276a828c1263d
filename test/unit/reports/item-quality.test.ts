import {
  observedLabel,
  qualityReport,
  type ShownQuestion,
} from '../../../src/reports/item-quality';
import type { AttemptScore } from '../../../src/scoring/attempt-scoring';
import { sample } from '../../helpers/questions';

/** `persons` attempts that each saw questions a and b; `right(i, q)` says who got what. */
function campaign(
  persons: number,
  right: (person: number, question: string) => boolean,
  ids = ['a', 'b'],
) {
  const scores = new Map<number, AttemptScore>();
  const shown: ShownQuestion[] = [];
  for (let person = 1; person <= persons; person += 1) {
    const questions = ids.map((id, position) => {
      const correct = right(person, id);
      shown.push({
        attemptId: person,
        position,
        questionId: id,
        version: 1,
        skill: 'git',
        timeSpentMs: 1_000 * (position + 1),
        response: { type: 'single', choice: correct ? 0 : 1 },
      });
      return { position, skill: 'git', fraction: correct ? 1 : 0, earned: 0, max: 1, rule: '' };
    });
    scores.set(person, {
      questions,
      skills: [],
      overall: { score: 0, passed: false },
      pending: false,
    });
  }
  const versions = new Map([
    ['a@1', sample('single', { id: 'a', difficulty: 5 })],
    ['b@1', sample('single', { id: 'b', difficulty: 3 })],
    ['c@1', sample('single', { id: 'c', difficulty: 3 })],
  ]);
  return qualityReport({ scores, shown, versions });
}

describe('question quality', () => {
  it('maps an observed proportion correct to the difficulty label it suggests', () => {
    expect([0.95, 0.75, 0.6, 0.4, 0.1].map(observedLabel)).toEqual([1, 2, 3, 4, 5]);
  });

  it('flags a question everyone gets right as too easy and its hard label as wrong', () => {
    const report = campaign(40, (person, question) => question === 'a' || person % 2 === 0);
    const a = report.questions.find((q) => q.questionId === 'a');
    expect(a).toMatchObject({ n: 40, p: 1, label: 5, observedLabel: 1 });
    expect(a?.flags).toEqual(expect.arrayContaining(['too-easy', 'label-disagrees']));
    expect(a?.discrimination).toBeNull();
    expect(a?.choices?.options.map((o) => o.count)).toEqual([40, 0, 0, 0]);
    expect(a?.medianTimeMs).toBe(1_000);
  });

  it('raises no flag below the minimum number of candidates', () => {
    const report = campaign(10, (_person, question) => question === 'a');
    expect(report.questions.every((q) => q.flags.length === 0)).toBe(true);
    expect(report.minSample).toBe(30);
  });

  it('reports reliability per skill and overall, with a reason when it cannot be computed', () => {
    const report = campaign(40, (person) => person % 2 === 0);
    expect(report.skills.map((s) => s.skill)).toEqual(['git']);
    expect(report.overall.alpha).toBeCloseTo(1, 10);
    const none = campaign(40, () => true);
    expect(none.overall.alpha).toBeNull();
    expect(none.overall.alphaReason).toEqual(expect.any(String));
  });
});

describe('alpha if deleted', () => {
  it('gives each question its skill alpha without it, when candidates saw the whole skill', () => {
    // a and b agree for everyone; c is noise, so dropping c raises alpha and dropping a lowers it.
    const report = campaign(
      40,
      (person, question) => (question === 'c' ? person % 3 === 0 : person % 2 === 0),
      ['a', 'b', 'c'],
    );
    const byId = new Map(report.questions.map((q) => [q.questionId, q.alphaIfDeleted]));
    const alpha = report.skills[0]?.analysis.alpha ?? NaN;
    expect(byId.get('c')).toBeGreaterThan(alpha);
    expect(byId.get('a')).toBeLessThan(alpha);
  });
});
