import type { Question } from '../banks/question.schemas';
import type { AttemptScore } from '../scoring/attempt-scoring';
import {
  MIN_SAMPLE_FOR_FLAGS,
  analyzeItems,
  choiceRates,
  flagItem,
  restMeanCorrelations,
  type ChoiceRates,
  type ItemAnalysis,
  type ItemFlag,
} from '../scoring/item-analysis';
import type { QuestionResponse } from '../scoring/question-scoring';

/**
 * Item analysis of one assessment's ended attempts: how hard each question really is, how well
 * it separates stronger from weaker candidates, which options people pick, and how reliable each
 * skill's score is. Pure: the service loads the rows.
 */

export interface ShownQuestion {
  attemptId: number;
  position: number;
  questionId: string;
  version: number;
  skill: string;
  timeSpentMs: number;
  response: QuestionResponse | null;
}

export type QualityFlag = ItemFlag | 'label-disagrees';

export interface QuestionQuality {
  questionId: string;
  skill: string;
  type: Question['type'];
  /** The bank's difficulty label, 1..5. */
  label: number;
  /** The label the observed proportion correct suggests; null without enough data. */
  observedLabel: number | null;
  /** Persons who saw it. */
  n: number;
  /** Mean score / max, 0..1. */
  p: number | null;
  /** Correlation with the mean of the other questions each person saw. */
  discrimination: number | null;
  /** Its skill's alpha without it, over the candidates who saw the whole skill; null if unknown. */
  alphaIfDeleted: number | null;
  discriminationN: number;
  /** Choice rates in the bank's option order, for single and true/false questions. */
  choices: (ChoiceRates & { labels: string[]; keyed: number[] }) | null;
  medianTimeMs: number | null;
  flags: QualityFlag[];
}

export interface SkillReliability {
  skill: string;
  analysis: ItemAnalysis;
}

export interface QualityReport {
  attempts: number;
  questions: QuestionQuality[];
  skills: SkillReliability[];
  /** All questions together: alpha, SEM and Moodle's test statistics. */
  overall: ItemAnalysis;
  minSample: number;
}

/** Proportion correct each difficulty label is meant for: label n expects p at or above this. */
const LABEL_FLOORS = [0.85, 0.7, 0.5, 0.3, 0];

export function observedLabel(p: number): number {
  return LABEL_FLOORS.findIndex((floor) => p >= floor) + 1;
}

export function qualityReport(input: {
  scores: ReadonlyMap<number, AttemptScore>;
  shown: readonly ShownQuestion[];
  versions: ReadonlyMap<string, Question>;
}): QualityReport {
  const attemptIds = [...input.scores.keys()];
  const questionIds = [...new Set(input.shown.map((s) => s.questionId))].sort();
  const cell = cellsOf(input);
  const matrix = {
    items: questionIds,
    rows: attemptIds.map((attempt) => questionIds.map((q) => cell.get(`${attempt}:${q}`) ?? null)),
  };
  const overall = analyzeItems(matrix);
  const discrimination = new Map(restMeanCorrelations(matrix).map((d) => [d.item, d]));
  const skillOf = new Map(input.shown.map((s) => [s.questionId, s.skill]));
  const skills = [...new Set(input.shown.map((s) => s.skill))].map((skill) => {
    const columns = questionIds.flatMap((q, j) => (skillOf.get(q) === skill ? [j] : []));
    return {
      skill,
      analysis: analyzeItems({
        items: columns.map((j) => questionIds[j] as string),
        rows: matrix.rows.map((row) => columns.map((j) => row[j] ?? null)),
      }),
    };
  });
  const alphaIfDeleted = new Map(
    skills.flatMap((s) =>
      s.analysis.items.map((item) => [item.item, item.alphaIfDeleted] as const),
    ),
  );
  return {
    attempts: attemptIds.length,
    questions: questionIds.map((questionId) => ({
      ...questionQuality(questionId, input, overall, discrimination.get(questionId)),
      alphaIfDeleted: alphaIfDeleted.get(questionId) ?? null,
    })),
    skills,
    overall,
    minSample: MIN_SAMPLE_FOR_FLAGS,
  };
}

/** `attempt:question` -> the fraction scored; essays awaiting a grade stay out (null). */
function cellsOf(input: {
  scores: ReadonlyMap<number, AttemptScore>;
  shown: readonly ShownQuestion[];
}): Map<string, number> {
  const cells = new Map<string, number>();
  for (const shown of input.shown) {
    const result = input.scores.get(shown.attemptId);
    const fraction = result?.questions.find((q) => q.position === shown.position)?.fraction;
    if (fraction !== null && fraction !== undefined)
      cells.set(`${shown.attemptId}:${shown.questionId}`, fraction);
  }
  return cells;
}

function questionQuality(
  questionId: string,
  input: { shown: readonly ShownQuestion[]; versions: ReadonlyMap<string, Question> },
  overall: ItemAnalysis,
  rest: { r: number | null; n: number } | undefined,
): Omit<QuestionQuality, 'alphaIfDeleted'> {
  const shown = input.shown.filter((s) => s.questionId === questionId);
  const latest = Math.max(...shown.map((s) => s.version));
  const question = input.versions.get(`${questionId}@${latest}`) as Question;
  const stats = overall.items.find((item) => item.item === questionId);
  const p = stats?.p ?? null;
  const n = stats?.n ?? 0;
  const choices = choicesOf(question, shown);
  const flagged = flagItem({
    item: questionId,
    p,
    n,
    pointBiserial: rest?.r ?? null,
    nCorrelation: rest?.n ?? 0,
    choices: choices ? { rates: choices, keyed: choices.keyed } : undefined,
  });
  const observed = p !== null && n >= MIN_SAMPLE_FOR_FLAGS ? observedLabel(p) : null;
  const flags: QualityFlag[] = [...flagged.flags];
  if (observed !== null && Math.abs(observed - question.difficulty) >= 2)
    flags.push('label-disagrees');
  return {
    questionId,
    skill: shown[0]?.skill ?? '',
    type: question.type,
    label: question.difficulty,
    observedLabel: observed,
    n,
    p,
    discrimination: rest?.r ?? null,
    discriminationN: rest?.n ?? 0,
    choices,
    medianTimeMs: median(shown.map((s) => s.timeSpentMs).filter((ms) => ms > 0)),
    flags,
  };
}

/** Who picked which option, for questions with one pick per person. */
function choicesOf(question: Question, shown: readonly ShownQuestion[]) {
  if (question.type === 'single') {
    const picks = shown.map((s) => (s.response?.type === 'single' ? s.response.choice : null));
    return {
      ...choiceRates(picks, question.options.length),
      labels: question.options.map((o) => o.text),
      keyed: question.options.flatMap((o, i) => (o.correct ? [i] : [])),
    };
  }
  if (question.type === 'true_false') {
    const picks = shown.map((s) =>
      s.response?.type === 'true_false' && s.response.value !== null
        ? s.response.value
          ? 0
          : 1
        : null,
    );
    return {
      ...choiceRates(picks, 2),
      labels: ['True', 'False'],
      keyed: [question.answer ? 0 : 1],
    };
  }
  return null;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
