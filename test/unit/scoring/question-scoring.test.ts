import { normalizeShortText, scoreResponse } from '../../../src/scoring/question-scoring';
import { sample } from '../../helpers/questions';

describe('single choice', () => {
  const question = sample('single');
  it('gives full credit for the key and none otherwise or when empty', () => {
    expect(scoreResponse(question, { type: 'single', choice: 0 }).fraction).toBe(1);
    expect(scoreResponse(question, { type: 'single', choice: 2 }).fraction).toBe(0);
    expect(scoreResponse(question, { type: 'single', choice: null }).fraction).toBe(0);
  });
  it('scales to the points of the question', () => {
    expect(
      scoreResponse(sample('single', { points: 3 }), { type: 'single', choice: 0 }),
    ).toMatchObject({ earned: 3, max: 3 });
  });
});

describe('multiple choice', () => {
  const question = sample('multiple'); // GET, HEAD correct; POST, DELETE wrong
  const score = (choices: number[]) =>
    scoreResponse(question, { type: 'multiple', choices }).fraction;

  it('gives (right - wrong) / correct, floored at 0', () => {
    expect(score([0, 1])).toBe(1);
    expect(score([0])).toBe(0.5);
    expect(score([0, 2])).toBe(0);
    expect(score([0, 1, 2])).toBe(0.5);
    expect(score([2, 3])).toBe(0);
  });

  it('gives nothing for an empty answer or for ticking every option', () => {
    expect(score([])).toBe(0);
    expect(score([0, 1, 2, 3])).toBe(0);
  });

  it('ignores duplicate and out-of-range choices', () => {
    expect(score([0, 0, 1, 1, 9, -1])).toBe(1);
  });

  it('says which rule it applied', () => {
    expect(scoreResponse(question, { type: 'multiple', choices: [0, 2] }).rule).toBe(
      '(right picks 1 - wrong picks 1) / 2 correct options, at least 0.',
    );
  });

  it('uses explicit weights instead of the rule when given, clamped to 0..100%', () => {
    const weighted = sample('multiple', {
      options: [
        { text: 'a', correct: true, weight: 50 },
        { text: 'b', correct: true, weight: 50 },
        { text: 'c', weight: -50 },
        { text: 'd', weight: -100 },
      ],
    });
    const s = (choices: number[]) =>
      scoreResponse(weighted, { type: 'multiple', choices }).fraction;
    expect(s([0])).toBe(0.5);
    expect(s([0, 1])).toBe(1);
    expect(s([0, 1, 2])).toBe(0.5);
    expect(s([0, 3])).toBe(0);
    expect(s([0, 1, 2, 3])).toBe(0);
  });
});

describe('true / false', () => {
  it('compares with the key; no answer is wrong', () => {
    const question = sample('true_false');
    expect(scoreResponse(question, { type: 'true_false', value: true }).fraction).toBe(1);
    expect(scoreResponse(question, { type: 'true_false', value: false }).fraction).toBe(0);
    expect(scoreResponse(question, { type: 'true_false', value: null }).fraction).toBe(0);
  });
});

describe('short text', () => {
  const score = (text: string, overrides = {}) =>
    scoreResponse(sample('short_text', overrides), { type: 'short_text', text }).fraction;

  it('ignores case, surrounding and repeated white space by default', () => {
    expect(score('cookie')).toBe(1);
    expect(score('  COOKIE \n')).toBe(1);
    expect(score('Set-Cookie')).toBe(0);
  });

  it('treats an empty answer as wrong', () => {
    expect(score('')).toBe(0);
    expect(score('   ')).toBe(0);
  });

  it('folds unicode white space and compatibility forms', () => {
    expect(score('git\u00a0rebase', { accepted: ['git rebase'] })).toBe(1);
    expect(score('ｃｏｏｋｉｅ')).toBe(1);
    expect(score('Café', { accepted: ['cafe\u0301'] })).toBe(1);
  });

  it('respects case when the question is case-sensitive', () => {
    expect(score('cookie', { case_sensitive: true })).toBe(0);
    expect(score('Cookie', { case_sensitive: true })).toBe(1);
  });

  it('accepts an answer matching the whole pattern, never a part of it', () => {
    const overrides = { accepted: [], pattern: 'git (reflog|log -g)' };
    expect(score('git reflog', overrides)).toBe(1);
    expect(score('GIT LOG -G', overrides)).toBe(1);
    expect(score('run git reflog now', overrides)).toBe(0);
  });

  it('normalizes the same way for stored and typed answers', () => {
    expect(normalizeShortText('  A\tB  ', false)).toBe('a b');
  });
});

describe('numeric', () => {
  const score = (value: number | null, overrides = {}) =>
    scoreResponse(sample('numeric', overrides), { type: 'numeric', value }).fraction;

  it('needs the exact value without a tolerance', () => {
    expect(score(8)).toBe(1);
    expect(score(8.0001)).toBe(0);
    expect(score(null)).toBe(0);
    expect(score(Number.NaN)).toBe(0);
  });

  it('includes both bounds of the tolerance, despite floating point', () => {
    const overrides = { answer: 0.3, tolerance: 0.1 };
    expect(score(0.2, overrides)).toBe(1);
    expect(score(0.4, overrides)).toBe(1);
    expect(score(0.1 + 0.2, overrides)).toBe(1);
    expect(score(0.41, overrides)).toBe(0);
    expect(score(0.19, overrides)).toBe(0);
  });

  it('accepts a range, bounds included', () => {
    const overrides = { answer: undefined, min: 200, max: 299 };
    expect(score(200, overrides)).toBe(1);
    expect(score(299, overrides)).toBe(1);
    expect(score(300, overrides)).toBe(0);
  });

  it('gives the best partial credit of the alternatives', () => {
    const overrides = {
      alternatives: [
        { answer: 7, tolerance: 1, credit: 50 },
        { min: 6, max: 10, credit: 25 },
      ],
    };
    expect(score(8, overrides)).toBe(1);
    expect(score(7.5, overrides)).toBe(0.5);
    expect(score(10, overrides)).toBe(0.25);
    expect(score(11, overrides)).toBe(0);
  });
});

describe('essay', () => {
  it('is left for a person to grade', () => {
    expect(scoreResponse(sample('essay'), { type: 'essay', text: 'My design...' })).toMatchObject({
      fraction: null,
      earned: null,
      max: 5,
    });
  });
});

describe('matching', () => {
  const question = sample('matching'); // answers: Unauthenticated, Forbidden, Not Found, Teapot
  const score = (matches: (number | null)[]) =>
    scoreResponse(question, { type: 'matching', matches }).fraction;

  it('gives credit per correct pair', () => {
    expect(score([0, 1, 2])).toBe(1);
    expect(score([0, 2, 1])).toBeCloseTo(1 / 3);
    expect(score([3, 3, 3])).toBe(0);
    expect(score([])).toBe(0);
    expect(score([0, null, 2])).toBeCloseTo(2 / 3);
  });
});

it('refuses an answer of another type, which would be a programming error', () => {
  expect(() => scoreResponse(sample('single'), { type: 'true_false', value: true })).toThrow();
});
