import type { AttemptStatus } from '../db/schema';
import type { AttemptScore } from '../scoring/attempt-scoring';

/** Where a candidate stands, as the manager's candidates page shows it. */
export type CandidateStatus =
  'invited' | 'opened' | 'started' | 'submitted' | 'expired' | 'revoked' | 'link_expired';

export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  invited: 'Invited',
  opened: 'Opened',
  started: 'Started',
  submitted: 'Submitted',
  expired: 'Time ran out',
  revoked: 'Revoked',
  link_expired: 'Link expired',
};

export interface Invitation {
  id: number;
  assessmentId: number;
  name: string;
  email: string;
  extraTimePercent: number;
  expiresAt: number;
  createdAt: number;
  openedAt: number | null;
  revokedAt: number | null;
  remindersSent: number;
  accommodationKey: string | null;
  accommodationPercent: number;
}

/** An invitation with its attempt's progress. */
export interface CandidateProgress extends Invitation {
  attemptId: number | null;
  attemptStatus: AttemptStatus | null;
  startedAt: number | null;
  deadlineAt: number | null;
  finishedAt: number | null;
  answered: number;
  total: number;
}

/** A candidate for the reports: progress and every stored score. */
export interface Candidate extends CandidateProgress {
  /** The stored scores once the attempt ended; provisional while essays wait for a grade. */
  score: AttemptScore | null;
}

/** A candidate as the candidates page lists them: the overall result only, not every score. */
export interface ListedCandidate extends CandidateProgress {
  result: { score: number; passed: boolean; pending: boolean } | null;
}

export function candidateStatus(candidate: CandidateProgress, now: number): CandidateStatus {
  if (candidate.attemptStatus === 'submitted') return 'submitted';
  if (candidate.attemptStatus === 'expired') return 'expired';
  if (candidate.revokedAt !== null) return 'revoked';
  if (candidate.attemptStatus === 'in_progress') return 'started';
  if (candidate.expiresAt <= now) return 'link_expired';
  return candidate.openedAt !== null ? 'opened' : 'invited';
}
