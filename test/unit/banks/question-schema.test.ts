import { qualityProblems, questionSchema } from '../../../src/banks/question.schemas';
import { sampleQuestions } from '../../helpers/questions';

function problems(input: unknown): string[] {
  const result = questionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('question schema', () => {
  it.each(Object.entries(sampleQuestions))(
    'accepts a valid %s question with defaults filled in',
    (_type, input) => {
      const parsed = questionSchema.parse(input);
      expect(parsed.tags).toEqual([]);
      expect(parsed.points).toBe('points' in input ? input.points : 1);
    },
  );

  it('refuses an unknown type', () => {
    expect(problems({ ...sampleQuestions.single, type: 'ranking' }).join()).toMatch(/type/);
  });

  it('refuses a single-choice question with no correct option or with two', () => {
    const none = {
      ...sampleQuestions.single,
      options: sampleQuestions.single.options.map((o) => ({ text: o.text })),
    };
    expect(problems(none)).toContain(
      'options: A single-choice question needs exactly one correct option (has 0).',
    );
    const two = {
      ...sampleQuestions.single,
      options: [
        { text: 'a', correct: true },
        { text: 'b', correct: true },
      ],
    };
    expect(problems(two)).toContain(
      'options: A single-choice question needs exactly one correct option (has 2).',
    );
  });

  it('refuses an empty option and a repeated option, naming the row', () => {
    const options = [{ text: '404', correct: true }, { text: '   ' }, { text: '404 ' }];
    const found = problems({ ...sampleQuestions.single, options });
    expect(found).toContain('options.1.text: Option text must not be empty.');
  });

  it('refuses options that repeat each other, ignoring case', () => {
    const options = [{ text: 'GET', correct: true }, { text: 'get' }, { text: 'POST' }];
    expect(problems({ ...sampleQuestions.single, options })).toContain(
      'options.1.text: Option 2 repeats option 1.',
    );
  });

  it('refuses a multiple-choice question with no correct option', () => {
    const options = [{ text: 'a' }, { text: 'b' }];
    expect(problems({ ...sampleQuestions.multiple, options })).toContain(
      'options: Mark at least one option as correct.',
    );
  });

  it('requires weights of a multiple-choice question to add up to 100 and agree with correct', () => {
    const off = [
      { text: 'a', correct: true, weight: 50 },
      { text: 'b', correct: true, weight: 40 },
      { text: 'c', weight: -100 },
    ];
    expect(problems({ ...sampleQuestions.multiple, options: off })).toContain(
      'options: Positive weights must add up to 100 (they add up to 90).',
    );
    const contradict = [
      { text: 'a', correct: true, weight: 100 },
      { text: 'b', weight: 50 },
    ];
    expect(problems({ ...sampleQuestions.multiple, options: contradict }).join()).toMatch(
      /options.1.weight/,
    );
    const thirds = [
      { text: 'a', correct: true, weight: 33.33333 },
      { text: 'b', correct: true, weight: 33.33333 },
      { text: 'c', correct: true, weight: 33.33333 },
      { text: 'd', weight: -100 },
    ];
    expect(problems({ ...sampleQuestions.multiple, options: thirds })).toEqual([]);
  });

  it('refuses a difficulty outside 1 to 5 and a fractional one', () => {
    expect(problems({ ...sampleQuestions.single, difficulty: 6 })).toContain(
      'difficulty: difficulty must be from 1 to 5.',
    );
    expect(problems({ ...sampleQuestions.single, difficulty: 2.5 })).toContain(
      'difficulty: difficulty must be a whole number from 1 to 5.',
    );
  });

  it('refuses a true/false question without a boolean answer', () => {
    expect(problems({ ...sampleQuestions.true_false, answer: 'yes' })).toContain(
      'answer: answer must be true or false.',
    );
  });

  it('refuses a short-text question with nothing to accept, and an invalid pattern', () => {
    expect(problems({ ...sampleQuestions.short_text, accepted: [] })).toContain(
      'accepted: Give at least one accepted answer or a pattern.',
    );
    expect(problems({ ...sampleQuestions.short_text, pattern: '([a-z' }).join()).toMatch(
      /pattern is not a valid regular expression/,
    );
  });

  it('takes a numeric answer or a range, never both, and an ordered range', () => {
    expect(problems({ ...sampleQuestions.numeric, min: 1, max: 2 }).join()).toMatch(
      /either answer/,
    );
    const { answer: _answer, ...noAnswer } = sampleQuestions.numeric;
    expect(problems(noAnswer).join()).toMatch(/either answer/);
    expect(problems({ ...noAnswer, min: 5, max: 1 })).toContain(
      'min: min must not be greater than max.',
    );
    expect(problems({ ...noAnswer, min: 1 })).toContain('max: A range needs both min and max.');
    expect(problems({ ...sampleQuestions.numeric, tolerance: -1 })).toContain(
      'tolerance: Tolerance must not be negative.',
    );
    expect(problems({ ...sampleQuestions.numeric, alternatives: [{ answer: 7 }] })).toContain(
      'alternatives.0.credit: An alternative needs its credit in percent.',
    );
  });

  it('requires a rubric for an essay and at least two pairs for matching', () => {
    expect(problems({ ...sampleQuestions.essay, rubric: '' })).toContain(
      'rubric: Rubric must not be empty.',
    );
    expect(
      problems({ ...sampleQuestions.matching, pairs: [{ prompt: 'a', answer: 'b' }] }),
    ).toContain('pairs: A matching question needs at least 2 pairs.');
    expect(problems({ ...sampleQuestions.matching, distractors: ['Forbidden'] }).join()).toMatch(
      /also a correct answer/,
    );
  });

  it('refuses fields that do not belong to the type', () => {
    expect(problems({ ...sampleQuestions.true_false, options: [] }).join()).toMatch(
      /Unrecognized key/,
    );
  });

  it('takes an optional review month and exclusion group on every type', () => {
    for (const input of Object.values(sampleQuestions)) {
      const parsed = questionSchema.parse({
        ...input,
        reviewed: ' 2026-12 ',
        group: 'session-fixation',
      });
      expect(parsed).toMatchObject({ reviewed: '2026-12', group: 'session-fixation' });
      expect(questionSchema.parse(input)).not.toHaveProperty('reviewed');
    }
  });

  it.each([
    ['2026-13', 'reviewed: Give the review month as year and month, like 2026-12.'],
    ['2026-1', 'reviewed: Give the review month as year and month, like 2026-12.'],
    ['2026-12-01', 'reviewed: Give the review month as year and month, like 2026-12.'],
    [202612, 'reviewed: Give the review month as year and month, like 2026-12.'],
  ])('refuses the review month %p', (reviewed, message) => {
    expect(problems({ ...sampleQuestions.single, reviewed })).toEqual([message]);
  });

  it.each(['Session Fixation', 'session_fixation', '-fixation', 'a'.repeat(61)])(
    'refuses the group %p',
    (group) => {
      expect(problems({ ...sampleQuestions.single, group }).join()).toMatch(
        /^group: (Write the exclusion group as|The exclusion group is too long)/,
      );
    },
  );

  it('asks for an explanation on every type but essays, as a quality rule', () => {
    const noExplanation = questionSchema.parse({ ...sampleQuestions.single, explanation: '' });
    expect(qualityProblems(noExplanation)).toHaveLength(1);
    expect(qualityProblems(questionSchema.parse(sampleQuestions.essay))).toEqual([]);
  });
});
