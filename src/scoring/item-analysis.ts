/**
 * Classical test theory statistics for a response matrix: persons x items, each cell a score in
 * [0, 1] (1 = full credit, partial credit allowed) or null when the item was not shown to that
 * person. Pure: no I/O. Every figure that cannot be computed is null, never NaN or Infinity.
 *
 * The test-level figures follow Moodle's quiz statistics report (mod/quiz/report/statistics), so
 * a reader who knows that report reads these the same way.
 */

/**
 * How missing cells (null: not shown) are handled. Totals over different sets of items are not
 * comparable, and alpha from pairwise covariances can come out above 1, so everything built on
 * a total uses only the persons who saw every item.
 */
export const MISSING_RULE =
  "An item's n, p and variance use every person who saw it; alpha, sem, pointBiserial, " +
  'alphaIfDeleted and the test statistics use only the persons who saw every item (nComplete).';

/**
 * Scores are fractions of a question's points, never finer than about 1e-6, while adding the
 * same scores in another order can differ by about 1e-16. A spread within this tolerance is
 * rounding, not variance: dividing by it would turn noise into a huge alpha or correlation.
 */
export const SAME_SCORE_TOLERANCE = 1e-9;

export interface ResponseMatrix {
  items: readonly string[];
  /** One row per person, one cell per item: a score in [0, 1], or null when not shown. */
  rows: readonly (readonly (number | null)[])[];
}

export interface ItemStatistics {
  item: string;
  /** Persons who saw the item. */
  n: number;
  /** Difficulty (Moodle's facility): mean score among persons who saw it; null if nobody did. */
  p: number | null;
  /** Sample variance (N - 1) of the scores of persons who saw it; null below 2 persons. */
  variance: number | null;
  /**
   * Fewer than two different scores among persons who saw it (everyone right, everyone wrong, or
   * fewer than 2 persons): the item cannot tell persons apart.
   */
  noVariance: boolean;
  /**
   * Corrected item-total correlation: Pearson r between the item and the total of the other
   * items, over the complete cases. Null when the item or that rest total does not vary there,
   * or there are fewer than 2 complete cases.
   */
  pointBiserial: number | null;
  /** Alpha of the other items, over the complete cases; null when that alpha cannot be computed. */
  alphaIfDeleted: number | null;
}

/** Moodle's test statistics, over the totals (sums of item scores) of the complete cases. */
export interface TestStatistics {
  /** Persons the figures rest on: those who saw every item. */
  n: number;
  mean: number | null;
  median: number | null;
  /** Sample standard deviation (N - 1); null below 2 persons. */
  standardDeviation: number | null;
  /**
   * Sample skewness G1 = k3 / k2^(3/2) from the unbiased cumulants, as Moodle (and Excel's SKEW)
   * compute it; null below 3 persons or when every total is the same.
   */
  skewness: number | null;
  /**
   * Sample excess kurtosis G2 = k4 / k2^2, 0 for a normal distribution, as Moodle (and Excel's
   * KURT) compute it; null below 4 persons or when every total is the same.
   */
  kurtosis: number | null;
  /** Moodle's error ratio: SEM / SD as a percentage, 100 * sqrt(1 - alpha). */
  errorRatio: number | null;
  /** Moodle's "standard error": the SEM of a total, SD * sqrt(1 - alpha), the same as `sem`. */
  standardError: number | null;
}

export interface ItemAnalysis {
  /** Persons (rows). */
  n: number;
  /** Persons who saw every item: the sample of alpha, sem, correlations and test statistics. */
  nComplete: number;
  missingRule: string;
  items: ItemStatistics[];
  /** Cronbach's alpha (KR-20 for 0/1 items); null with `alphaReason` when it cannot be computed. */
  alpha: number | null;
  alphaReason: string | null;
  /** Standard error of measurement of a total: SD(total, N - 1) * sqrt(1 - alpha). */
  sem: number | null;
  test: TestStatistics;
}

type Rows = readonly (readonly number[])[];

