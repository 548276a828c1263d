/**
 * A match's score in words a manager can act on. Scores are sums of IDF-weighted term weights:
 * on real descriptions a line whose skill words name the bank outright scores 3 or more, a line
 * with one telling word about 1.5, and anything lower rests on loose words.
 */
export type MatchConfidence = 'strong' | 'fair' | 'weak';

const STRONG_FROM = 3;
const FAIR_FROM = 1.5;

export function matchConfidence(score: number): MatchConfidence {
  if (score >= STRONG_FROM) return 'strong';
  if (score >= FAIR_FROM) return 'fair';
  return 'weak';
}
