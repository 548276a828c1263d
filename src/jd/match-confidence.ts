/**
 * A match's confidence in words a manager can act on. Scores are sums of IDF-weighted term
 * weights: on real descriptions a line whose skill words name the bank outright scores 3 or more,
 * a line with one telling word about 1.5, and anything lower rests on loose words. The evidence
 * behind a score refines that: a whole keyword that few banks hold is telling on its own, a bank
 * that only stands in for a technology without a bank is fair, never strong, and some lines
 * (responsibilities, prose outside the skill sections) have to name the skill.
 */
export type MatchConfidence = 'strong' | 'fair' | 'weak';

const STRONG_FROM = 3;
const FAIR_FROM = 1.5;

export function matchConfidence(score: number): MatchConfidence {
  if (score >= STRONG_FROM) return 'strong';
  if (score >= FAIR_FROM) return 'fair';
  return 'weak';
}

export interface MatchEvidence {
  score: number;
  /** Terms of the line that the bank holds as its own keyword and few other banks do. */
  tellingTerms: number;
  /** Every anchor is a technology the bank only stands in for. */
  standInOnly: boolean;
  /** The line has to name the skill: loose words that add up do not count there. */
  mustName: boolean;
}

export function evidenceConfidence(evidence: MatchEvidence): MatchConfidence {
  const named = evidence.tellingTerms > 0 || evidence.standInOnly;
  if (evidence.mustName && !named) return 'weak';
  const level = matchConfidence(evidence.score);
  if (evidence.standInOnly) return 'fair';
  return level === 'weak' && named ? 'fair' : level;
}

/** Matches stored before confidence was: their confidence follows from the score alone. */
export function storedConfidence(match: {
  score: number;
  confidence?: MatchConfidence;
}): MatchConfidence {
  return match.confidence ?? matchConfidence(match.score);
}
