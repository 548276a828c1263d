export const AUDIT_ACTIONS = [
  'sign_in.success',
  'sign_in.failure',
  'sign_in.lockout',
  'sign_out',
  'setup.admin_created',
  'user.created',
  'user.invited',
  'user.disabled',
  'user.enabled',
  'user.role_changed',
  'password.reset_requested',
  'password.changed',
  'bank.imported',
  'question.created',
  'question.edited',
  'question.duplicated',
  'question.retired',
  'question.restored',
  'assessment.created',
  'assessment.updated',
  'assessment.opened',
  'assessment.closed',
  'assessment.duplicated',
  'assessment.collaborator_added',
  'assessment.collaborator_removed',
  'invitation.created',
  'invitation.revoked',
  'invitation.resent',
  'invitation.extended',
  'invitation.reminded',
  'attempt.time_added',
  'attempt.reopened',
  'attempt.rescored',
  'essay.graded',
  'candidate.decided',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actorId?: number | null;
  subjectType?: string;
  subjectId?: string | number;
  ip?: string | null;
  /** Never put secrets (tokens, passwords) here. */
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  id: number;
  at: number;
  action: string;
  actorId: number | null;
  actorEmail: string | null;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  records: AuditRecord[];
  hasMore: boolean;
}
