import fs from 'node:fs';
import path from 'node:path';
import {
  analyzeItems,
  restMeanCorrelations,
  choiceRates,
  flagItem,
  flagItems,
  MIN_SAMPLE_FOR_FLAGS,
  MISSING_RULE,
  type FlagInput,
  type ResponseMatrix,
} from '../../../src/scoring/item-analysis';

const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures/psychometrics');

/** The reference CSVs are plain: a header of item names, then 0/1 cells, no quotes. */
function readFixtureMatrix(name: string): ResponseMatrix {
  const [header = '', ...lines] = fs
    .readFileSync(path.join(FIXTURES_DIR, `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
  return { items: header.split(','), rows: lines.map((line) => line.split(',').map(Number)) };
}

interface Expected {
  n: number;
  alpha: number;
  sem: number;
  items: { item: string; p: number; pointBiserial: number; alphaIfDeleted: number }[];
}

function readExpected(name: string): Expected {
  return JSON.parse(
    fs.readFileSync(path.join(FIXTURES_DIR, `${name}-expected.json`), 'utf8'),
  ) as Expected;
}

/**
 * Four persons, three items, totals 3, 2, 1, 0. By hand (variances over N - 1 = 3):
 * item variances 0.25, 1/3, 0.25 (sum 5/6); totals mean 1.5, variance 5/3.
 */
const STAIRCASE: ResponseMatrix = {
  items: ['a', 'b', 'c'],
  rows: [
    [1, 1, 1],
    [1, 1, 0],
    [1, 0, 0],
    [0, 0, 0],
  ],
};

describe('analyzeItems on a small hand-computed matrix', () => {
  const result = analyzeItems(STAIRCASE);

  it('gives each item its mean score as p and its N - 1 variance', () => {
    expect(result.items.map((item) => item.p)).toEqual([0.75, 0.5, 0.25]);
    const variances = result.items.map((item) => item.variance ?? NaN);
    [0.25, 1 / 3, 0.25].forEach((expected, j) => expect(variances[j]).toBeCloseTo(expected, 12));
  });

  it('computes alpha as k/(k-1) * (1 - sum of item variances / variance of totals)', () => {
    // 3/2 * (1 - (5/6) / (5/3)) = 3/2 * 1/2
    expect(result.alpha).toBeCloseTo(0.75, 12);
    expect(result.alphaReason).toBeNull();
  });

  it('computes the SEM as SD(total, N - 1) * sqrt(1 - alpha)', () => {
    // sqrt(5/3) * sqrt(0.25) = 1.290994 * 0.5
    expect(result.sem).toBeCloseTo(0.645497, 6);
  });

  it('correlates each item with the total of the other items, not with its own total', () => {
    // a against b + c = (2, 1, 0, 0): sum of products 0.75 / sqrt(0.75 * 2.75) = 0.522233;
    // b against a + c = (2, 1, 1, 0): 1 / sqrt(1 * 2) = 0.707107; c mirrors a.
    const correlations = result.items.map((item) => item.pointBiserial ?? NaN);
    [0.522233, 0.707107, 0.522233].forEach((expected, j) =>
      expect(correlations[j]).toBeCloseTo(expected, 6),
    );
  });

  it('recomputes alpha without each item', () => {
    // Without a: variances 1/3 + 1/4 = 7/12, totals (2, 1, 0, 0) variance 11/12:
    // 2 * (1 - 7/11) = 8/11. Without b: 0.25 + 0.25, totals (2, 1, 1, 0) variance 2/3: 0.5.
    const alphas = result.items.map((item) => item.alphaIfDeleted ?? NaN);
    [8 / 11, 0.5, 8 / 11].forEach((expected, j) => expect(alphas[j]).toBeCloseTo(expected, 12));
  });

  it('reports the test statistics Moodle shows, on the totals', () => {
    // Totals 3, 2, 1, 0: symmetric, so skewness 0; m2 = 1.25, m4 = 2.5625, k2 = 5/3,
    // k4 = 16 * (5 * 2.5625 - 9 * 1.5625) / 6 = -10/3, kurtosis = k4 / k2^2 = -1.2.
    const { test } = result;
    expect(test).toMatchObject({ n: 4, mean: 1.5, median: 1.5 });
    expect(test.standardDeviation).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(test.skewness).toBeCloseTo(0, 12);
    expect(test.kurtosis).toBeCloseTo(-1.2, 12);
    // Error ratio 100 * sqrt(1 - 0.75) = 50 (%); Moodle's standard error is the SEM.
    expect(test.errorRatio).toBeCloseTo(50, 10);
    expect(test.standardError).toBe(result.sem);
  });
});

describe('test statistics', () => {
  it('gives skewness 2 and excess kurtosis 4 for totals 0, 0, 0, 3', () => {
    // m2 = 1.6875, m3 = 2.53125, m4 = 6.64453125; k2 = 2.25, k3 = 6.75, k4 = 20.25:
    // skewness 6.75 / 2.25^1.5 = 2, kurtosis 20.25 / 2.25^2 = 4 (Excel's SKEW and KURT agree).
    const { test } = analyzeItems({
      items: ['a', 'b', 'c'],
      rows: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [1, 1, 1],
      ],
    });
    expect(test.median).toBe(0);
    expect(test.skewness).toBeCloseTo(2, 12);
    expect(test.kurtosis).toBeCloseTo(4, 12);
  });

  it('gives perfectly consistent items alpha 1 and an SEM of 0, not NaN', () => {
    const result = analyzeItems({
      items: ['a', 'b', 'c'],
      rows: [
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
      ],
    });
    expect(result.alpha).toBeCloseTo(1, 12);
    // 1 - alpha is 0 up to rounding (about 1e-16), whose square root is about 1e-8.
    expect(result.sem).toBeCloseTo(0, 6);
    expect(result.test.errorRatio).toBeCloseTo(0, 4);
  });

  it('leaves skewness null below 3 persons and kurtosis null below 4', () => {
    const two = analyzeItems({
      items: ['a', 'b'],
      rows: [
        [0, 1],
        [1, 1],
      ],
    }).test;
    expect(two).toMatchObject({ n: 2, median: 1.5, skewness: null, kurtosis: null });
    const three = analyzeItems({
      items: ['a', 'b'],
      rows: [
        [0, 0],
        [0, 1],
        [1, 1],
      ],
    }).test;
    expect(three.skewness).toBeCloseTo(0, 12);
    expect(three.kurtosis).toBeNull();
  });
});

describe.each(['lsat6', 'lsat7', 'sat12'])('the %s reference data', (name) => {
  const expected = readExpected(name);
  const result = analyzeItems(readFixtureMatrix(name));

  it('reproduces alpha and the SEM computed with R, to 3 decimals', () => {
    expect(result.n).toBe(expected.n);
    expect(result.alpha).toBeCloseTo(expected.alpha, 3);
    expect(result.sem).toBeCloseTo(expected.sem, 3);
  });

  it('reproduces every item p, pointBiserial and alphaIfDeleted, to 3 decimals', () => {
    expect(result.items.map((item) => item.item)).toEqual(expected.items.map((item) => item.item));
    expected.items.forEach((want, j) => {
      const got = result.items[j];
      expect(got?.p).toBeCloseTo(want.p, 3);
      expect(got?.pointBiserial).toBeCloseTo(want.pointBiserial, 3);
      expect(got?.alphaIfDeleted).toBeCloseTo(want.alphaIfDeleted, 3);
    });
  });

  it('gives the same alpha as KR-20 for its 0/1 items', () => {
    // KR-20 = k/(k-1) * (1 - sum of p(1-p) / variance of totals), both over N.
    const k = result.items.length;
    const pq = result.items.reduce((sum, item) => sum + (item.p ?? 0) * (1 - (item.p ?? 0)), 0);
    const sd = result.test.standardDeviation ?? 0;
    const totalVarianceOverN = (sd * sd * (result.n - 1)) / result.n;
    expect(result.alpha).toBeCloseTo((k / (k - 1)) * (1 - pq / totalVarianceOverN), 10);
  });
});

describe('the LSAT6 test statistics', () => {
  it('match the bias-corrected skewness and kurtosis of SciPy (skew and kurtosis, bias=False)', () => {
    // Checked in Python: statistics.mean/median/stdev and scipy.stats on the 1000 totals.
    const { test } = analyzeItems(readFixtureMatrix('lsat6'));
    expect(test.mean).toBeCloseTo(3.819, 12);
    expect(test.median).toBe(4);
    expect(test.standardDeviation).toBeCloseTo(1.035041, 6);
    expect(test.skewness).toBeCloseTo(-0.691011, 6);
    expect(test.kurtosis).toBeCloseTo(0.078179, 6);
  });
});

describe('edge cases', () => {
  it('reports an item everyone got right as having no variance, with a null pointBiserial', () => {
    const result = analyzeItems({
      items: [...STAIRCASE.items, 'easy'],
      rows: STAIRCASE.rows.map((row) => [...row, 1]),
    });
    const easy = result.items[3];
    expect(easy).toMatchObject({ p: 1, variance: 0, noVariance: true, pointBiserial: null });
    // Its variance adds nothing: 4/3 * (1 - (5/6) / (5/3)) = 2/3; without it, alpha is back to 0.75.
    expect(result.alpha).toBeCloseTo(2 / 3, 12);
    expect(easy?.alphaIfDeleted).toBeCloseTo(0.75, 12);
    expect(result.items.slice(0, 3).every((item) => !item.noVariance)).toBe(true);
  });

  it('gives no alpha, with a reason, for fewer than 2 items', () => {
    const result = analyzeItems({ items: ['only'], rows: [[1], [0], [1]] });
    expect(result).toMatchObject({ alpha: null, sem: null });
    expect(result.alphaReason).toMatch(/at least 2 items; there are 1/);
    expect(result.items[0]).toMatchObject({ p: 2 / 3, pointBiserial: null, alphaIfDeleted: null });
  });

  it('gives no alpha, with a reason, for fewer than 2 persons', () => {
    const result = analyzeItems({ items: ['a', 'b'], rows: [[1, 0]] });
    expect(result).toMatchObject({ n: 1, alpha: null, sem: null });
    expect(result.alphaReason).toMatch(/at least 2 persons who saw every item; there are 1/);
    expect(result.items[0]).toMatchObject({ n: 1, p: 1, variance: null, noVariance: true });
  });

  it('gives no alpha when every person has the same total', () => {
    const result = analyzeItems({
      items: ['a', 'b'],
      rows: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(result.alpha).toBeNull();
    expect(result.alphaReason).toMatch(/same total/);
    expect(result.items[0]?.pointBiserial).toBeCloseTo(-1, 12);
  });

  it('counts partial credits summed in another order as the same total', () => {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001, 0.3 + 0.2 + 0.1 is 0.6: no real spread.
    const result = analyzeItems({
      items: ['a', 'b', 'c'],
      rows: [
        [0.1, 0.2, 0.3],
        [0.3, 0.2, 0.1],
      ],
    });
    expect(result.alpha).toBeNull();
    expect(result.items[1]?.noVariance).toBe(true);
  });

  it('takes partial credit: p is the mean score', () => {
    const result = analyzeItems({
      items: ['a', 'b'],
      rows: [
        [0.5, 1],
        [1, 0],
        [0, 0.25],
      ],
    });
    expect(result.items[0]?.p).toBeCloseTo(0.5, 12);
    expect(result.items[1]?.p).toBeCloseTo(1.25 / 3, 12);
  });

  it('never puts NaN or Infinity in its output', () => {
    const matrices: ResponseMatrix[] = [
      { items: [], rows: [] },
      { items: ['a', 'b'], rows: [] },
      { items: [], rows: [[], []] },
      { items: ['a', 'b'], rows: [[null, null]] },
      {
        items: ['a', 'b'],
        rows: [
          [1, null],
          [null, 1],
          [null, null],
        ],
      },
      {
        items: ['a', 'b', 'c'],
        rows: [
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ],
      },
      {
        items: ['a', 'b', 'c'],
        rows: [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
      },
      {
        items: ['a', 'b'],
        rows: [
          [1, 1],
          [0, 0],
          [1, 1],
          [0, 0],
        ],
      },
      STAIRCASE,
    ];
    for (const matrix of matrices) {
      const numbers = numbersIn(analyzeItems(matrix));
      expect(numbers.filter((value) => !Number.isFinite(value))).toEqual([]);
    }
  });
});

describe('cells not shown (null)', () => {
  // STAIRCASE plus a fifth person who saw a and c but not b.
  const result = analyzeItems({
    items: STAIRCASE.items,
    rows: [...STAIRCASE.rows, [1, null, 0]],
  });

  it('states its rule in the output', () => {
    expect(result.missingRule).toBe(MISSING_RULE);
    expect(result).toMatchObject({ n: 5, nComplete: 4 });
  });

  it('uses every person who saw an item for its n, p and variance', () => {
    expect(result.items.map((item) => [item.n, item.p])).toEqual([
      [5, 0.8],
      [4, 0.5],
      [5, 0.2],
    ]);
    // a: 1, 1, 1, 0, 1 has mean 0.8 and squared deviations 4 * 0.04 + 0.64 = 0.8, over 4.
    expect(result.items[0]?.variance).toBeCloseTo(0.2, 12);
  });

  it('uses only persons who saw every item for alpha, sem, correlations and test statistics', () => {
    const full = analyzeItems(STAIRCASE);
    expect(result.alpha).toBe(full.alpha);
    expect(result.sem).toBe(full.sem);
    expect(result.items.map((item) => item.pointBiserial)).toEqual(
      full.items.map((item) => item.pointBiserial),
    );
    expect(result.test).toEqual(full.test);
  });

  it('gives no alpha, with a reason, when nobody saw every item', () => {
    const sparse = analyzeItems({
      items: ['a', 'b'],
      rows: [
        [1, null],
        [null, 0],
        [0, null],
      ],
    });
    expect(sparse).toMatchObject({ n: 3, nComplete: 0, alpha: null, sem: null });
    expect(sparse.alphaReason).toMatch(/persons who saw every item; there are 0/);
    expect(sparse.items[0]).toMatchObject({ n: 2, p: 0.5, pointBiserial: null });
  });
});

describe('input checks', () => {
  it.each([
    ['a score above 1', { items: ['a', 'b'], rows: [[1.5, 0]] }, /Row 1, item "a": 1.5/],
    [
      'a negative score',
      {
        items: ['a', 'b'],
        rows: [
          [0, 1],
          [0, -0.5],
        ],
      },
      /Row 2, item "b"/,
    ],
    ['NaN', { items: ['a', 'b'], rows: [[NaN, 0]] }, /NaN is not a score/],
    ['a short row', { items: ['a', 'b'], rows: [[1, 0], [1]] }, /Row 2 has 1 cells for 2/],
    ['a repeated item name', { items: ['a', 'a'], rows: [] }, /"a" appears twice/],
  ])('refuses %s', (_, matrix, message) => {
    expect(() => analyzeItems(matrix)).toThrow(RangeError);
    expect(() => analyzeItems(matrix)).toThrow(message);
  });
});

describe('choiceRates', () => {
  it('counts each option and blanks among the persons who saw the item', () => {
    expect(choiceRates([0, 0, 1, null, 2], 4)).toEqual({
      n: 5,
      options: [
        { option: 0, count: 2, rate: 0.4 },
        { option: 1, count: 1, rate: 0.2 },
        { option: 2, count: 1, rate: 0.2 },
        { option: 3, count: 0, rate: 0 },
      ],
      blank: { count: 1, rate: 0.2 },
    });
  });

  it('gives null rates, not NaN, when nobody saw the item', () => {
    expect(choiceRates([], 2)).toEqual({
      n: 0,
      options: [
        { option: 0, count: 0, rate: null },
        { option: 1, count: 0, rate: null },
      ],
      blank: { count: 0, rate: null },
    });
  });

  it('refuses an index that is not an option', () => {
    expect(() => choiceRates([0, 4], 4)).toThrow('Choice 4 is not one of 4 options.');
    expect(() => choiceRates([1.5], 4)).toThrow(RangeError);
  });
});

describe('flagItem', () => {
  const plain: FlagInput = { item: 'q', p: 0.5, n: 100, pointBiserial: 0.4, nCorrelation: 100 };

  it('raises no flag for a middling, discriminating item', () => {
    expect(flagItem(plain).flags).toEqual([]);
  });

  it('flags too easy above 0.90 and too hard below 0.20, not at the lines themselves', () => {
    expect(flagItem({ ...plain, p: 0.91 }).flags).toEqual(['too-easy']);
    expect(flagItem({ ...plain, p: 0.9 }).flags).toEqual([]);
    expect(flagItem({ ...plain, p: 0.19 }).flags).toEqual(['too-hard']);
    expect(flagItem({ ...plain, p: 0.2 }).flags).toEqual([]);
  });

  it('flags weak discrimination from 0 up to 0.20, and a negative one only as negative', () => {
    expect(flagItem({ ...plain, pointBiserial: 0.19 }).flags).toEqual(['weak-discrimination']);
    expect(flagItem({ ...plain, pointBiserial: 0 }).flags).toEqual(['weak-discrimination']);
    expect(flagItem({ ...plain, pointBiserial: 0.2 }).flags).toEqual([]);
    expect(flagItem({ ...plain, pointBiserial: -0.1 }).flags).toEqual(['negative-discrimination']);
  });

  it('flags a distractor nobody picked, but not an unpicked keyed option', () => {
    const choices = [...new Array<number>(30).fill(0), ...new Array<number>(10).fill(1)];
    const rates = choiceRates(choices, 4);
    const flagged = flagItem({ ...plain, choices: { rates, keyed: [0, 2] } });
    expect(flagged.flags).toEqual(['unused-distractor']);
    expect(flagged.unusedDistractors).toEqual([3]);
  });

  it('raises no flag below the minimum sample, and still reports the sample sizes', () => {
    const few = MIN_SAMPLE_FOR_FLAGS - 1;
    const rates = choiceRates(new Array<number>(few).fill(0), 3);
    const flagged = flagItem({
      item: 'q',
      p: 1,
      n: few,
      pointBiserial: -0.5,
      nCorrelation: few,
      choices: { rates, keyed: [0] },
    });
    expect(flagged).toEqual({
      item: 'q',
      flags: [],
      sample: { difficulty: 29, discrimination: 29, choices: 29 },
      unusedDistractors: [],
    });
  });

  it('judges each figure by the persons behind it', () => {
    // p rests on 100 persons, the correlation on only 10 complete cases.
    const flagged = flagItem({ ...plain, p: 0.95, pointBiserial: -0.3, nCorrelation: 10 });
    expect(flagged.flags).toEqual(['too-easy']);
    expect(flagged.sample).toEqual({ difficulty: 100, discrimination: 10, choices: null });
  });
});

describe('flagItems', () => {
  it('flags the LSAT6 items from an analysis: item 1 too easy, every item weak', () => {
    const flags = flagItems(analyzeItems(readFixtureMatrix('lsat6')));
    expect(flags.map((item) => [item.item, item.flags])).toEqual([
      ['Item1', ['too-easy', 'weak-discrimination']],
      ['Item2', ['weak-discrimination']],
      ['Item3', ['weak-discrimination']],
      ['Item4', ['weak-discrimination']],
      ['Item5', ['weak-discrimination']],
    ]);
    expect(flags[0]?.sample).toEqual({ difficulty: 1000, discrimination: 1000, choices: null });
  });

  it('uses the choice data given for an item by its name', () => {
    const analysis = analyzeItems(STAIRCASE);
    const rates = choiceRates(new Array<number>(40).fill(1), 3);
    const flags = flagItems(analysis, new Map([['b', { rates, keyed: [1] }]]));
    expect(flags[1]).toMatchObject({ flags: ['unused-distractor'], unusedDistractors: [0, 2] });
    expect(flags[0]?.sample.choices).toBeNull();
  });
});

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('discrimination when persons saw different items', () => {
  it('correlates each item with the mean of the other items each person saw', () => {
    const [a, b, c] = restMeanCorrelations({
      items: ['a', 'b', 'c'],
      rows: [
        [1, 1, null],
        [0, null, 0],
        [1, null, 1],
        [0, 0, null],
        [null, 1, 1],
      ],
    });
    // a against the others seen: pairs (1,1) (0,0) (1,1) (0,0) -> r = 1
    expect(a).toEqual({ item: 'a', r: 1, n: 4 });
    expect(b?.n).toBe(3);
    expect(c?.n).toBe(3);
  });

  it('gives null, not NaN, when an item or the rest does not vary', () => {
    const [a] = restMeanCorrelations({
      items: ['a', 'b'],
      rows: [
        [1, 0],
        [1, 1],
      ],
    });
    expect(a).toEqual({ item: 'a', r: null, n: 2 });
  });
});
