import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { z } from 'zod';

/**
 * The canonical shape of a question bank, shared by the YAML files, GIFT and CSV import, the
 * admin editor and the database. Every path into the system ends in `bankSchema` or
 * `questionSchema`, so one set of rules decides what a valid question is.
 */

export const QUESTION_TYPES = [
  'single',
  'multiple',
  'true_false',
  'short_text',
  'numeric',
  'essay',
  'matching',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const TYPE_LABELS: Record<QuestionType, string> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  true_false: 'True / false',
  short_text: 'Short text',
  numeric: 'Numeric',
  essay: 'Essay',
  matching: 'Matching',
};

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const QUESTION_ID_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
/** A year and month, `2026-12`: when a person last checked a question against current sources. */
export const REVIEWED_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const REVIEWED_FORMAT = 'Give the review month as year and month, like 2026-12.';
const GROUP_FORMAT =
  'Write the exclusion group as lower-case words joined by hyphens, like session-fixation.';

const text = (what: string, max: number) =>
  z
    .string({ required_error: `${what} is required.`, invalid_type_error: `${what} must be text.` })
    .trim()
    .min(1, `${what} must not be empty.`)
    .max(max, `${what} is too long (at most ${max} characters).`);

const markdown = (what: string) => text(what, 20_000);
const finite = (what: string) =>
  z
    .number({
      required_error: `${what} is required.`,
      invalid_type_error: `${what} must be a number.`,
    })
    .finite(`${what} must be a finite number.`);

export const optionSchema = z
  .object({
    text: text('Option text', 2_000),
    correct: z.boolean().default(false),
    /** Percent credit for picking this option (GIFT's ~%50%); only for `multiple`. */
    weight: finite('Weight')
      .min(-100, 'Weight must be between -100 and 100.')
      .max(100, 'Weight must be between -100 and 100.')
      .optional(),
  })
  .strict();

export const numericAnswerSchema = z
  .object({
    answer: finite('Answer').optional(),
    tolerance: finite('Tolerance').min(0, 'Tolerance must not be negative.').optional(),
    min: finite('Minimum').optional(),
    max: finite('Maximum').optional(),
    /** Percent credit when the value falls here (only on alternatives). */
    credit: finite('Credit')
      .gt(0, 'Credit must be more than 0%.')
      .max(100, 'Credit must be at most 100%.')
      .optional(),
  })
  .strict();

const commonFields = {
  id: z
    .string({ required_error: 'id is required.' })
    .trim()
    .max(64, 'id is too long (at most 64 characters).')
    .regex(QUESTION_ID_PATTERN, 'id must be lower-case letters, digits and dashes, like git-012.'),
  difficulty: z
    .number({
      required_error: 'difficulty is required.',
      invalid_type_error: 'difficulty must be a number from 1 to 5.',
    })
    .int('difficulty must be a whole number from 1 to 5.')
    .min(1, 'difficulty must be from 1 to 5.')
    .max(5, 'difficulty must be from 1 to 5.'),
  points: finite('Points')
    .positive('Points must be more than 0.')
    .max(100, 'Points must be at most 100.')
    .default(1),
  tags: z.array(text('Tag', 40).toLowerCase()).max(20, 'Use at most 20 tags.').default([]),
  prompt: markdown('Prompt'),
  explanation: z
    .string()
    .trim()
    .max(20_000, 'Explanation is too long (at most 20000 characters).')
    .default(''),
  references: z.array(text('Reference', 500)).max(20, 'Give at most 20 references.').default([]),
  /** Questions sharing a group ask the same thing: an attempt gets at most one of them. */
  group: z
    .string({ invalid_type_error: GROUP_FORMAT })
    .trim()
    .max(60, 'The exclusion group is too long (at most 60 characters).')
    .regex(SLUG_PATTERN, GROUP_FORMAT)
    .optional(),
  reviewed: z
    .string({ invalid_type_error: REVIEWED_FORMAT })
    .trim()
    .regex(REVIEWED_PATTERN, REVIEWED_FORMAT)
    .optional(),
};

const singleSchema = z
  .object({
    ...commonFields,
    type: z.literal('single'),
    options: z
      .array(optionSchema)
      .min(2, 'Give at least 2 options.')
      .max(10, 'Give at most 10 options.'),
  })
  .strict();
const multipleSchema = z
  .object({
    ...commonFields,
    type: z.literal('multiple'),
    options: z
      .array(optionSchema)
      .min(2, 'Give at least 2 options.')
      .max(10, 'Give at most 10 options.'),
  })
  .strict();