/** Throws a RangeError for a malformed matrix: repeated item names, ragged rows, bad scores. */
export function analyzeItems(matrix: ResponseMatrix): ItemAnalysis {
  checkMatrix(matrix);
  const k = matrix.items.length;
  const complete = matrix.rows.filter((row): row is readonly number[] =>
    row.every((cell) => cell !== null),
  );
  const { alpha, reason } = cronbachAlpha(complete, k);
  const totals = complete.map(sum);
  const sd = sampleStandardDeviation(totals);
  const sem = alpha === null || sd === null ? null : sd * sqrtOneMinus(alpha);
  return {
    n: matrix.rows.length,
    nComplete: complete.length,
    missingRule: MISSING_RULE,
    items: matrix.items.map((item, j) => ({
      item,
      ...seenItemStatistics(matrix.rows.map((row) => row[j] ?? null)),
      ...restStatistics(complete, j, k),
    })),
    alpha,
    alphaReason: reason,
    sem,
    test: testStatistics(totals, alpha, sem),
  };
}

/**
 * Discrimination when persons saw different items (questions drawn at random from a pool): the
 * Pearson r between an item's score and the person's mean score on the OTHER items they saw,
 * over persons who saw the item and at least one other. Means rather than totals, so persons
 * who saw different numbers of items compare. Null as for pearson; `n` is the persons behind r.
 */
export function restMeanCorrelations(
  matrix: ResponseMatrix,
): { item: string; r: number | null; n: number }[] {
  checkMatrix(matrix);
  return matrix.items.map((item, j) => {
    const itemScores: number[] = [];
    const restMeans: number[] = [];
    for (const row of matrix.rows) {
      const own = row[j];
      const others = row.filter((cell, i): cell is number => i !== j && cell !== null);
      if (own === null || own === undefined || !others.length) continue;
      itemScores.push(own);
      restMeans.push(sum(others) / others.length);
    }
    return { item, r: pearson(itemScores, restMeans), n: itemScores.length };
  });
}

function checkMatrix({ items, rows }: ResponseMatrix): void {
  const repeated = items.find((item, j) => items.indexOf(item) !== j);
  if (repeated !== undefined) throw new RangeError(`Item "${repeated}" appears twice.`);
  rows.forEach((row, i) => {
    if (row.length !== items.length) {
      throw new RangeError(`Row ${i + 1} has ${row.length} cells for ${items.length} items.`);
    }
    row.forEach((cell, j) => {
      if (cell !== null && !(cell >= 0 && cell <= 1)) {
        throw new RangeError(`Row ${i + 1}, item "${items[j]}": ${cell} is not a score in [0, 1].`);
      }
    });
  });
}

function seenItemStatistics(cells: (number | null)[]) {
  const seen = cells.filter((cell): cell is number => cell !== null);
  return {
    n: seen.length,
    p: mean(seen),
    variance: sampleVariance(seen),
    noVariance: isConstant(seen),
  };
}

/** Item `j` against the other k - 1 items, over the complete cases. */
function restStatistics(complete: Rows, j: number, k: number) {
  const others = complete.map((row) => row.filter((_, other) => other !== j));
  return {
    pointBiserial: pearson(
      complete.map((row) => row[j] as number),
      others.map(sum),
    ),
    alphaIfDeleted: cronbachAlpha(others, k - 1).alpha,
  };
}

/**
 * alpha = k / (k - 1) * (1 - sum of item variances / variance of the totals), over `rows` of k
 * scores each. Both variances use N - 1; the choice cancels, so this equals the N form too.
 */
function cronbachAlpha(rows: Rows, k: number): { alpha: number | null; reason: string | null } {
  if (k < 2) return { alpha: null, reason: `Alpha needs at least 2 items; there are ${k}.` };
  if (rows.length < 2) {
    return {
      alpha: null,
      reason: `Alpha needs at least 2 persons who saw every item; there are ${rows.length}.`,
    };
  }
  const totals = rows.map(sum);
  if (isConstant(totals)) {
    return { alpha: null, reason: 'Every person who saw every item has the same total.' };
  }
  const itemVariances = sum(
    Array.from({ length: k }, (_, j) => sampleVariance(rows.map((row) => row[j] as number)) ?? 0),
  );
  const totalVariance = sampleVariance(totals) ?? 0;
  return { alpha: (k / (k - 1)) * (1 - itemVariances / totalVariance), reason: null };
}

