import type { Question } from '../../../src/banks/question.schemas';
import {
  ANSWER_FIELDS,
  ESSAY_MAX_LENGTH,
  SHORT_TEXT_MAX_LENGTH,
  isAnswered,
  matchField,
  parseAnswerForm,
  responseToFormValues,
  type AnswerFormResult,
} from '../../../src/quiz/answer-form';
import { presentQuestion, type DrawnQuestion } from '../../../src/quiz/attempt-draw';
import type { QuestionResponse } from '../../../src/scoring/question-scoring';
import { sample } from '../../helpers/questions';

const base = { questionId: 'q', version: 1, skill: 's', position: 0 };
const unshuffled: DrawnQuestion = { ...base, optionOrder: null, matchOrder: null };
/** Options shown as 410, 404, 400, 403. */
const shuffledOptions: DrawnQuestion = { ...base, optionOrder: [2, 0, 3, 1], matchOrder: null };
/** Answers shown as Teapot, Forbidden, Unauthenticated, Not Found. */
const shuffledMatches: DrawnQuestion = { ...base, optionOrder: null, matchOrder: [3, 1, 0, 2] };

function response(result: AnswerFormResult): QuestionResponse {
  if (!result.ok) throw new Error(`expected an answer, got: ${result.message}`);
  return result.response;
}

