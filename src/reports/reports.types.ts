import type { Decision } from '../db/schema';
import type { QuestionResponse } from '../scoring/question-scoring';

export const DECISIONS: readonly Decision[] = ['advance', 'hold', 'reject'];
export const DECISION_LABELS: Record<Decision, string> = {
  advance: 'Advance',
  hold: 'Hold',
  reject: 'Reject',
};

/** One question of an attempt as a manager reviews it. */
export interface ReviewedQuestion {
  position: number;
  questionId: string;
  version: number;
  skill: string;
  optionOrder: number[] | null;
  matchOrder: number[] | null;
  timeSpentMs: number;
  response: QuestionResponse | null;
  /** An essay's grade as a fraction of its points, or null. */
  grade: number | null;
  gradeComment: string | null;
}

export interface IntegritySignal {
  kind: string;
  at: number;
  position: number | null;
}

export const SIGNAL_LABELS: Record<string, string> = {
  tab_hidden: 'Left the tab',
  tab_visible: 'Came back to the tab',
  paste: 'Pasted into an answer',
  copy: 'Copied question text',
  ip_change: 'Network address changed',
  user_agent_change: 'Browser changed',
};

export interface EssayToGrade {
  invitationId: number;
  name: string;
  position: number;
  questionId: string;
  finishedAt: number | null;
}

export interface CandidateDecision {
  decision: Decision;
  notes: string | null;
  decidedAt: number;
  decidedBy: string | null;
}