/**
 * sqrt(1 - alpha). Alpha cannot exceed 1, but perfectly consistent items can round it to
 * 1 + 1e-16, and the square root of a negative number is NaN.
 */
function sqrtOneMinus(alpha: number): number {
  return Math.sqrt(Math.max(0, 1 - alpha));
}

function testStatistics(
  totals: number[],
  alpha: number | null,
  sem: number | null,
): TestStatistics {
  return {
    n: totals.length,
    mean: mean(totals),
    median: median(totals),
    standardDeviation: sampleStandardDeviation(totals),
    ...shape(totals),
    errorRatio: alpha === null ? null : 100 * sqrtOneMinus(alpha),
    standardError: sem,
  };
}

/**
 * Skewness and excess kurtosis from the k-statistics (unbiased cumulants), as Moodle computes
 * them. With m_r = sum((x - mean)^r) / N:
 *   k2 = N m2 / (N - 1),  k3 = N^2 m3 / ((N - 1)(N - 2)),
 *   k4 = N^2 ((N + 1) m4 - 3 (N - 1) m2^2) / ((N - 1)(N - 2)(N - 3)),
 *   skewness = k3 / k2^(3/2),  kurtosis = k4 / k2^2.
 */
function shape(values: number[]): { skewness: number | null; kurtosis: number | null } {
  const n = values.length;
  const average = mean(values);
  if (n < 3 || average === null || isConstant(values)) return { skewness: null, kurtosis: null };
  const moment = (r: number) => sum(values.map((x) => (x - average) ** r)) / n;
  const m2 = moment(2);
  const k2 = (n * m2) / (n - 1);
  const k3 = (n * n * moment(3)) / ((n - 1) * (n - 2));
  if (n < 4) return { skewness: k3 / k2 ** 1.5, kurtosis: null };
  const k4 =
    (n * n * ((n + 1) * moment(4) - 3 * (n - 1) * m2 * m2)) / ((n - 1) * (n - 2) * (n - 3));
  return { skewness: k3 / k2 ** 1.5, kurtosis: k4 / (k2 * k2) };
}

/**
 * Pearson r; null below 2 pairs or when either side does not vary. Clamped to [-1, 1] because
 * rounding can put a perfect correlation a hair outside.
 */
function pearson(x: number[], y: number[]): number | null {
  const meanX = mean(x);
  const meanY = mean(y);
  if (x.length < 2 || meanX === null || meanY === null || isConstant(x) || isConstant(y)) {
    return null;
  }
  let products = 0;
  let squaresX = 0;
  let squaresY = 0;
  x.forEach((xi, i) => {
    const dx = xi - meanX;
    const dy = (y[i] as number) - meanY;
    products += dx * dy;
    squaresX += dx * dx;
    squaresY += dy * dy;
  });
  return Math.min(1, Math.max(-1, products / Math.sqrt(squaresX * squaresY)));
}

