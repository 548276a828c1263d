import { SAME_SCORE_TOLERANCE } from './item-analysis';

/**
 * How sure a score is, and where it stands among others, for reports like
 * "75% (90% interval 46–91%), based on 8 questions". Pure: no I/O.
 */

/** z for a two-sided 90% interval: the standard normal's 95th percentile, 1.6449 rounded. */
export const Z_90 = 1.6448536269514722;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion: `fraction` of the points earned (0..1) over `n`
 * questions, at the confidence `z` stands for (90% by default). With f = fraction:
 *   centre    = (f + z^2 / 2n) / (1 + z^2 / n)
 *   halfWidth = z / (1 + z^2 / n) * sqrt(f (1 - f) / n + z^2 / 4n^2)
 * Unlike f +- z * sqrt(f (1 - f) / n), it stays inside [0, 1] and is not zero wide at 0% or 100%.
 * With partial credit f is not a count of right answers, but a score in [0, 1] with mean f
 * varies at most as much as a right/wrong one (f (1 - f)), so the interval errs on the wide side.
 * Count points as n only when each point is earned on its own. n = 0 (nothing scored yet) gives
 * [0, 1], the formula's limit: no evidence rules nothing out.
 */
export function wilsonInterval(fraction: number, n: number, z = Z_90): Interval {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`${fraction} is not in [0, 1].`);
  if (!(n >= 0 && Number.isFinite(n))) throw new RangeError(`${n} is not a number of questions.`);
  if (!(z > 0 && Number.isFinite(z))) throw new RangeError(`${z} is not a positive z.`);
  if (n === 0) return { low: 0, high: 1 };
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (fraction + z2 / (2 * n)) / denominator;
  const halfWidth =
    (z / denominator) * Math.sqrt((fraction * (1 - fraction)) / n + z2 / (4 * n * n));
  // At 0% and 100% one bound is exactly 0 or 1 on paper; rounding can step a hair past it.
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

/**
 * Percentile rank of `score` among `scores`: the percentage of scores strictly below it plus
 * half the percentage equal to it, so the middle of a tie counts and a list of one score puts
 * it at 50. Scores within SAME_SCORE_TOLERANCE count as equal (sums of the same partial credits
 * can differ in the 16th digit). Null for an empty list.
 */
export function percentileRank(score: number, scores: readonly number[]): number | null {
  if (!scores.length) return null;
  const ties = scores.filter((other) => Math.abs(other - score) <= SAME_SCORE_TOLERANCE).length;
  const below = scores.filter((other) => other < score - SAME_SCORE_TOLERANCE).length;
  return (100 * (below + ties / 2)) / scores.length;
}
