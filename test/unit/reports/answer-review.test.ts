import type { DrawnQuestion } from '../../../src/quiz/attempt-draw';
import { reviewAnswer } from '../../../src/reports/answer-review';
import { sample } from '../../helpers/questions';

const drawn = (orders: Partial<DrawnQuestion> = {}): DrawnQuestion => ({
  questionId: 'q',
  version: 1,
  skill: 'http',
  position: 0,
  optionOrder: null,
  matchOrder: null,
  ...orders,
});

describe("reviewing a candidate's answer", () => {
  it('lists the choices in the order the candidate saw them, marking the pick and the key', () => {
    // Bank order: 404 (key), 403, 410, 400.
    const review = reviewAnswer(sample('single'), drawn({ optionOrder: [2, 0, 3, 1] }), {
      type: 'single',
      choice: 1,
    });
    expect(review).toEqual({
      type: 'single',
      choices: [
        { text: '410', picked: false, correct: false },
        { text: '404', picked: false, correct: true },
        { text: '400', picked: false, correct: false },
        { text: '403', picked: true, correct: false },
      ],
    });
  });

  it('marks every pick of a multiple-choice answer, and none when unanswered', () => {
    const question = sample('multiple');
    const picked = reviewAnswer(question, drawn({ optionOrder: [3, 2, 1, 0] }), {
      type: 'multiple',
      choices: [0, 3],
    });
    expect(
      picked.type === 'multiple' && picked.choices.map((c) => [c.text, c.picked, c.correct]),
    ).toEqual([
      ['DELETE', true, false],
      ['POST', false, false],
      ['HEAD', false, true],
      ['GET', true, true],
    ]);
    const none = reviewAnswer(question, drawn({ optionOrder: [0, 1, 2, 3] }), null);
    expect(none.type === 'multiple' && none.choices.some((c) => c.picked)).toBe(false);
  });

  it('gives each matching item the answer the candidate chose and the right one', () => {
    const review = reviewAnswer(sample('matching'), drawn({ matchOrder: [3, 2, 1, 0] }), {
      type: 'matching',
      matches: [0, 3, null],
    });
    expect(review).toEqual({
      type: 'matching',
      pairs: [
        { item: '401', given: 'Unauthenticated', key: 'Unauthenticated' },
        { item: '403', given: 'Teapot', key: 'Forbidden' },
        { item: '404', given: null, key: 'Not Found' },
      ],
    });
  });

  it('passes the typed answers of the other types through', () => {
    expect(
      reviewAnswer(sample('true_false'), drawn(), { type: 'true_false', value: false }),
    ).toEqual({
      type: 'true_false',
      given: false,
    });
    expect(reviewAnswer(sample('numeric'), drawn(), null)).toEqual({
      type: 'numeric',
      given: null,
    });
    expect(
      reviewAnswer(sample('essay'), drawn(), { type: 'essay', text: 'Hash the token.' }),
    ).toEqual({
      type: 'essay',
      given: 'Hash the token.',
    });
    expect(
      reviewAnswer(sample('short_text'), drawn(), { type: 'short_text', text: 'Cookie' }),
    ).toEqual({
      type: 'short_text',
      given: 'Cookie',
    });
  });
});
