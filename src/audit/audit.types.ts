export const AUDIT_ACTIONS = [
  'sign_in.success',
  'sign_in.failure',
  'sign_in.lockout',
  'sign_out',
  'setup.admin_created',
  'user.created',
  'user.invited',
  'user.invite_link_issued',
  'user.disabled',
  'user.enabled',
  'user.role_changed',
  'password.reset_requested',
  'password.changed',
  'bank.imported',
  'bank.created',
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

/** What each action means, in words, for the audit log page. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'sign_in.success': 'Signed in',
  'sign_in.failure': 'Sign-in failed',
  'sign_in.lockout': 'Sign-in locked after failures',
  sign_out: 'Signed out',
  'setup.admin_created': 'First admin created at setup',
  'user.created': 'User created',
  'user.invited': 'User invited',
  'user.invite_link_issued': 'New invitation link issued',
  'user.disabled': 'User disabled',
  'user.enabled': 'User re-enabled',
  'user.role_changed': 'User role changed',
  'password.reset_requested': 'Password reset requested',
  'password.changed': 'Password set or changed',
  'bank.imported': 'Bank file imported',
  'bank.created': 'Bank created',
  'question.created': 'Question created',
  'question.edited': 'Question edited',
  'question.duplicated': 'Question copied',
  'question.retired': 'Question retired',
  'question.restored': 'Question brought back',
  'assessment.created': 'Assessment created',
  'assessment.updated': 'Assessment settings changed',
  'assessment.opened': 'Assessment opened',
  'assessment.closed': 'Assessment closed',
  'assessment.duplicated': 'Assessment duplicated',
  'assessment.collaborator_added': 'Collaborator added',
  'assessment.collaborator_removed': 'Collaborator removed',
  'invitation.created': 'Candidate invited',
  'invitation.revoked': 'Invitation revoked',
  'invitation.resent': 'Invitation resent',
  'invitation.extended': 'Invitation extended',
  'invitation.reminded': 'Reminder sent',
  'attempt.time_added': 'Time added to an attempt',
  'attempt.reopened': 'Attempt reopened',
  'attempt.rescored': 'Attempt rescored',
  'essay.graded': 'Essay graded',
  'candidate.decided': 'Candidate decision recorded',
};

/** The label of a stored action; an action no longer in the list shows as stored. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string | undefined>)[action] ?? action;
}

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
  /** The subject in words ("assessment Backend hire"), when there is one. */
  subjectLabel?: string;
  /** Where the subject can be seen, when it still exists. */
  subjectHref?: string;
}

export interface AuditPage {
  records: AuditRecord[];
  hasMore: boolean;
}
