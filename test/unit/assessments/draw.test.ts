import {
  drawableCount,
  drawOrder,
  drawQuestions,
  seededRng,
  shuffle,
  shuffleChoices,
  taggedWith,
  takeOnePerGroup,
} from '../../../src/assessments/draw';
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

  describe('with exclusion groups', () => {
    // `a1` and `a2` share group a; `b1` in the second bank shares group b with `b2`.
    const groupOf = (id: string) => (/^[ab]\d$/.test(id) ? id[0] : undefined);
    const pools = [
      { skill: 'one', count: 3, questions: ['a1', 'a2', 'b1', 'x1'] },
      { skill: 'two', count: 2, questions: ['b2', 'a3', 'y1'] },
    ];
    const repeatedGroups = (drawn: { questions: string[] }[]) => {
      const groups = drawn.flatMap((d) => d.questions.map(groupOf)).filter(Boolean);
      return groups.length - new Set(groups).size;
    };
    const seeds = Array.from({ length: 100 }, (_, i) => i + 1);

    it('never draws two questions of a group, in one bank or across banks', () => {
      for (const seed of seeds) {
        const drawn = drawQuestions(pools, seededRng(seed), groupOf);
        expect(repeatedGroups(drawn)).toBe(0);
        expect(drawn[0]?.questions).toHaveLength(3);
      }
      const withoutRule = seeds.filter(
        (seed) => repeatedGroups(drawQuestions(pools, seededRng(seed))) > 0,
      );
      expect(withoutRule.length).toBeGreaterThan(50);
    });

    it('takes questions in order, skipping groups already used', () => {
      const used = new Set(['b']);
      expect(takeOnePerGroup(['a1', 'b1', 'a2', 'x1', 'y1'], 3, groupOf, used)).toEqual([
        'a1',
        'x1',
        'y1',
      ]);
      expect([...used].sort()).toEqual(['a', 'b']);
    });

    it('counts a group once in what one attempt can hold', () => {
      expect(drawableCount(['a1', 'a2', 'a3', 'b1', 'x1', 'y1'], groupOf)).toBe(4);
      expect(drawableCount(['x1', 'y1'], groupOf)).toBe(2);
    });
  });

  describe('with preferred questions', () => {
    const preferred = (id: string) => id.startsWith('p');

    it('takes preferred questions first, at random among them, then the rest', () => {
      const firsts = new Set<string>();
      for (let seed = 1; seed <= 50; seed += 1) {
        const [drawn] = drawQuestions(
          [{ skill: 's', count: 3, questions: ['a', 'p1', 'b', 'p2', 'c'], preferred }],
          seededRng(seed),
        );
        expect(drawn?.questions.slice(0, 2).sort()).toEqual(['p1', 'p2']);
        firsts.add(drawn?.questions[0] ?? '');
      }
      expect([...firsts].sort()).toEqual(['p1', 'p2']);
    });

    it('counts a preferred question as shown a third as often', () => {
      const exposure = (id: string) => ({ p1: 6, p2: 2, a: 1, b: 2 })[id] ?? 0;
      const order = drawOrder(['a', 'b', 'p1', 'p2'], seededRng(1), { exposure, preferred });
      expect(order).toEqual(['p2', 'a', 'p1', 'b']);
    });

    it('prefers questions carrying a named tag, and has no preference without tags', () => {
      const prefer = taggedWith(['django']);
      expect(prefer?.(sample('single', { tags: ['django', 'orm'] }))).toBe(true);
      expect(prefer?.(sample('single', { tags: ['flask'] }))).toBe(false);
      expect(taggedWith([])).toBeUndefined();
    });
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
