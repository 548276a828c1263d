import {
  QUESTION_TYPES,
  type NumericRange,
  type Question,
  type QuestionType,
} from './question.schemas';

/**
 * The question editor posts flat form fields whose names are the schema paths
 * (`options.2.text`, `pairs.0.answer`), so a zod error path is also the name of the field it
 * belongs to. This module turns those fields into a question object and back.
 */

export type FormBody = Record<string, string | string[] | undefined>;
export type FormValues = Record<string, string>;

export const MIN_ROWS = 4;
export const MAX_ROWS = 10;

/** One posted field; browsers send textarea line breaks as `\r\n`, stored as `\n`. */
function field(body: FormBody, name: string): string {
  const value = body[name];
  const text = (Array.isArray(value) ? value[value.length - 1] : value)?.toString() ?? '';
  return text.replace(/\r\n?/g, '\n');
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A number when the text is one, else the text itself, so zod reports "must be a number". */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : trimmed;
}

/** Row indexes present in the form, up to the last row with anything in it. */
function usedRows(body: FormBody, prefix: string, fields: string[]): number[] {
  let last = -1;
  for (let i = 0; i < MAX_ROWS; i += 1) {
    if (fields.some((f) => field(body, `${prefix}.${i}.${f}`).trim())) last = i;
  }
  return Array.from({ length: last + 1 }, (_, i) => i);
}

export function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === 'string' && (QUESTION_TYPES as readonly string[]).includes(value);
}

/** One line of the numeric alternatives box: `1.5 ± 0.5 : 50` or `1..2 : 50`. */
function parseAlternative(line: string): NumericRange | string {
  const match =
    /^(-?[\d.]+)\s*(?:(?:±|\+-|\+\/-)\s*([\d.]+)|\.\.\s*(-?[\d.]+))?\s*:\s*([\d.]+)\s*%?$/.exec(
      line,
    );
  if (!match) return line;
  const [, first, tolerance, max, credit] = match;
  const range: NumericRange =
    max !== undefined ? { min: Number(first), max: Number(max) } : { answer: Number(first) };
  if (tolerance !== undefined) range.tolerance = Number(tolerance);
  range.credit = Number(credit);
  return range;
}

export function formatAlternative(range: NumericRange): string {
  const where =
    range.answer !== undefined
      ? `${range.answer}${range.tolerance ? ` ± ${range.tolerance}` : ''}`
      : `${range.min}..${range.max}`;
  return `${where} : ${range.credit}`;
}

/** The posted editor form as an unvalidated question of the given type. */
export function questionFromForm(
  type: QuestionType,
  body: FormBody,
  id: string,
): Record<string, unknown> {
  const question: Record<string, unknown> = {
    id,
    type,
    difficulty: numberOrText(field(body, 'difficulty')),
    points: numberOrText(field(body, 'points')) ?? 1,
    tags: field(body, 'tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    prompt: field(body, 'prompt'),
    explanation: field(body, 'explanation'),
    references: lines(field(body, 'references')),
  };
  // Left out when empty: both are optional, and an empty string is not a valid value.
  for (const name of ['group', 'reviewed']) {
    const value = field(body, name).trim();
    if (value) question[name] = value;
  }
  switch (type) {
    case 'single':
    case 'multiple':
      question.options = usedRows(body, 'options', ['text', 'weight']).map((i) => {
        const option: Record<string, unknown> = {
          text: field(body, `options.${i}.text`),
          correct:
            type === 'single'
              ? field(body, 'correct') === String(i)
              : field(body, `options.${i}.correct`) === 'on',
        };
        const weight = numberOrText(field(body, `options.${i}.weight`));
        if (type === 'multiple' && weight !== undefined) option.weight = weight;
        return option;
      });
      break;
    case 'true_false': {
      const answer = field(body, 'answer');
      question.answer = answer === 'true' ? true : answer === 'false' ? false : undefined;
      break;
    }
    case 'short_text':
      question.accepted = lines(field(body, 'accepted'));
      question.pattern = field(body, 'pattern').trim() || undefined;
      question.case_sensitive = field(body, 'case_sensitive') === 'on';
      break;
    case 'numeric': {
      const range = field(body, 'numeric_mode') === 'range';
      for (const name of range ? ['min', 'max'] : ['answer', 'tolerance']) {
        const value = numberOrText(field(body, name));
        if (value !== undefined) question[name] = value;
      }
      const alternatives = lines(field(body, 'alternatives')).map(parseAlternative);
      if (alternatives.length) question.alternatives = alternatives;
      break;
    }
    case 'essay':
      question.rubric = field(body, 'rubric');
      break;
    case 'matching':
      question.pairs = usedRows(body, 'pairs', ['prompt', 'answer']).map((i) => ({
        prompt: field(body, `pairs.${i}.prompt`),
        answer: field(body, `pairs.${i}.answer`),
      }));
      question.distractors = lines(field(body, 'distractors'));
      break;
  }
  return question;
}

/** A stored question as the editor's field values. */
export function formFromQuestion(question: Question): FormValues {
  const values: FormValues = {
    id: question.id,
    difficulty: String(question.difficulty),
    points: String(question.points),
    tags: question.tags.join(', '),
    prompt: question.prompt,
    explanation: question.explanation,
    references: question.references.join('\n'),
    group: question.group ?? '',
    reviewed: question.reviewed ?? '',
  };
  switch (question.type) {
    case 'single':
    case 'multiple':
      question.options.forEach((option, i) => {
        values[`options.${i}.text`] = option.text;
        if (option.correct)
          values[question.type === 'single' ? 'correct' : `options.${i}.correct`] =
            question.type === 'single' ? String(i) : 'on';
        if (option.weight !== undefined) values[`options.${i}.weight`] = String(option.weight);
      });
      break;
    case 'true_false':
      values.answer = String(question.answer);
      break;
    case 'short_text':
      values.accepted = question.accepted.join('\n');
      values.pattern = question.pattern ?? '';
      if (question.case_sensitive) values.case_sensitive = 'on';
      break;
    case 'numeric':
      values.numeric_mode = question.answer === undefined ? 'range' : 'exact';
      for (const name of ['answer', 'tolerance', 'min', 'max'] as const) {
        if (question[name] !== undefined) values[name] = String(question[name]);
      }
      values.alternatives = (question.alternatives ?? []).map(formatAlternative).join('\n');
      break;
    case 'essay':
      values.rubric = question.rubric;
      break;
    case 'matching':
      question.pairs.forEach((pair, i) => {
        values[`pairs.${i}.prompt`] = pair.prompt;
        values[`pairs.${i}.answer`] = pair.answer;
      });
      values.distractors = question.distractors.join('\n');
      break;
  }
  return values;
}

/** Posted field values, kept as typed, to re-render the form after an error or a preview. */
export function formValuesFrom(body: FormBody): FormValues {
  const values: FormValues = {};
  for (const name of Object.keys(body)) {
    if (name !== '_csrf' && name !== 'action') values[name] = field(body, name);
  }
  return values;
}

/** How many option or pair rows the form shows: the filled ones plus two blanks. */
export function rowCount(values: FormValues, prefix: 'options' | 'pairs'): number {
  let filled = 0;
  for (let i = 0; i < MAX_ROWS; i += 1) {
    if (Object.keys(values).some((k) => k.startsWith(`${prefix}.${i}.`) && values[k]))
      filled = i + 1;
  }
  return Math.min(MAX_ROWS, Math.max(MIN_ROWS, filled + 2));
}