/** True for no values or one value too: nothing varies. */
function isConstant(values: readonly number[]): boolean {
  const first = values[0] ?? 0;
  return values.every((value) => Math.abs(value - first) <= SAME_SCORE_TOLERANCE);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function mean(values: readonly number[]): number | null {
  return values.length ? sum(values) / values.length : null;
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Two-pass sum of squared deviations over N - 1; null below 2 values. */
function sampleVariance(values: readonly number[]): number | null {
  const average = mean(values);
  if (values.length < 2 || average === null) return null;
  return sum(values.map((x) => (x - average) ** 2)) / (values.length - 1);
}

function sampleStandardDeviation(values: readonly number[]): number | null {
  const variance = sampleVariance(values);
  return variance === null ? null : Math.sqrt(variance);
}

// ---------------------------------------------------------------------------------------------
// Distractor analysis and flags

/** Below this many persons behind a figure, it raises no flag: too few to tell from noise. */
export const MIN_SAMPLE_FOR_FLAGS = 30;
/** More than 90% credit on average: the item hardly separates anyone. */
export const TOO_EASY_ABOVE = 0.9;
/** Less than 20% credit on average: mostly guessing, or a wrong key. */
export const TOO_HARD_BELOW = 0.2;
/** A corrected item-total correlation under 0.20 is the usual line for a weak item. */
export const WEAK_DISCRIMINATION_BELOW = 0.2;

export interface OptionRate {
  /** 0-based option index, in the order the question version stores its options. */
  option: number;
  count: number;
  /** count / n; null when n is 0. */
  rate: number | null;
}

export interface ChoiceRates {
  /** Persons who saw the item, blanks included. */
  n: number;
  options: OptionRate[];
  /** Persons who saw it and chose nothing. */
  blank: { count: number; rate: number | null };
}

/**
 * How often each option was chosen. `choices` holds one entry per person who saw the item: the
 * chosen option index, or null for no answer; persons who did not see it are left out. Throws a
 * RangeError for an index that is not an option.
 */
export function choiceRates(choices: readonly (number | null)[], optionCount: number): ChoiceRates {
  const bad = choices.find(
    (choice) =>
      choice !== null && !(Number.isInteger(choice) && choice >= 0 && choice < optionCount),
  );
  if (bad !== undefined)
    throw new RangeError(`Choice ${bad} is not one of ${optionCount} options.`);
  const rate = (count: number) => (choices.length ? count / choices.length : null);
  const countOf = (value: number | null) => choices.filter((choice) => choice === value).length;
  return {
    n: choices.length,
    options: Array.from({ length: optionCount }, (_, option) => ({
      option,
      count: countOf(option),
      rate: rate(countOf(option)),
    })),
    blank: { count: countOf(null), rate: rate(countOf(null)) },
  };
}

export type ItemFlag =
  'too-easy' | 'too-hard' | 'weak-discrimination' | 'negative-discrimination' | 'unused-distractor';

/** An item's choice rates and its keyed (correct) option indexes; the others are distractors. */
export interface ItemChoices {
  rates: ChoiceRates;
  keyed: readonly number[];
}

export interface FlagInput {
  item: string;
  p: number | null;
  /** Persons behind p. */
  n: number;
  pointBiserial: number | null;
  /** Persons behind pointBiserial. */
  nCorrelation: number;
  choices?: ItemChoices;
}

export interface ItemFlags {
  item: string;
  flags: ItemFlag[];
  /** Persons behind each figure, always reported: a figure on too few raises no flag. */
  sample: { difficulty: number; discrimination: number; choices: number | null };
  /** Distractors nobody picked; empty without choice data or below the minimum sample. */
  unusedDistractors: number[];
}

/**
 * Flags for a report: too easy (p > 0.90), too hard (p < 0.20), weak discrimination
 * (0 <= r < 0.20), negative discrimination (r < 0; not also called weak), and a distractor
 * nobody picked. Each flag needs MIN_SAMPLE_FOR_FLAGS persons behind the figure it reads.
 */
export function flagItem(input: FlagInput): ItemFlags {
  const { p, pointBiserial: r, choices } = input;
  const enough = (sample: number) => sample >= MIN_SAMPLE_FOR_FLAGS;
  const flags: ItemFlag[] = [];
  if (p !== null && enough(input.n)) {
    if (p > TOO_EASY_ABOVE) flags.push('too-easy');
    if (p < TOO_HARD_BELOW) flags.push('too-hard');
  }
  if (r !== null && enough(input.nCorrelation)) {
    if (r < 0) flags.push('negative-discrimination');
    else if (r < WEAK_DISCRIMINATION_BELOW) flags.push('weak-discrimination');
  }
  const unusedDistractors =
    choices && enough(choices.rates.n)
      ? choices.rates.options
          .filter(({ option, count }) => count === 0 && !choices.keyed.includes(option))
          .map(({ option }) => option)
      : [];
  if (unusedDistractors.length) flags.push('unused-distractor');
  return {
    item: input.item,
    flags,
    sample: {
      difficulty: input.n,
      discrimination: input.nCorrelation,
      choices: choices?.rates.n ?? null,
    },
    unusedDistractors,
  };
}

/** Flags for every item of an analysis, with choice data for the items that have options. */
export function flagItems(
  analysis: ItemAnalysis,
  choices: ReadonlyMap<string, ItemChoices> = new Map(),
): ItemFlags[] {
  return analysis.items.map((item) =>
    flagItem({
      item: item.item,
      p: item.p,
      n: item.n,
      pointBiserial: item.pointBiserial,
      nCorrelation: analysis.nComplete,
      choices: choices.get(item.item),
    }),
  );
}
