import { percentileRank, wilsonInterval, Z_90 } from '../../../src/scoring/score-interval';

describe('wilsonInterval', () => {
  it('uses z = 1.6449 for 90% by default', () => {
    expect(Z_90).toBeCloseTo(1.6449, 4);
  });

  it('gives 46–91% for 75% on 8 questions', () => {
    // z^2 = 2.705543, z^2/n = 0.338193; centre = (0.75 + 0.169096) / 1.338193 = 0.686819;
    // halfWidth = 1.644854 / 1.338193 * sqrt(0.1875/8 + 2.705543/256) = 1.229160 * 0.184407
    // = 0.226666.
    const interval = wilsonInterval(0.75, 8);
    expect(interval.low).toBeCloseTo(0.460153, 6);
    expect(interval.high).toBeCloseTo(0.913485, 6);
  });

  it('matches the textbook 95% interval for 50 right out of 100', () => {
    const interval = wilsonInterval(0.5, 100, 1.96);
    expect(interval.low).toBeCloseTo(0.4038, 4);
    expect(interval.high).toBeCloseTo(0.5962, 4);
  });

  it('starts at exactly 0 for a score of 0 and ends at exactly 1 for full marks, yet is not zero wide', () => {
    // At f = 0 the upper bound is z^2 / (n + z^2) = 2.705543 / 12.705543; at f = 1 the lower
    // bound is n / (n + z^2) = 10 / 12.705543.
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.212942, 6) });
    expect(wilsonInterval(1, 10)).toEqual({ low: expect.closeTo(0.787058, 6), high: 1 });
  });

  it('mirrors: the interval of 1 - f is 1 minus that of f', () => {
    const forward = wilsonInterval(0.3, 12);
    const mirrored = wilsonInterval(0.7, 12);
    expect(mirrored.low).toBeCloseTo(1 - forward.high, 12);
    expect(mirrored.high).toBeCloseTo(1 - forward.low, 12);
  });

  it('takes partial credit: 6.5 of 8 points earned over 8 questions', () => {
    // f = 0.8125: centre = (0.8125 + 0.169096) / 1.338193 = 0.733524; halfWidth = 1.229160 *
    // sqrt(0.8125 * 0.1875 / 8 + 0.010569) = 1.229160 * 0.172080 = 0.211514.
    const interval = wilsonInterval(6.5 / 8, 8);
    expect(interval.low).toBeCloseTo(0.52201, 6);
    expect(interval.high).toBeCloseTo(0.945038, 6);
  });

  it('narrows as the same score rests on more questions', () => {
    const width = (n: number) => {
      const { low, high } = wilsonInterval(0.75, n);
      return high - low;
    };
    expect(width(4)).toBeGreaterThan(width(8));
    expect(width(8)).toBeGreaterThan(width(40));
  });

  it('spans 0 to 1 when nothing has been scored yet', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('refuses a fraction outside 0..1, a negative count and a bad z', () => {
    expect(() => wilsonInterval(1.2, 8)).toThrow(RangeError);
    expect(() => wilsonInterval(Number.NaN, 8)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, -1)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 8, 0)).toThrow(RangeError);
  });
});

describe('percentileRank', () => {
  const scores = [10, 20, 20, 30];

  it('counts the scores strictly below plus half of the ties', () => {
    expect(percentileRank(20, scores)).toBe(50); // (1 + 2/2) / 4
    expect(percentileRank(30, scores)).toBe(87.5); // (3 + 1/2) / 4
    expect(percentileRank(10, scores)).toBe(12.5); // (0 + 1/2) / 4
  });

  it('ranks a score that is not in the list by the scores below it', () => {
    expect(percentileRank(25, scores)).toBe(75);
    expect(percentileRank(5, scores)).toBe(0);
    expect(percentileRank(35, scores)).toBe(100);
  });

  it('puts the only score of a list at 50', () => {
    expect(percentileRank(0.4, [0.4])).toBe(50);
  });

  it('counts sums of partial credit that differ only by rounding as ties', () => {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001.
    expect(percentileRank(0.6, [0.1 + 0.2 + 0.3, 0.2])).toBe(75);
  });

  it('has no rank among no scores', () => {
    expect(percentileRank(0.5, [])).toBeNull();
  });
});
