import {
  evidenceConfidence,
  matchConfidence,
  storedConfidence,
  type MatchEvidence,
} from '../../../src/jd/match-confidence';

describe('a match score in words', () => {
  it.each([
    [7, 'strong'],
    [3, 'strong'],
    [2.18, 'fair'],
    [1.5, 'fair'],
    [1.45, 'weak'],
    [0.5, 'weak'],
  ])('calls %p a %s match', (score, word) => {
    expect(matchConfidence(score)).toBe(word);
  });
});

describe('confidence from the evidence behind a score', () => {
  const evidence = (overrides: Partial<MatchEvidence>): MatchEvidence => ({
    score: 1,
    tellingTerms: 0,
    standInOnly: false,
    mustName: false,
    ...overrides,
  });

  it('lets one telling keyword make a low score fair, and loose words alone stay weak', () => {
    expect(evidenceConfidence(evidence({ tellingTerms: 1 }))).toBe('fair');
    expect(evidenceConfidence(evidence({}))).toBe('weak');
    expect(evidenceConfidence(evidence({ score: 3.2, tellingTerms: 2 }))).toBe('strong');
  });

  it('calls a bank that only stands in for a technology fair, however high its score', () => {
    expect(evidenceConfidence(evidence({ score: 4, standInOnly: true }))).toBe('fair');
    expect(evidenceConfidence(evidence({ score: 0.9, standInOnly: true }))).toBe('fair');
  });

  it('calls loose words weak where the line has to name the skill, whatever they add up to', () => {
    expect(evidenceConfidence(evidence({ score: 2 }))).toBe('fair');
    expect(evidenceConfidence(evidence({ score: 2, mustName: true }))).toBe('weak');
    expect(evidenceConfidence(evidence({ score: 2, mustName: true, tellingTerms: 1 }))).toBe(
      'fair',
    );
  });
});

describe('the confidence of a saved match', () => {
  it('is the one saved with it, or for older matches the one its score gives', () => {
    expect(storedConfidence({ score: 1, confidence: 'fair' })).toBe('fair');
    expect(storedConfidence({ score: 3.4 })).toBe('strong');
  });
});
