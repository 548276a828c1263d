import type { AttemptStatus } from '../db/schema';
import type { QuestionResponse } from '../scoring/question-scoring';
import type { DrawnQuestion } from './attempt-draw';

export interface Attempt {
  id: number;
  invitationId: number;
  status: AttemptStatus;
  startedAt: number;
  deadlineAt: number;
  finishedAt: number | null;
  startIp: string | null;
  startUserAgent: string | null;
  /** The client of the latest save, to notice when it changes. */
  lastIp: string | null;
  lastUserAgent: string | null;
}

/** One drawn question of an attempt, with the candidate's saved answer and review flag. */
export interface AttemptQuestion extends DrawnQuestion {
  flagged: boolean;
  /** When the candidate first opened it; a per-question time limit counts from here. */
  firstShownAt: number | null;
  /** Until when the time spent on its page is counted. */
  timeCountedAt: number | null;
  response: QuestionResponse | null;
}

/** Integrity signals the browser reports; recorded, never judged. */
export const INTEGRITY_EVENT_KINDS = ['tab_hidden', 'tab_visible', 'paste', 'copy'] as const;
/** Signals the server notices itself: the candidate's network address or browser changed. */
export type ServerEventKind = 'ip_change' | 'user_agent_change';
export type IntegrityEventKind = (typeof INTEGRITY_EVENT_KINDS)[number] | ServerEventKind;

/** Where a request came from, for the integrity signals. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}
