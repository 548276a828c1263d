import { expectedMinutes } from '../assessments/assessment-rules';
import { shuffle, type Rng } from '../assessments/draw';
import type { Question, QuestionOf } from '../banks/question.schemas';
import { responseToFormValues, type AnswerFormValues } from '../quiz/answer-form';
import type { DrawnQuestion } from '../quiz/attempt-draw';
import {
  matchingAnswerList,
  scoreResponse,
  type QuestionResponse,
} from '../scoring/question-scoring';

/**
 * Simulated candidates for `npm run seed:demo`: who they are, how able, and what they answer.
 * Pure: every random choice comes from the Rng passed in, so a seed gives the same people and
 * the same answers to the same questions.
 *
 * The ability model is a two-parameter logistic item response model: a candidate of ability
 * theta (drawn from N(0, 1)) answers a question of difficulty b correctly with probability
 * 1 / (1 + exp(-1.7 (theta - b))). The slope 1.7 makes the curve close to the normal ogive.
 */

export type Outcome = 'correct' | 'wrong';
type Orders = Pick<DrawnQuestion, 'optionOrder' | 'matchOrder'>;

const SLOPE = 1.7;
/** Share of candidates who leave a question or two unanswered. */
const SKIPPING_SHARE = 0.1;

/** A bank label 1 (screening) .. 5 (expert) on the ability scale: -2 .. 2. */
export function difficultyParameter(difficulty: number): number {
  return difficulty - 3;
}

export function probabilityCorrect(theta: number, b: number): number {
  return 1 / (1 + Math.exp(-(theta - b) * SLOPE));
}

export function outcomeFor(theta: number, difficulty: number, rng: Rng): Outcome {
  return rng.next() < probabilityCorrect(theta, difficultyParameter(difficulty))
    ? 'correct'
    : 'wrong';
}

/** A draw from N(0, 1), by Box-Muller. */
export function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.next(); // in (0, 1], so the log is finite
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export interface DemoCandidate {
  name: string;
  theta: number;
  /** How many questions this candidate leaves unanswered: 0, or 1 or 2 for about one in ten. */
  skips: number;
}

// prettier-ignore
const FIRST_NAMES = [
  'Amara', 'Ben', 'Chiara', 'Dmitri', 'Elif', 'Farah', 'Gustavo', 'Hana', 'Ingrid', 'Jamal',
  'Kenji', 'Lena', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tamar',
  'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zofia', 'Aisling', 'Bongani', 'Camille', 'Diego',
  'Emeka', 'Freya', 'Giulia', 'Hamza', 'Isabel', 'Jonas', 'Kavya', 'Luca', 'Maja', 'Noah',
];
// prettier-ignore
const LAST_NAMES = [
  'Okafor', 'Lindqvist', 'Moreau', 'Novak', 'Yilmaz', 'Haddad', 'Pereira', 'Sato', 'Berg',
  'Mensah', 'Tanaka', 'Fischer', 'García', 'Kowalski', 'Andersen', 'Iyer', 'Dubois', 'Rossi',
  'Cohen', 'Nguyen', 'Bauer', "O'Brien", 'Kaya', 'Silva', 'Mwangi', 'Horvat', 'Chen', 'Ahmed',
  'Jansen', 'Popescu', 'Martins', 'Schmidt', 'Lopez', 'Virtanen', 'Park', 'Walsh',
];

/** `count` candidates with realistic names, abilities from N(0, 1), and a few who skip. */
export function demoCandidates(count: number, rng: Rng): DemoCandidate[] {
  return Array.from({ length: count }, () => {
    const name = `${pick(FIRST_NAMES, rng)} ${pick(LAST_NAMES, rng)}`;
    const theta = standardNormal(rng);
    const skips = rng.next() < SKIPPING_SHARE ? 1 + Math.floor(rng.next() * 2) : 0;
    return { name, theta, skips };
  });
}

/** Which of `total` questions (1-based numbers) a candidate leaves unanswered. */
export function skippedNumbers(total: number, skips: number, rng: Rng): Set<number> {
  const numbers = Array.from({ length: total }, (_, i) => i + 1);
  return new Set(shuffle(numbers, rng).slice(0, Math.min(skips, total)));
}

