import type { Question, QuestionType } from '../banks/question.schemas';
import { drawOrder, shuffle, takeOnePerGroup, taggedWith, type Rng } from '../assessments/draw';
import { matchingAnswerList } from '../scoring/question-scoring';

/**
 * Which questions one candidate gets, in which order, with which option order. The result is
 * stored with the attempt, so every page, answer and score refers to the same draw.
 */

export interface PoolQuestion {
  id: string;
  version: number;
  question: Question;
  /** How many attempts have shown this question so far. */
  exposure: number;
}

export interface SkillPool {
  skill: string;
  count: number;
  questions: readonly PoolQuestion[];
  /** Tags of the frameworks the job description names: their questions are preferred. */
  preferredTags?: readonly string[];
}

export interface AttemptDrawInput {
  skills: readonly SkillPool[];
  shuffleOptions: boolean;
  rng: Rng;
}

export interface DrawnQuestion {
  questionId: string;
  version: number;
  skill: string;
  /** 0-based over the whole attempt. */
  position: number;
  /** Original option indexes in displayed order (single and multiple only). */
  optionOrder: number[] | null;
  /** Indexes into `matchingAnswerList` in displayed order (matching only). */
  matchOrder: number[] | null;
}

/**
 * Draws `count` distinct questions per skill, preferring the least shown, so a campaign spreads
 * over the bank instead of showing everyone the same items, and at most one question of an
 * exclusion group per attempt, whichever skills the group spans. Questions on a framework the
 * description names count as shown less often (PREFERENCE_WEIGHT). Skills keep their given
 * order (an earlier skill takes a shared group first); the questions of a skill are shown in
 * random order.
 */
export function drawAttempt({ skills, shuffleOptions, rng }: AttemptDrawInput): DrawnQuestion[] {
  const drawnIds = new Set<string>();
  const usedGroups = new Set<string>();
  const drawn: DrawnQuestion[] = [];
  for (const pool of skills) {
    const available = pool.questions.filter((candidate) => !drawnIds.has(candidate.id));
    const picks = takeOnePerGroup(
      leastExposedFirst(available, pool.preferredTags ?? [], rng),
      pool.count,
      (candidate) => candidate.question.group,
      usedGroups,
    );
    for (const picked of shuffle(picks, rng)) {
      drawnIds.add(picked.id);
      drawn.push({
        questionId: picked.id,
        version: picked.version,
        skill: pool.skill,
        position: drawn.length,
        optionOrder: optionOrderFor(picked.question, shuffleOptions, rng),
        matchOrder: matchOrderFor(picked.question, rng),
      });
    }
  }
  return drawn;
}

function leastExposedFirst(
  questions: readonly PoolQuestion[],
  preferredTags: readonly string[],
  rng: Rng,
): PoolQuestion[] {
  const unique = [...new Map(questions.map((q) => [q.id, q])).values()];
  const preferred = taggedWith(preferredTags);
  return drawOrder(unique, rng, {
    exposure: (candidate) => candidate.exposure,
    preferred: preferred && ((candidate) => preferred(candidate.question)),
  });
}

function optionOrderFor(question: Question, shuffleOptions: boolean, rng: Rng): number[] | null {
  if (question.type !== 'single' && question.type !== 'multiple') return null;
  const order = identity(question.options.length);
  return shuffleOptions ? shuffle(order, rng) : order;
}

/**
 * In bank files the i-th answer belongs to the i-th item, so the answer list is always
 * shuffled. A fair shuffle sometimes keeps that order by chance; forbidding it would tell a
 * candidate that the order is never the key (with two answers: always the reverse).
 */
function matchOrderFor(question: Question, rng: Rng): number[] | null {
  if (question.type !== 'matching') return null;
  return shuffle(identity(matchingAnswerList(question).length), rng);
}

function identity(length: number): number[] {
  return Array.from({ length }, (_, index) => index);
}

/** What a candidate sees: no keys, explanations or rubrics, only what is needed to answer. */
export interface PresentedQuestion {
  type: QuestionType;
  prompt: string;
  points: number;
  /**
   * Texts to choose from, in displayed order, so a form value is the index into this list:
   * the options of single and multiple questions, the answer list of matching ones, else empty.
   */
  choices: string[];
  /** The items of a matching question, each answered by picking one of `choices`. */
  items: string[];
}

export function presentQuestion(question: Question, drawn: DrawnQuestion): PresentedQuestion {
  const shown = { type: question.type, prompt: question.prompt, points: question.points };
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const texts = question.options.map((option) => option.text);
      return { ...shown, choices: inOrder(texts, drawn.optionOrder), items: [] };
    }
    case 'matching':
      return {
        ...shown,
        choices: inOrder(matchingAnswerList(question), drawn.matchOrder),
        items: question.pairs.map((pair) => pair.prompt),
      };
    default:
      return { ...shown, choices: [], items: [] };
  }
}

/**
 * The stored order checked against the question, or the bank order when none was stored. An
 * order that does not fit means the draw and the version disagree, and any choice shown or
 * read through it could be the wrong one.
 */
export function displayOrder(order: readonly number[] | null, length: number): number[] {
  if (order === null) return identity(length);
  if (!isPermutation(order, length)) {
    throw new Error(`The stored order ${JSON.stringify(order)} does not fit ${length} choices`);
  }
  return [...order];
}

function isPermutation(order: readonly number[], length: number): boolean {
  return (
    order.length === length &&
    new Set(order).size === length &&
    order.every((index) => Number.isInteger(index) && index >= 0 && index < length)
  );
}

function inOrder(texts: readonly string[], order: readonly number[] | null): string[] {
  return displayOrder(order, texts.length).map((index) => texts[index] as string);
}
