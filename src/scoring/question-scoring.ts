import { RE2JS } from 're2js';
import type { NumericRange, Question, QuestionOf } from '../banks/question.schemas';

/** What a candidate answered, per question type. Choice indexes refer to the version's options. */
export type QuestionResponse =
  | { type: 'single'; choice: number | null }
  | { type: 'multiple'; choices: number[] }
  | { type: 'true_false'; value: boolean | null }
  | { type: 'short_text'; text: string }
  | { type: 'numeric'; value: number | null }
  | { type: 'essay'; text: string }
  | { type: 'matching'; matches: (number | null)[] };

export interface QuestionScore {
  /** 0..1, or null when a person has to grade it (essays). */
  fraction: number | null;
  earned: number | null;
  max: number;
  /** The rule that produced the fraction, in words, for the evidence a manager reads. */
  rule: string;
}

const EPSILON = 1e-9;

/** Scores one answer against its question version. Pure: no I/O, no clock. */
export function scoreResponse(question: Question, response: QuestionResponse): QuestionScore {
  if (response.type !== question.type)
    throw new Error(`A ${response.type} answer cannot score a ${question.type} question`);
  const { fraction, rule } = fractionFor(question, response);
  return {
    fraction,
    earned: fraction === null ? null : roundPoints(fraction * question.points),
    max: question.points,
    rule,
  };
}

function fractionFor(
  question: Question,
  response: QuestionResponse,
): { fraction: number | null; rule: string } {
  switch (question.type) {
    case 'single':
      return scoreSingle(question, (response as { choice: number | null }).choice);
    case 'multiple':
      return scoreMultiple(question, (response as { choices: number[] }).choices);
    case 'true_false': {
      const value = (response as { value: boolean | null }).value;
      return {
        fraction: value === question.answer ? 1 : 0,
        rule: `The statement is ${question.answer}.`,
      };
    }
    case 'short_text':
      return scoreShortText(question, (response as { text: string }).text);
    case 'numeric':
      return scoreNumeric(question, (response as { value: number | null }).value);
    case 'essay':
      return { fraction: null, rule: 'Graded by a person against the rubric.' };
    case 'matching':
      return scoreMatching(question, (response as { matches: (number | null)[] }).matches);
  }
}

function scoreSingle(question: QuestionOf<'single'>, choice: number | null) {
  const key = question.options.findIndex((o) => o.correct);
  return { fraction: choice === key ? 1 : 0, rule: 'Full credit for the one correct option.' };
}

/**
 * (right picks - wrong picks) / correct options, floored at 0, so ticking everything earns
 * nothing. Explicit weights (GIFT's ~%50%) replace that rule: the sum of picked weights.
 */
function scoreMultiple(question: QuestionOf<'multiple'>, choices: number[]) {
  const picked = new Set(choices.filter((i) => i >= 0 && i < question.options.length));
  if (question.options.some((o) => o.weight !== undefined)) {
    const total = [...picked].reduce((sum, i) => sum + (question.options[i]?.weight ?? 0), 0);
    return {
      fraction: clamp(total / 100),
      rule: 'Sum of the weights of the picked options, between 0 and 100%.',
    };
  }
  const correct = question.options.filter((o) => o.correct).length;
  let right = 0;
  let wrong = 0;
  for (const i of picked) {
    if (question.options[i]?.correct) right += 1;
    else wrong += 1;
  }
  return {
    fraction: clamp((right - wrong) / correct),
    rule: `(right picks ${right} - wrong picks ${wrong}) / ${correct} correct options, at least 0.`,
  };
}

/** NFKC, trimmed, white space folded; lower-cased unless the question is case-sensitive. */
export function normalizeShortText(text: string, caseSensitive: boolean): string {
  const folded = text.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  return caseSensitive ? folded : folded.toLocaleLowerCase('en-US');
}

function scoreShortText(question: QuestionOf<'short_text'>, text: string) {
  const answer = normalizeShortText(text, question.case_sensitive);
  if (!answer) return { fraction: 0, rule: 'No answer.' };
  const accepted = question.accepted.some(
    (a) => normalizeShortText(a, question.case_sensitive) === answer,
  );
  const trimmed = text.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  const pattern = matchPattern(question, trimmed);
  return {
    fraction: accepted || pattern.matches ? 1 : 0,
    rule: `Matches an accepted answer${pattern.rule}, ${question.case_sensitive ? 'case-sensitive' : 'ignoring case'} and extra spaces.`,
  };
}

/**
 * The pattern must match the whole answer. RE2 matches in time linear in the answer's length,
 * so an admin's pattern cannot hang the server the way a backtracking RegExp can. A version
 * saved before patterns were checked against RE2 may hold one RE2 cannot read: scoring then
 * goes on with the accepted answers, and the rule says so.
 */
function matchPattern(question: QuestionOf<'short_text'>, answer: string) {
  if (question.pattern === undefined) return { matches: false, rule: '' };
  const flags = question.case_sensitive ? 0 : RE2JS.CASE_INSENSITIVE;
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(`^(?:${question.pattern})$`, flags);
  } catch {
    return { matches: false, rule: ' (the pattern could not be read, so only those count)' };
  }
  return { matches: pattern.test(answer), rule: ' or the pattern' };
}

function inRange(range: NumericRange, value: number): boolean {
  if (range.answer !== undefined)
    return Math.abs(value - range.answer) <= (range.tolerance ?? 0) + EPSILON;
  return value >= (range.min ?? -Infinity) - EPSILON && value <= (range.max ?? Infinity) + EPSILON;
}

function describeRange(range: NumericRange): string {
  if (range.answer !== undefined)
    return range.tolerance ? `${range.answer} ± ${range.tolerance}` : `${range.answer}`;
  return `${range.min} to ${range.max}`;
}

function scoreNumeric(question: QuestionOf<'numeric'>, value: number | null) {
  const rule = `Full credit for ${describeRange(question)}${question.alternatives?.length ? ', partial credit for the alternatives' : ''}.`;
  if (value === null || !Number.isFinite(value)) return { fraction: 0, rule };
  if (inRange(question, value)) return { fraction: 1, rule };
  const credits = (question.alternatives ?? [])
    .filter((alt) => inRange(alt, value))
    .map((alt) => (alt.credit ?? 0) / 100);
  return { fraction: credits.length ? Math.max(...credits) : 0, rule };
}

/** The answers a candidate chooses from: each pair's answer once, then the distractors. */
export function matchingAnswerList(question: QuestionOf<'matching'>): string[] {
  return [...new Set([...question.pairs.map((p) => p.answer), ...question.distractors])];
}

function scoreMatching(question: QuestionOf<'matching'>, matches: (number | null)[]) {
  const answers = matchingAnswerList(question);
  const right = question.pairs.filter((pair, i) => {
    const chosen = matches[i];
    return chosen !== null && chosen !== undefined && answers[chosen] === pair.answer;
  }).length;
  return {
    fraction: right / question.pairs.length,
    rule: `Credit per correct pair: ${right} of ${question.pairs.length}.`,
  };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function roundPoints(value: number): number {
  return Math.round(value * 1000) / 1000;
}