const trueFalseSchema = z
  .object({
    ...commonFields,
    type: z.literal('true_false'),
    answer: z.boolean({
      required_error: 'answer (true or false) is required.',
      invalid_type_error: 'answer must be true or false.',
    }),
  })
  .strict();
const shortTextSchema = z
  .object({
    ...commonFields,
    type: z.literal('short_text'),
    accepted: z
      .array(text('Accepted answer', 500))
      .max(50, 'Give at most 50 accepted answers.')
      .default([]),
    pattern: z
      .string()
      .trim()
      .min(1, 'Pattern must not be empty.')
      .max(500, 'Pattern is too long (at most 500 characters).')
      .optional(),
    case_sensitive: z.boolean().default(false),
  })
  .strict();
const numericSchema = z
  .object({
    ...commonFields,
    type: z.literal('numeric'),
    ...numericAnswerSchema.omit({ credit: true }).shape,
    alternatives: z
      .array(numericAnswerSchema)
      .max(20, 'Give at most 20 partial-credit values.')
      .optional(),
  })
  .strict();
const essaySchema = z
  .object({
    ...commonFields,
    type: z.literal('essay'),
    rubric: markdown('Rubric'),
  })
  .strict();
const matchingSchema = z
  .object({
    ...commonFields,
    type: z.literal('matching'),
    pairs: z
      .array(
        z
          .object({
            prompt: text('Matching prompt', 2_000),
            answer: text('Matching answer', 2_000),
          })
          .strict(),
      )
      .min(2, 'A matching question needs at least 2 pairs.')
      .max(20, 'A matching question takes at most 20 pairs.'),
    distractors: z
      .array(text('Distractor', 2_000))
      .max(20, 'Give at most 20 extra answers.')
      .default([]),
  })
  .strict();

const unionSchema = z.discriminatedUnion('type', [
  singleSchema,
  multipleSchema,
  trueFalseSchema,
  shortTextSchema,
  numericSchema,
  essaySchema,
  matchingSchema,
]);

export type Question = z.infer<typeof unionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
export type QuestionInput = z.input<typeof unionSchema>;

/** The fields every question type has, whatever the file format. */
export type CommonQuestionKey =
  | 'id'
  | 'difficulty'
  | 'points'
  | 'tags'
  | 'prompt'
  | 'explanation'
  | 'references'
  | 'group'
  | 'reviewed';
export type ChoiceOption = z.infer<typeof optionSchema>;
export type NumericRange = z.infer<typeof numericAnswerSchema>;

/** Rules that span fields: the key of each type must be complete and unambiguous. */
function checkQuestion(question: Question, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const seen = new Map<string, number>();
      question.options.forEach((option, index) => {
        const key = option.text.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined)
          issue(['options', index, 'text'], `Option ${index + 1} repeats option ${first + 1}.`);
        else seen.set(key, index);
      });
      const correct = question.options.filter((o) => o.correct).length;
      if (question.type === 'single') {
        if (correct !== 1)
          issue(
            ['options'],
            `A single-choice question needs exactly one correct option (has ${correct}).`,
          );
        if (question.options.some((o) => o.weight !== undefined))
          issue(['options'], 'Weights apply to multiple-choice questions only.');
        break;
      }
      if (correct === 0) issue(['options'], 'Mark at least one option as correct.');
      const weighted = question.options.filter((o) => o.weight !== undefined);
      if (weighted.length) {
        const positive = question.options.reduce((sum, o) => sum + Math.max(0, o.weight ?? 0), 0);
        if (Math.abs(positive - 100) > 0.5)
          issue(
            ['options'],
            `Positive weights must add up to 100 (they add up to ${round(positive)}).`,
          );
        question.options.forEach((o, index) => {
          if (o.weight !== undefined && o.correct !== o.weight > 0) {
            issue(
              ['options', index, 'weight'],
              `Option ${index + 1}: a correct option has a positive weight, a wrong one zero or negative.`,
            );
          }
        });
      }
      break;
    }
    case 'short_text':
      if (!question.accepted.length && !question.pattern)
        issue(['accepted'], 'Give at least one accepted answer or a pattern.');
      if (question.pattern) {
        const problem = patternProblem(question.pattern);
        if (problem) issue(['pattern'], problem);
      }
      break;
    case 'numeric':
      checkRange(question, [], issue, false);
      question.alternatives?.forEach((alt, index) =>
        checkRange(alt, ['alternatives', index], issue, true),
      );
      break;
    case 'matching': {
      const prompts = new Set<string>();
      question.pairs.forEach((pair, index) => {
        if (prompts.has(pair.prompt))
          issue(['pairs', index, 'prompt'], `Pair ${index + 1} repeats a prompt.`);
        prompts.add(pair.prompt);
      });
      const answers = new Set(question.pairs.map((p) => p.answer));
      question.distractors.forEach((d, index) => {
        if (answers.has(d))
          issue(['distractors', index], `Distractor "${d}" is also a correct answer.`);
      });
      break;
    }
    default:
      break;
  }
}

