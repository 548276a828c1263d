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

/** Picks `count` distinct questions per skill, at random; fewer when the pool is smaller. */
export function drawQuestions<Q>(
  pools: readonly SkillPool<Q>[],
  rng: Rng,
): { skill: string; questions: Q[] }[] {
  return pools.map((pool) => ({
    skill: pool.skill,
    questions: shuffle(pool.questions, rng).slice(0, pool.count),
  }));
}

/** The question with its options (or matching answers) in a random order, as a candidate sees it. */
export function shuffleChoices(question: Question, rng: Rng): Question {
  if (question.type === 'single' || question.type === 'multiple') {
    return { ...question, options: shuffle(question.options, rng) };
  }
  return question;
}
