import type { Question } from '../banks/question.schemas';
import { matchingAnswerList, type QuestionResponse } from '../scoring/question-scoring';
import { displayOrder, type DrawnQuestion } from './attempt-draw';

/**
 * One submitted answer form, read into a response in the question version's own indexes, and
 * back again to re-display a saved answer. Forms speak in displayed indexes (the shuffled
 * order the candidate saw); responses, scoring and reports speak in original ones.
 */

/** Form field names, shared with the question views and the quiz routes. */
export const ANSWER_FIELDS = {
  /** single: the displayed index of the chosen option. */
  choice: 'choice',
  /** multiple: repeated, one displayed index per ticked option. */
  choices: 'choices',
  /** true_false: "true" or "false". */
  value: 'value',
  /** short_text and essay. */
  text: 'text',
  /** numeric, as typed. */
  number: 'number',
} as const;

/** matching: the displayed index of the answer picked for item `item` (0-based, bank order). */
export function matchField(item: number): string {
  return `match.${item}`;
}

/** Lengths in UTF-16 code units, as a browser's maxlength counts them. */
export const SHORT_TEXT_MAX_LENGTH = 500;
export const ESSAY_MAX_LENGTH = 20_000;

export type AnswerFormValues = Record<string, string | string[]>;
export type AnswerFormResult =
  { ok: true; response: QuestionResponse } | { ok: false; message: string };
type Orders = Pick<DrawnQuestion, 'optionOrder' | 'matchOrder'>;

/** Thrown while reading a field; becomes the message of a refused form. */
class AnswerError extends Error {}

const RELOAD = 'Reload the page and answer again.';
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;
/** "3,500" is 3500 with a thousands separator or 3.5 with a decimal comma; only the candidate knows. */
const THOUSANDS_OR_DECIMAL = /^[+-]?[1-9]\d{0,2},\d{3}$/;
const UNICODE_MINUS = /\u2212/g;
const DISPLAYED_INDEX = /^\d{1,4}$/;

/** An empty form is a valid answer: the question stays unanswered. */
export function parseAnswerForm(
  question: Question,
  drawn: Orders,
  fields: Record<string, unknown>,
): AnswerFormResult {
  try {
    return { ok: true, response: readResponse(question, choiceOrder(question, drawn), fields) };
  } catch (error) {
    if (error instanceof AnswerError) return { ok: false, message: error.message };
    throw error;
  }
}

function readResponse(
  question: Question,
  order: number[],
  fields: Record<string, unknown>,
): QuestionResponse {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: readChoice(one(fields, ANSWER_FIELDS.choice), order) };
    case 'multiple':
      return { type: 'multiple', choices: readChoices(many(fields, ANSWER_FIELDS.choices), order) };
    case 'true_false':
      return { type: 'true_false', value: readBoolean(one(fields, ANSWER_FIELDS.value)) };
    case 'short_text':
      return {
        type: 'short_text',
        text: readText(one(fields, ANSWER_FIELDS.text), SHORT_TEXT_MAX_LENGTH),
      };
    case 'numeric':
      return { type: 'numeric', value: readNumber(one(fields, ANSWER_FIELDS.number)) };
    case 'essay':
      return { type: 'essay', text: readText(one(fields, ANSWER_FIELDS.text), ESSAY_MAX_LENGTH) };
    case 'matching':
      return {
        type: 'matching',
        matches: question.pairs.map((_, item) => readChoice(one(fields, matchField(item)), order)),
      };
  }
}

/** Original indexes in displayed order: of the options, or of the matching answer list. */
function choiceOrder(question: Question, drawn: Orders): number[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return displayOrder(drawn.optionOrder, question.options.length);
    case 'matching':
      return displayOrder(drawn.matchOrder, matchingAnswerList(question).length);
    default:
      return [];
  }
}

/** A field that holds one value; urlencoded bodies turn a repeated field into an array. */
function one(fields: Record<string, unknown>, name: string): string {
  const values = many(fields, name);
  if (values.length > 1) throw new AnswerError(`Only one answer can be sent here. ${RELOAD}`);
  return values[0] ?? '';
}

