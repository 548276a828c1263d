import { drawQuestions, seededRng, shuffle, shuffleChoices } from '../../../src/assessments/draw';
import { sample } from '../../helpers/questions';

describe('drawing questions', () => {
  const pool = Array.from({ length: 20 }, (_, i) => `q${i}`);

  it('draws the requested number of distinct questions per skill', () => {
    const [drawn] = drawQuestions([{ skill: 'git', count: 5, questions: pool }], seededRng(1));
    expect(drawn?.questions).toHaveLength(5);
    expect(new Set(drawn?.questions).size).toBe(5);
    drawn?.questions.forEach((q) => expect(pool).toContain(q));
  });

  it('draws all of a pool smaller than asked, never more', () => {
    const [drawn] = drawQuestions([{ skill: 'git', count: 50, questions: pool }], seededRng(2));
    expect(drawn?.questions).toHaveLength(20);
  });

  it('is reproducible with the same seed and differs across seeds', () => {
    const a = drawQuestions([{ skill: 'git', count: 5, questions: pool }], seededRng(7));
    const b = drawQuestions([{ skill: 'git', count: 5, questions: pool }], seededRng(7));
    const c = drawQuestions([{ skill: 'git', count: 5, questions: pool }], seededRng(8));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('shuffles without losing or duplicating, leaving the input untouched', () => {
    const input = [1, 2, 3, 4, 5];
    const shuffled = shuffle(input, seededRng(3));
    expect([...shuffled].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5]);
  });

  it('spreads picks evenly over many draws', () => {
    const rng = seededRng(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      const [drawn] = drawQuestions([{ skill: 's', count: 1, questions: pool }], rng);
      const q = drawn?.questions[0] as string;
      counts.set(q, (counts.get(q) ?? 0) + 1);
    }
    for (const q of pool) expect(counts.get(q)).toBeGreaterThan(50);
  });

  it('shuffles the options of a choice question and keeps which one is correct', () => {
    const question = sample('single');
    const shown = shuffleChoices(question, seededRng(5));
    expect(
      shown.type === 'single' && shown.options.filter((o) => o.correct).map((o) => o.text),
    ).toEqual(['404']);
    expect(shown.type === 'single' && [...shown.options].map((o) => o.text).sort()).toEqual([
      '400',
      '403',
      '404',
      '410',
    ]);
  });
});
