import type { Bank, ChoiceOption, QuestionType } from './question.schemas';

export interface BankStats {
  total: number;
  byType: Partial<Record<QuestionType, number>>;
  byDifficulty: Record<number, number>;
  /** How many keys sit at each option position (single: its key; multiple: every correct option). */
  keyPositions: number[];
  /** True/false items, and how many of them have `answer: true`. */
  trueFalse: { total: number; true: number };
  /** Multiple-choice items by their number of correct options: `{ 2: 8 }` is eight with two keys. */
  keysPerMultiple: Record<number, number>;
  /**
   * Single-choice items whose key is strictly the longest or strictly the shortest option, and
   * how many such items blind guessing would give (the sum of 1 / options per item).
   */
  keyLength: { items: number; longest: number; shortest: number; byChance: number };
}

export function bankStats(bank: Bank): BankStats {
  const stats: BankStats = {
    total: bank.questions.length,
    byType: {},
    byDifficulty: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    keyPositions: [],
    trueFalse: { total: 0, true: 0 },
    keysPerMultiple: {},
    keyLength: { items: 0, longest: 0, shortest: 0, byChance: 0 },
  };
  for (const question of bank.questions) {
    stats.byType[question.type] = (stats.byType[question.type] ?? 0) + 1;
    stats.byDifficulty[question.difficulty] = (stats.byDifficulty[question.difficulty] ?? 0) + 1;
    if (question.type === 'true_false') {
      stats.trueFalse.total += 1;
      if (question.answer) stats.trueFalse.true += 1;
    }
    if (question.type !== 'single' && question.type !== 'multiple') continue;
    question.options.forEach((option, index) => {
      if (option.correct) stats.keyPositions[index] = (stats.keyPositions[index] ?? 0) + 1;
    });
    if (question.type === 'multiple') {
      const keys = question.options.filter((o) => o.correct).length;
      stats.keysPerMultiple[keys] = (stats.keysPerMultiple[keys] ?? 0) + 1;
    } else {
      countKeyLength(stats.keyLength, question.options);
    }
  }
  stats.keyPositions = Array.from(stats.keyPositions, (count) => count ?? 0);
  return stats;
}

/** Test-wise candidates pick the longest (or avoid the shortest) option; count when that works. */
function countKeyLength(counts: BankStats['keyLength'], options: readonly ChoiceOption[]): void {
  const key = options.find((o) => o.correct);
  if (!key) return;
  const others = options.filter((o) => o !== key).map((o) => o.text.trim().length);
  const length = key.text.trim().length;
  counts.items += 1;
  counts.byChance += 1 / options.length;
  if (others.every((other) => length > other)) counts.longest += 1;
  if (others.every((other) => length < other)) counts.shortest += 1;
}

/** The largest share of keys held by one option position, 0..1. */
export function largestKeyShare(stats: BankStats): number {
  const total = stats.keyPositions.reduce((a, b) => a + b, 0);
  return total ? Math.max(...stats.keyPositions) / total : 0;
}

const percentOf = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

export function formatStats(stats: BankStats): string[] {
  const keys = stats.keyPositions.reduce((a, b) => a + b, 0);
  return [
    `types: ${Object.entries(stats.byType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')}`,
    `difficulty: ${Object.entries(stats.byDifficulty)
      .map(([d, n]) => `${d}:${n}`)
      .join(' ')}`,
    `correct-option positions: ${stats.keyPositions.map((n, i) => `${String.fromCharCode(65 + i)} ${n} (${percentOf(n, keys)}%)`).join(', ') || 'none'}`,
    ...formatBalance(stats),
  ];
}

/** The figures a test-wise candidate could exploit, for a person to judge. */
function formatBalance({ trueFalse, keysPerMultiple, keyLength }: BankStats): string[] {
  const keyCounts = Object.entries(keysPerMultiple)
    .map(([count, items]) => `${count} key${count === '1' ? '' : 's'} ×${items}`)
    .join(', ');
  const { items, longest, shortest, byChance } = keyLength;
  return [
    trueFalse.total
      ? `true/false items whose answer is true: ${trueFalse.true} of ${trueFalse.total} (${percentOf(trueFalse.true, trueFalse.total)}%)`
      : 'true/false items: none',
    `multiple-choice keys per item: ${keyCounts || 'none'}`,
    items
      ? `single-choice key is the longest option in ${longest} of ${items} (${percentOf(longest, items)}%), the shortest in ${shortest} (${percentOf(shortest, items)}%); blind chance about ${percentOf(byChance, items)}% each`
      : 'single-choice items: none',
  ];
}
