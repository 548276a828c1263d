import type { Bank, QuestionType } from './question.schemas';

export interface BankStats {
  total: number;
  byType: Partial<Record<QuestionType, number>>;
  byDifficulty: Record<number, number>;
  /** How many keys sit at each option position (single: its key; multiple: every correct option). */
  keyPositions: number[];
}

export function bankStats(bank: Bank): BankStats {
  const stats: BankStats = {
    total: bank.questions.length,
    byType: {},
    byDifficulty: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    keyPositions: [],
  };
  for (const question of bank.questions) {
    stats.byType[question.type] = (stats.byType[question.type] ?? 0) + 1;
    stats.byDifficulty[question.difficulty] = (stats.byDifficulty[question.difficulty] ?? 0) + 1;
    if (question.type !== 'single' && question.type !== 'multiple') continue;
    question.options.forEach((option, index) => {
      if (option.correct) stats.keyPositions[index] = (stats.keyPositions[index] ?? 0) + 1;
    });
  }
  stats.keyPositions = Array.from(stats.keyPositions, (count) => count ?? 0);
  return stats;
}

/** The largest share of keys held by one option position, 0..1. */
export function largestKeyShare(stats: BankStats): number {
  const total = stats.keyPositions.reduce((a, b) => a + b, 0);
  return total ? Math.max(...stats.keyPositions) / total : 0;
}

export function formatStats(stats: BankStats): string[] {
  const keys = stats.keyPositions.reduce((a, b) => a + b, 0);
  const percent = (n: number) => (keys ? Math.round((n / keys) * 100) : 0);
  return [
    `types: ${Object.entries(stats.byType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')}`,
    `difficulty: ${Object.entries(stats.byDifficulty)
      .map(([d, n]) => `${d}:${n}`)
      .join(' ')}`,
    `correct-option positions: ${stats.keyPositions.map((n, i) => `${String.fromCharCode(65 + i)} ${n} (${percent(n)}%)`).join(', ') || 'none'}`,
  ];
}