export interface DemoAnswer {
  outcome: Outcome;
  /** The answer as the question page's form posts it, in the candidate's displayed order. */
  fields: AnswerFormValues;
  /**
   * Time the candidate spent on the page: about 70% of the builder's expected time (the time
   * limit is built from that, with a margin), more or less, and less for abler candidates.
   */
  timeOnPageMs: number;
}

/** What a candidate of ability `theta` answers to one drawn question. */
export function demoAnswer(question: Question, drawn: Orders, theta: number, rng: Rng): DemoAnswer {
  const outcome = outcomeFor(theta, question.difficulty, rng);
  const fields = answerFields(question, drawn, outcome, rng);
  const spread =
    0.7 * Math.min(3, Math.max(0.3, Math.exp(0.3 * standardNormal(rng) - 0.1 * theta)));
  const seconds = Math.max(
    5,
    Math.round(expectedMinutes(question.type, question.difficulty) * 60 * spread),
  );
  return { outcome, fields, timeOnPageMs: seconds * 1000 };
}

/** The form fields of a right or wrong answer, through the drawn option order. */
export function answerFields(
  question: Question,
  drawn: Orders,
  outcome: Outcome,
  rng: Rng,
): AnswerFormValues {
  return responseToFormValues(question, drawn, buildResponse(question, outcome, rng));
}

/**
 * A right answer (full credit) or a wrong one (less than full credit), in the version's own
 * indexes. Essays get a short text either way: a person grades them. A short-text question with
 * only a pattern and no accepted answer gets a wrong answer: there is no text to copy.
 */
export function buildResponse(question: Question, outcome: Outcome, rng: Rng): QuestionResponse {
  if (question.type === 'essay')
    return { type: 'essay', text: pick(outcome === 'correct' ? STRONG_ESSAYS : WEAK_ESSAYS, rng) };
  if (outcome === 'correct') {
    const right = correctResponse(question);
    if (right) return right;
  }
  return wrongResponse(question, rng);
}

function correctResponse(question: Exclude<Question, { type: 'essay' }>): QuestionResponse | null {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: question.options.findIndex((o) => o.correct) };
    case 'multiple':
      return { type: 'multiple', choices: indexesWhere(question.options, (o) => o.correct) };
    case 'true_false':
      return { type: 'true_false', value: question.answer };
    case 'short_text': {
      const accepted = question.accepted[0];
      return accepted === undefined ? null : { type: 'short_text', text: accepted };
    }
    case 'numeric':
      return { type: 'numeric', value: numericCenter(question) };
    case 'matching': {
      const answers = matchingAnswerList(question);
      return { type: 'matching', matches: question.pairs.map((p) => answers.indexOf(p.answer)) };
    }
  }
}

/** Tries plausible wrong answers in random order; the first that scores below full credit. */
function wrongResponse(question: Exclude<Question, { type: 'essay' }>, rng: Rng): QuestionResponse {
  const tries = wrongCandidates(question, rng);
  return tries.find((response) => belowFullCredit(question, response)) ?? emptyResponse(question);
}

function wrongCandidates(
  question: Exclude<Question, { type: 'essay' }>,
  rng: Rng,
): QuestionResponse[] {
  switch (question.type) {
    case 'single': {
      const wrong = indexesWhere(question.options, (o) => !o.correct);
      return [{ type: 'single', choice: pick(wrong, rng) }];
    }
    case 'multiple': {
      const key = indexesWhere(question.options, (o) => o.correct);
      const others = indexesWhere(question.options, (o) => !o.correct);
      const subsets = Array.from({ length: 20 }, () => randomSubset(question.options.length, rng));
      return [...subsets, key.length > 1 ? shuffle(key, rng).slice(1) : [], others.slice(0, 1)].map(
        (choices) => ({ type: 'multiple' as const, choices: [...choices].sort((a, b) => a - b) }),
      );
    }
    case 'true_false':
      return [{ type: 'true_false', value: !question.answer }];
    case 'short_text':
      return shuffle(WRONG_WORDS, rng).map((text) => ({ type: 'short_text' as const, text }));
    case 'numeric':
      return wrongNumbers(question, rng).map((value) => ({ type: 'numeric' as const, value }));
    case 'matching': {
      const answers = matchingAnswerList(question).map((_, i) => i);
      const shuffles = Array.from({ length: 20 }, () =>
        answers.length >= question.pairs.length
          ? shuffle(answers, rng).slice(0, question.pairs.length)
          : question.pairs.map(() => pick(answers, rng)),
      );
      const right = question.pairs.map((p) => matchingAnswerList(question).indexOf(p.answer));
      return [...shuffles, [null, ...right.slice(1)]].map((matches) => ({
        type: 'matching' as const,
        matches,
      }));
    }
  }
}

