import { onlyKeyChanged } from '../../../src/scoring/key-correction';
import { sample } from '../../helpers/questions';

describe('telling a key correction from a changed question', () => {
  const shown = sample('single', { id: 'q' });

  it('accepts a version that only moves the key or rewrites the explanation', () => {
    const options = shown.type === 'single' ? shown.options : [];
    const rekeyed = sample('single', {
      id: 'q',
      options: options.map((o, i) => ({ text: o.text, correct: i === 1 })),
      explanation: 'The key was wrong: 403 is right here.',
    });
    expect(onlyKeyChanged(shown, rekeyed)).toBe(true);
  });

  it('refuses a version whose prompt, options or type changed', () => {
    expect(onlyKeyChanged(shown, sample('single', { id: 'q', prompt: 'Another prompt' }))).toBe(
      false,
    );
    const options = shown.type === 'single' ? shown.options : [];
    const reordered = sample('single', { id: 'q', options: [...options].reverse() });
    expect(onlyKeyChanged(shown, reordered)).toBe(false);
    expect(onlyKeyChanged(shown, sample('multiple', { id: 'q' }))).toBe(false);
  });

  it('accepts a corrected true/false answer and numeric tolerance', () => {
    const statement = sample('true_false', { id: 't' });
    expect(onlyKeyChanged(statement, sample('true_false', { id: 't', answer: false }))).toBe(true);
    const numeric = sample('numeric', { id: 'n' });
    expect(onlyKeyChanged(numeric, sample('numeric', { id: 'n', tolerance: 5 }))).toBe(true);
  });
});
