import { matchConfidence } from '../../../src/jd/match-confidence';

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