function many(fields: Record<string, unknown>, name: string): string[] {
  const value = fields[name];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((item): item is string => typeof item === 'string')) {
    throw new AnswerError(`Your answer could not be read. ${RELOAD}`);
  }
  return values;
}

function readChoice(raw: string, order: number[]): number | null {
  const text = raw.trim();
  if (!text) return null;
  const original = DISPLAYED_INDEX.test(text) ? order[Number(text)] : undefined;
  if (original === undefined) {
    throw new AnswerError(`That choice is not one of the answers shown. ${RELOAD}`);
  }
  return original;
}

/** Ticked options in original order, each once; hidden empty fields are ignored. */
function readChoices(raw: string[], order: number[]): number[] {
  const picked = raw.map((value) => readChoice(value, order));
  const chosen = picked.filter((index): index is number => index !== null);
  return [...new Set(chosen)].sort((a, b) => a - b);
}

function readBoolean(raw: string): boolean | null {
  const text = raw.trim();
  if (!text) return null;
  if (text === 'true' || text === 'false') return text === 'true';
  throw new AnswerError('Choose true or false.');
}

/** Browsers send line breaks as CRLF but count them as one character against maxlength. */
function readText(raw: string, maxLength: number): string {
  const text = raw.replace(/\r\n?/g, '\n');
  if (text.length > maxLength) {
    throw new AnswerError(
      `Your answer is too long: at most ${maxLength.toLocaleString('en-US')} characters (it has ${text.length.toLocaleString('en-US')}). Shorten it and save again.`,
    );
  }
  return text;
}

/**
 * Digits with an optional decimal point or comma ("3,5" is 3.5) and exponent. NFKC turns
 * full-width digits from phone keyboards into plain ones.
 */
function readNumber(raw: string): number | null {
  const text = raw.normalize('NFKC').replace(UNICODE_MINUS, '-').trim();
  if (!text) return null;
  if (THOUSANDS_OR_DECIMAL.test(text)) {
    const asThousands = Number(text.replace(',', ''));
    const asDecimal = Number(text.replace(',', '.'));
    throw new AnswerError(`"${text}" is unclear: write ${asThousands} or ${asDecimal}.`);
  }
  if (!NUMBER.test(text)) {
    throw new AnswerError(`"${shorten(text)}" is not a number. Write digits, like 42 or 3.5.`);
  }
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value)) throw new AnswerError('That number is too large.');
  return value;
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** A saved response as form values in displayed indexes, to show the answer again. */
export function responseToFormValues(
  question: Question,
  drawn: Orders,
  response: QuestionResponse,
): AnswerFormValues {
  if (response.type !== question.type) {
    throw new Error(`A ${response.type} answer does not belong to a ${question.type} question`);
  }
  const order = choiceOrder(question, drawn);
  const displayed = (original: number | null) =>
    original === null ? '' : String(order.indexOf(original));
  switch (response.type) {
    case 'single':
      return { [ANSWER_FIELDS.choice]: displayed(response.choice) };
    case 'multiple': {
      const shown = response.choices.map((choice) => order.indexOf(choice));
      return { [ANSWER_FIELDS.choices]: shown.sort((a, b) => a - b).map(String) };
    }
    case 'true_false':
      return { [ANSWER_FIELDS.value]: response.value === null ? '' : String(response.value) };
    case 'short_text':
    case 'essay':
      return { [ANSWER_FIELDS.text]: response.text };
    case 'numeric':
      return { [ANSWER_FIELDS.number]: response.value === null ? '' : String(response.value) };
    case 'matching':
      return Object.fromEntries(
        response.matches.map((match, item) => [matchField(item), displayed(match)]),
      );
  }
}

/** Whether the candidate gave any answer; a matching question counts once one item is matched. */
export function isAnswered(response: QuestionResponse): boolean {
  switch (response.type) {
    case 'single':
      return response.choice !== null;
    case 'multiple':
      return response.choices.length > 0;
    case 'true_false':
    case 'numeric':
      return response.value !== null;
    case 'short_text':
    case 'essay':
      return response.text.trim() !== '';
    case 'matching':
      return response.matches.some((match) => match !== null);
  }
}