function checkRange(
  range: NumericRange,
  path: (string | number)[],
  issue: (path: (string | number)[], message: string) => void,
  needsCredit: boolean,
): void {
  const hasAnswer = range.answer !== undefined;
  const hasRange = range.min !== undefined || range.max !== undefined;
  if (hasAnswer === hasRange) {
    issue(
      [...path, 'answer'],
      'Give either answer (with an optional tolerance) or both min and max.',
    );
  } else if (hasRange && (range.min === undefined || range.max === undefined)) {
    issue([...path, range.min === undefined ? 'min' : 'max'], 'A range needs both min and max.');
  } else if (hasRange && (range.min as number) > (range.max as number)) {
    issue([...path, 'min'], 'min must not be greater than max.');
  } else if (hasRange && range.tolerance !== undefined) {
    issue([...path, 'tolerance'], 'tolerance goes with answer, not with a range.');
  }
  if (needsCredit && range.credit === undefined)
    issue([...path, 'credit'], 'An alternative needs its credit in percent.');
}

/**
 * Patterns run against candidate input with RE2, which matches in time linear in the input, so
 * no pattern can hang the server. RE2 has no back-references or lookaround: they need
 * backtracking. Returns why the pattern cannot be used, or undefined when it can.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    return describePatternError(error);
  }
}

const LINEAR_TIME =
  'which is not allowed: patterns must run in linear time. Rewrite it without it.';
const BACK_REFERENCE = /^\\(?:[1-9]|k)/;
const LOOKAROUND: [prefix: string, name: string][] = [
  ['(?=', 'lookahead'],
  ['(?!', 'negative lookahead'],
  ['(?<=', 'lookbehind'],
  ['(?<!', 'negative lookbehind'],
];

function describePatternError(error: RE2JSException): string {
  if (!(error instanceof RE2JSSyntaxException)) {
    return `The pattern cannot be used: ${error.message}.`;
  }
  const fragment = error.getPattern() ?? '';
  if (BACK_REFERENCE.test(fragment)) {
    return `The pattern uses a back-reference (${fragment}), ${LINEAR_TIME}`;
  }
  const lookaround = LOOKAROUND.find(([prefix]) => fragment.startsWith(prefix));
  if (lookaround) {
    const [prefix, name] = lookaround;
    return `The pattern uses a ${name} ${prefix}…), ${LINEAR_TIME}`;
  }
  const where = fragment ? ` at "${shorten(fragment, 40)}"` : '';
  return `The pattern is not a valid regular expression: ${error.getDescription()}${where}.`;
}

export interface QualityProblem {
  path: (string | number)[];
  message: string;
}

/**
 * What a shipped or edited question must also have, beyond being well-formed. Files in
 * `questions/` and the editor enforce these; GIFT and CSV imports report them as warnings,
 * since those formats often carry no feedback.
 */
export function qualityProblems(question: Question): QualityProblem[] {
  if (question.type !== 'essay' && !question.explanation) {
    return [
      {
        path: ['explanation'],
        message: 'explanation is required: say why the key is right and each distractor is wrong.',
      },
    ];
  }
  return [];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export const questionSchema = unionSchema.superRefine(checkQuestion);

export const bankSchema = z
  .object({
    skill: z
      .string({ required_error: 'skill (the bank slug) is required.' })
      .trim()
      .max(60)
      .regex(SLUG_PATTERN, 'skill must be a slug: lower-case words joined by "-".'),
    name: text('name', 120),
    description: z.string().trim().max(2_000).default(''),
    keywords: z.array(text('Keyword', 80).toLowerCase()).max(200).default([]),
    questions: z.array(questionSchema).default([]),
  })
  .strict();

export type Bank = z.infer<typeof bankSchema>;