function emptyResponse(question: Exclude<Question, { type: 'essay' }>): QuestionResponse {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: null };
    case 'multiple':
      return { type: 'multiple', choices: [] };
    case 'true_false':
      return { type: 'true_false', value: null };
    case 'short_text':
      return { type: 'short_text', text: '' };
    case 'numeric':
      return { type: 'numeric', value: null };
    case 'matching':
      return { type: 'matching', matches: question.pairs.map(() => null) };
  }
}

function belowFullCredit(question: Question, response: QuestionResponse): boolean {
  return (scoreResponse(question, response).fraction ?? 0) < 1;
}

function numericCenter(question: QuestionOf<'numeric'>): number {
  return question.answer ?? ((question.min ?? 0) + (question.max ?? 0)) / 2;
}

/** Near misses a candidate might type: beyond the tolerance or range, on either side. */
function wrongNumbers(question: QuestionOf<'numeric'>, rng: Rng): number[] {
  const center = numericCenter(question);
  const halfWidth =
    question.answer !== undefined
      ? (question.tolerance ?? 0)
      : ((question.max ?? 0) - (question.min ?? 0)) / 2;
  const step = Math.max(1, Math.round(Math.abs(center) * 0.25), Math.ceil(halfWidth * 2) + 1);
  const values = [center + step, center - step, center + 2 * step, center - 2 * step];
  return shuffle(values, rng).map((value) => Number(value.toFixed(6)));
}

function randomSubset(length: number, rng: Rng): number[] {
  const chosen = Array.from({ length }, (_, i) => i).filter(() => rng.next() < 0.5);
  return chosen.length ? chosen : [Math.floor(rng.next() * length)];
}

function indexesWhere<T>(items: readonly T[], test: (item: T) => boolean): number[] {
  return items.flatMap((item, index) => (test(item) ? [index] : []));
}

function pick<T>(items: readonly T[], rng: Rng): T {
  const item = items[Math.floor(rng.next() * items.length)];
  if (item === undefined) throw new Error('Cannot pick from an empty list');
  return item;
}

/** Words a candidate might type when unsure; none is an accepted answer of a shipped bank. */
const WRONG_WORDS = [
  'not sure',
  'cache',
  'timeout',
  'index',
  'token',
  'retry',
  'Content-Type',
  'HEAD',
  'merge',
  'none',
];

const STRONG_ESSAYS = [
  'I would start from the failure modes: what happens when the request is repeated, when the ' +
    'server restarts halfway, and when two users act at once. Each step gets a guard: a unique ' +
    'constraint or idempotency key, a transaction around the writes, and an expiry on anything ' +
    'temporary. Then I would add tests for the edge cases, log enough to trace a problem without ' +
    'logging secrets, and document the trade-offs so the team can revisit them.',
  'First I would measure rather than guess: reproduce the problem, look at the logs and the query ' +
    'plan, and write down the numbers. The fix would be the smallest change that removes the root ' +
    'cause, behind a test that failed before. I would roll it out gradually, watch the metrics, and ' +
    'keep a rollback ready. Finally I would explain the risk I accepted and why.',
];

const WEAK_ESSAYS = [
  'I would use a well-known library for this and follow its documentation. If something breaks ' +
    'we can look at the logs and fix it then.',
  'Probably add a cache and more servers. It depends on the situation.',
];