function message(result: AnswerFormResult): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.response)}`);
  return result.message;
}

describe('reading a choice', () => {
  const single = sample('single');

  it('maps the displayed option back to the original one', () => {
    // Displayed index 1 is "404", the original option 0.
    const result = parseAnswerForm(single, shuffledOptions, { choice: '1' });
    expect(response(result)).toEqual({ type: 'single', choice: 0 });
  });

  it('reads the original index directly when options are not shuffled', () => {
    expect(response(parseAnswerForm(single, unshuffled, { choice: '3' }))).toEqual({
      type: 'single',
      choice: 3,
    });
  });

  it('refuses an option the question does not have', () => {
    for (const choice of ['4', '-1', '1.5', 'abc', '99999']) {
      expect(message(parseAnswerForm(single, shuffledOptions, { choice }))).toBe(
        'That choice is not one of the answers shown. Reload the page and answer again.',
      );
    }
  });

  it('refuses two answers to a one-answer question', () => {
    expect(message(parseAnswerForm(single, unshuffled, { choice: ['0', '1'] }))).toMatch(
      /^Only one answer can be sent here\./,
    );
  });

  it('refuses a field that is not text', () => {
    expect(message(parseAnswerForm(single, unshuffled, { choice: { a: '1' } }))).toMatch(
      /^Your answer could not be read\./,
    );
  });

  it('maps every ticked option back, in original order, each once', () => {
    const multiple = sample('multiple');
    const result = parseAnswerForm(multiple, shuffledOptions, { choices: ['3', '0', '3', ''] });
    // Displayed 3 is original 1, displayed 0 is original 2.
    expect(response(result)).toEqual({ type: 'multiple', choices: [1, 2] });
    expect(response(parseAnswerForm(multiple, unshuffled, { choices: '2' }))).toEqual({
      type: 'multiple',
      choices: [2],
    });
  });

  it('refuses a ticked option the question does not have', () => {
    const multiple = sample('multiple');
    expect(message(parseAnswerForm(multiple, unshuffled, { choices: ['0', '7'] }))).toMatch(
      /not one of the answers shown/,
    );
  });
});

describe('reading true or false', () => {
  const question = sample('true_false');

  it('reads true and false', () => {
    expect(response(parseAnswerForm(question, unshuffled, { value: 'true' }))).toEqual({
      type: 'true_false',
      value: true,
    });
    expect(response(parseAnswerForm(question, unshuffled, { value: 'false' }))).toEqual({
      type: 'true_false',
      value: false,
    });
  });

  it('refuses any other value', () => {
    for (const value of ['yes', '1', 'TRUEISH']) {
      expect(message(parseAnswerForm(question, unshuffled, { value }))).toBe(
        'Choose true or false.',
      );
    }
  });
});

describe('reading text', () => {
  it('keeps a short answer as typed', () => {
    const result = parseAnswerForm(sample('short_text'), unshuffled, { text: '  Cookie ' });
    expect(response(result)).toEqual({ type: 'short_text', text: '  Cookie ' });
  });

  it('accepts a short answer up to the limit and refuses a longer one', () => {
    const question = sample('short_text');
    const atLimit = 'x'.repeat(SHORT_TEXT_MAX_LENGTH);
    expect(SHORT_TEXT_MAX_LENGTH).toBe(500);
    expect(parseAnswerForm(question, unshuffled, { text: atLimit }).ok).toBe(true);
    expect(message(parseAnswerForm(question, unshuffled, { text: `${atLimit}y` }))).toBe(
      'Your answer is too long: at most 500 characters (it has 501). Shorten it and save again.',
    );
  });

  it('accepts an essay up to the limit and refuses a longer one', () => {
    const question = sample('essay');
    const atLimit = 'x'.repeat(ESSAY_MAX_LENGTH);
    expect(ESSAY_MAX_LENGTH).toBe(20_000);
    expect(parseAnswerForm(question, unshuffled, { text: atLimit }).ok).toBe(true);
    expect(message(parseAnswerForm(question, unshuffled, { text: `${atLimit}y` }))).toMatch(
      /at most 20,000 characters \(it has 20,001\)/,
    );
  });

  it('counts a browser line break as one character, as maxlength does', () => {
    const question = sample('short_text');
    const text = `${'x'.repeat(SHORT_TEXT_MAX_LENGTH - 1)}\r\n`;
    expect(response(parseAnswerForm(question, unshuffled, { text }))).toEqual({
      type: 'short_text',
      text: `${'x'.repeat(SHORT_TEXT_MAX_LENGTH - 1)}\n`,
    });
  });
});

describe('reading a number', () => {
  const question = sample('numeric');
  const read = (number: string) => parseAnswerForm(question, unshuffled, { number });

  it('reads integers, decimals, signs and exponents', () => {
    const cases: [string, number][] = [
      ['42', 42],
      ['-0.25', -0.25],
      ['+3', 3],
      ['.5', 0.5],
      ['1e3', 1000],
      ['2.5E-3', 0.0025],
    ];
    for (const [typed, value] of cases) {
      expect(response(read(typed))).toEqual({ type: 'numeric', value });
    }
  });

  it('accepts a decimal comma and surrounding spaces', () => {
    expect(response(read(' 3,5 '))).toEqual({ type: 'numeric', value: 3.5 });
    expect(response(read('0,125'))).toEqual({ type: 'numeric', value: 0.125 });
  });

  it('accepts full-width digits and a typographic minus sign', () => {
    expect(response(read('４２'))).toEqual({ type: 'numeric', value: 42 });
    expect(response(read('\u22127'))).toEqual({ type: 'numeric', value: -7 });
  });

  it('asks which number was meant when a comma could separate thousands', () => {
    expect(message(read('3,500'))).toBe('"3,500" is unclear: write 3500 or 3.5.');
  });

  it('refuses text that is not a number', () => {
    for (const typed of ['abc', '3.5.1', '1 000', '1,000,000', '0x10', 'Infinity', '3,5,']) {
      expect(message(read(typed))).toBe(
        `"${typed}" is not a number. Write digits, like 42 or 3.5.`,
      );
    }
  });

  it('refuses a number too large to store', () => {
    expect(message(read('1e999'))).toBe('That number is too large.');
  });
});

describe('reading matches', () => {
  const question = sample('matching');

  it('maps each displayed answer back to the answer list', () => {
    const fields = { [matchField(0)]: '2', [matchField(1)]: '1', [matchField(2)]: '3' };
    expect(response(parseAnswerForm(question, shuffledMatches, fields))).toEqual({
      type: 'matching',
      matches: [0, 1, 2],
    });
  });

  it('leaves an item without a pick unanswered and ignores fields beyond the items', () => {
    const fields = { [matchField(1)]: '0', [matchField(5)]: '1' };
    expect(response(parseAnswerForm(question, shuffledMatches, fields))).toEqual({
      type: 'matching',
      matches: [null, 3, null],
    });
  });

  it('refuses an answer the list does not have', () => {
    expect(message(parseAnswerForm(question, shuffledMatches, { 'match.0': '4' }))).toMatch(
      /not one of the answers shown/,
    );
  });
});

describe('an empty form', () => {
  const empty: [Question, QuestionResponse][] = [
    [sample('single'), { type: 'single', choice: null }],
    [sample('multiple'), { type: 'multiple', choices: [] }],
    [sample('true_false'), { type: 'true_false', value: null }],
    [sample('short_text'), { type: 'short_text', text: '' }],
    [sample('numeric'), { type: 'numeric', value: null }],
    [sample('essay'), { type: 'essay', text: '' }],
    [sample('matching'), { type: 'matching', matches: [null, null, null] }],
  ];

  it.each(empty.map(([question, expected]) => [question.type, question, expected] as const))(
    '%s: takes an empty form as a valid, unanswered response',
    (_type, question, expected) => {
      const result = response(parseAnswerForm(question, shuffledOptions, {}));
      expect(result).toEqual(expected);
      expect(isAnswered(result)).toBe(false);
    },
  );

  it('treats blank fields like missing ones', () => {
    const blanks = { choice: ' ', value: '', number: '  ', 'match.0': '' };
    expect(response(parseAnswerForm(sample('single'), unshuffled, blanks))).toEqual({
      type: 'single',
      choice: null,
    });
    expect(isAnswered({ type: 'essay', text: ' \n ' })).toBe(false);
  });
});

describe('showing a saved answer again', () => {
  const saved: [Question, DrawnQuestion, Record<string, unknown>][] = [
    [sample('single'), shuffledOptions, { choice: '2' }],
    [sample('multiple'), shuffledOptions, { choices: ['0', '3'] }],
    [sample('true_false'), unshuffled, { value: 'false' }],
    [sample('short_text'), unshuffled, { text: 'Cookie' }],
    [sample('numeric'), unshuffled, { number: '-2.5' }],
    [sample('essay'), unshuffled, { text: 'Line one\nline two' }],
    [sample('matching'), shuffledMatches, { 'match.0': '2', 'match.1': '', 'match.2': '0' }],
  ];

  it.each(saved.map(([question, ...rest]) => [question.type, question, ...rest] as const))(
    '%s: shows a saved answer again as the values the candidate sent',
    (_type, question, drawn, fields) => {
      const answer = response(parseAnswerForm(question, drawn, fields));
      expect(isAnswered(answer)).toBe(true);
      expect(responseToFormValues(question, drawn, answer)).toEqual(fields);
    },
  );

  it('shows a saved choice at the place the candidate saw it', () => {
    const values = responseToFormValues(sample('single'), shuffledOptions, {
      type: 'single',
      choice: 0,
    });
    const shown = presentQuestion(sample('single'), shuffledOptions);
    expect(values).toEqual({ [ANSWER_FIELDS.choice]: '1' });
    expect(shown.choices[1]).toBe('404');
  });

  it('shows a number typed with a decimal comma as the number it was read as', () => {
    const answer = response(parseAnswerForm(sample('numeric'), unshuffled, { number: '3,5' }));
    expect(responseToFormValues(sample('numeric'), unshuffled, answer)).toEqual({ number: '3.5' });
  });

  it('refuses an answer of another type', () => {
    expect(() =>
      responseToFormValues(sample('single'), unshuffled, { type: 'essay', text: 'x' }),
    ).toThrow();
  });
});
