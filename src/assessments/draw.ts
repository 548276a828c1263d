import type { Question } from '../banks/question.schemas';

/** A source of numbers in [0, 1); injectable so draws are reproducible in tests. */
export interface Rng {
  next(): number;
}

/** mulberry32: small, fast and good enough to pick questions; not for secrets. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export const randomRng: Rng = { next: () => Math.random() };

/** Fisher-Yates on a copy. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export interface SkillPool<Q> {
  skill: string;
  count: number;
  questions: readonly Q[];
  /** Questions the draw favours (see PREFERENCE_WEIGHT). */
  preferred?: (question: Q) => boolean;
}

/**
 * How strongly a draw favours a preferred question (one on a framework the job description
 * names): its showings count this many times less. Among questions shown equally often it comes
 * first, and over many attempts it is shown about this many times as often as the others, so a
 * campaign still spreads over the whole bank.
 */
export const PREFERENCE_WEIGHT = 3;

/**
 * The order a draw takes questions in: least shown first, a preferred question's showings
 * divided by PREFERENCE_WEIGHT. Shuffling before the stable sort makes the order random among
 * questions that come out equal.
 */
export function drawOrder<Q>(
  questions: readonly Q[],
  rng: Rng,
  { exposure = () => 0, preferred = () => false }: DrawOrderOptions<Q> = {},
): Q[] {
  const weighed = shuffle(questions, rng).map((question) => ({
    question,
    load: (exposure(question) + 1) / (preferred(question) ? PREFERENCE_WEIGHT : 1),
  }));
  return weighed.sort((a, b) => a.load - b.load).map(({ question }) => question);
}

export interface DrawOrderOptions<Q> {
  /** How many attempts have shown the question; none by default. */
  exposure?: (question: Q) => number;
  preferred?: (question: Q) => boolean;
}

/** Prefers questions carrying one of the tags; undefined when there are none to prefer. */
export function taggedWith(tags: readonly string[]): ((question: Question) => boolean) | undefined {
  if (!tags.length) return undefined;
  return (question) => question.tags.some((tag) => tags.includes(tag));
}

/** A question's exclusion group: questions sharing one ask the same thing. */
export type GroupOf<Q> = (question: Q) => string | undefined;

const noGroups: GroupOf<unknown> = () => undefined;

/**
 * Takes up to `count` questions in the given order, skipping any whose exclusion group is in
 * `usedGroups` or was taken earlier in the list. Adds the groups it takes to `usedGroups`, so
 * one set carried across the skills of an attempt keeps a group to one question per attempt.
 */
export function takeOnePerGroup<Q>(
  ordered: readonly Q[],
  count: number,
  groupOf: GroupOf<Q>,
  usedGroups: Set<string>,
): Q[] {
  const taken: Q[] = [];
  for (const question of ordered) {
    if (taken.length >= count) break;
    const group = groupOf(question);
    if (group !== undefined && usedGroups.has(group)) continue;
    if (group !== undefined) usedGroups.add(group);
    taken.push(question);
  }
  return taken;
}

/** How many of the questions one attempt can hold: each exclusion group counts once. */
export function drawableCount<Q>(questions: readonly Q[], groupOf: GroupOf<Q>): number {
  return takeOnePerGroup(questions, questions.length, groupOf, new Set()).length;
}

/**
 * Picks `count` distinct questions per skill, at random but preferred ones first; fewer when
 * the pool is smaller or when the rest share an exclusion group with a question already
 * picked, in this or an earlier skill.
 */
export function drawQuestions<Q>(
  pools: readonly SkillPool<Q>[],
  rng: Rng,
  groupOf: GroupOf<Q> = noGroups,
): { skill: string; questions: Q[] }[] {
  const usedGroups = new Set<string>();
  return pools.map((pool) => ({
    skill: pool.skill,
    questions: takeOnePerGroup(
      drawOrder(pool.questions, rng, { preferred: pool.preferred }),
      pool.count,
      groupOf,
      usedGroups,
    ),
  }));
}

/** The question with its options (or matching answers) in a random order, as a candidate sees it. */
export function shuffleChoices(question: Question, rng: Rng): Question {
  if (question.type === 'single' || question.type === 'multiple') {
    return { ...question, options: shuffle(question.options, rng) };
  }
  return question;
}
