import type { Question } from '../banks/question.schemas';
import { scoreResponse, type QuestionResponse } from './question-scoring';
import { wilsonInterval } from './score-interval';

/**
 * One attempt scored from the exact question versions shown, the answers given and the grades
 * of essays: per question, per skill (with the uncertainty of a score from few questions) and
 * overall. Pure: the service stores the result with its inputs.
 */

export interface ScoringQuestion {
  position: number;
  skill: string;
  question: Question;
  response: QuestionResponse | null;
  /** A person's grade of an essay: the fraction of its points, 0..1. */
  grade?: number | null;
}

export interface SkillRule {
  skill: string;
  /** Relative weight in the overall score. */
  weight: number;
  /** Pass mark in percent, 0..100. */
  passThreshold: number;
}

export interface QuestionResult {
  position: number;
  skill: string;
  /** 0..1, or null while an essay waits for a grade. */
  fraction: number | null;
  earned: number | null;
  max: number;
  rule: string;
}

export interface SkillResult {
  skill: string;
  earned: number;
  possible: number;
  /** Earned / possible, 0..1, over the questions scored so far. */
  score: number;
  /** The 90% interval of the score, from the number of questions. */
  low: number;
  high: number;
  questions: number;
  passed: boolean;
  /** Essays of this skill still wait for a grade. */
  pending: boolean;
}

export interface AttemptScore {
  questions: QuestionResult[];
  skills: SkillResult[];
  overall: { score: number; passed: boolean };
  /** True until every answered essay is graded: the scores are provisional. */
  pending: boolean;
}

export function scoreAttempt(input: {
  questions: readonly ScoringQuestion[];
  skills: readonly SkillRule[];
  /** Overall pass mark in percent. */
  passThreshold: number;
}): AttemptScore {
  const questions = input.questions.map(scoreQuestion);
  const skills = input.skills
    .map((rule) => scoreSkill(rule, questions))
    .filter((skill) => skill.questions > 0);
  const weights = new Map(input.skills.map((s) => [s.skill, s.weight]));
  const totalWeight = skills.reduce((sum, s) => sum + (weights.get(s.skill) ?? 0), 0);
  const overall = totalWeight
    ? skills.reduce((sum, s) => sum + s.score * (weights.get(s.skill) ?? 0), 0) / totalWeight
    : 0;
  return {
    questions,
    skills,
    overall: { score: overall, passed: meets(overall, input.passThreshold) },
    pending: questions.some((q) => q.fraction === null),
  };
}

function scoreQuestion(entry: ScoringQuestion): QuestionResult {
  const { position, skill, question, response } = entry;
  const max = question.points;
  if (response === null)
    return { position, skill, fraction: 0, earned: 0, max, rule: 'Not answered.' };
  const scored = scoreResponse(question, response);
  if (scored.fraction !== null)
    return {
      position,
      skill,
      fraction: scored.fraction,
      earned: scored.earned,
      max,
      rule: scored.rule,
    };
  if (entry.grade === null || entry.grade === undefined)
    return { position, skill, fraction: null, earned: null, max, rule: 'Waiting for a grade.' };
  return {
    position,
    skill,
    fraction: entry.grade,
    earned: Math.round(entry.grade * max * 100) / 100,
    max,
    rule: 'Graded by a person against the rubric.',
  };
}

function scoreSkill(rule: SkillRule, questions: readonly QuestionResult[]): SkillResult {
  const own = questions.filter((q) => q.skill === rule.skill);
  const scored = own.filter((q) => q.fraction !== null);
  const earned = scored.reduce((sum, q) => sum + (q.earned ?? 0), 0);
  const possible = scored.reduce((sum, q) => sum + q.max, 0);
  const score = possible ? earned / possible : 0;
  const interval = wilsonInterval(score, scored.length);
  return {
    skill: rule.skill,
    earned,
    possible,
    score,
    low: interval.low,
    high: interval.high,
    questions: own.length,
    passed: meets(score, rule.passThreshold),
    pending: scored.length < own.length,
  };
}

/** A tiny tolerance so 0.6 earned of a 60% mark passes despite floating point. */
function meets(score: number, thresholdPercent: number): boolean {
  return score * 100 + 1e-9 >= thresholdPercent;
}
