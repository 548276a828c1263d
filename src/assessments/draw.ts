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
 * Picks `count` distinct questions per skill, at random; fewer when the pool is smaller or
 * when the rest share an exclusion group with a question already picked, in this or an
 * earlier skill.
 */
export function drawQuestions<Q>(
  pools: readonly SkillPool<Q>[],
  rng: Rng,
  groupOf: GroupOf<Q> = noGroups,
): { skill: string; questions: Q[] }[] {
  const usedGroups = new Set<string>();
  return pools.map((pool) => ({
    skill: pool.skill,
    questions: takeOnePerGroup(shuffle(pool.questions, rng), pool.count, groupOf, usedGroups),
  }));
}

/** The question with its options (or matching answers) in a random order, as a candidate sees it. */
export function shuffleChoices(question: Question, rng: Rng): Question {
  if (question.type === 'single' || question.type === 'multiple') {
    return { ...question, options: shuffle(question.options, rng) };
  }
  return question;
}
