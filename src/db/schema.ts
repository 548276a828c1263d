import type { Generated } from 'kysely';
import type { Role } from '../users/users.types';

/** Epoch milliseconds, UTC. */
export type EpochMs = number;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  disabled_at: EpochMs | null;
  last_sign_in_at: EpochMs | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface SessionsTable {
  sid: string;
  user_id: number | null;
  data: string;
  expires_at: EpochMs;
}

export type TokenPurpose = 'invite' | 'reset';

export interface UserTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: TokenPurpose;
  token_hash: string;
  expires_at: EpochMs;
  used_at: EpochMs | null;
  created_at: EpochMs;
}

export interface AppSettingsTable {
  key: string;
  value: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: EpochMs;
  locked_until: EpochMs | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: EpochMs;
  actor_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  details: string | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  created_at: EpochMs;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: EpochMs | null;
}

export interface SkillsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  /** JSON array of strings. */
  keywords: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface QuestionsTable {
  id: string;
  skill_id: number;
  current_version: number;
  file_version: number | null;
  retired_at: EpochMs | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export type VersionSource = 'file' | 'editor' | 'gift' | 'csv';

export interface QuestionVersionsTable {
  id: Generated<number>;
  question_id: string;
  version: number;
  type: string;
  difficulty: number;
  points: number;
  /** JSON array of strings. */
  tags: string;
  prompt: string;
  /** JSON of the whole question (see banks/question.schemas.ts) without its id. */
  content: string;
  content_hash: string;
  source: VersionSource;
  created_by: number | null;
  created_at: EpochMs;
}

export interface PendingImportsTable {
  id: string;
  user_id: number;
  filename: string;
  skill: string | null;
  content: string;
  created_at: EpochMs;
}

export type AssessmentStatus = 'draft' | 'open' | 'closed';

export interface AssessmentsTable {
  id: Generated<number>;
  owner_id: number;
  title: string;
  status: AssessmentStatus;
  job_description: string;
  time_limit_minutes: number;
  /** Percent, 0..100. */
  pass_threshold: number;
  difficulty_min: number;
  difficulty_max: number;
  /** 0 or 1. */
  shuffle: number;
  /** 0 or 1. */
  show_results: number;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface AssessmentLinesTable {
  id: Generated<number>;
  assessment_id: number;
  position: number;
  text: string;
  section: string;
  /** JSON: the matcher's proposals [{ skill, score, why }]. */
  matches: string;
  /** JSON: the bank slugs the manager kept for this line (empty: dropped). */
  skills: string;
}

export interface AssessmentSkillsTable {
  assessment_id: number;
  skill_id: number;
  position: number;
  section: string;
  question_count: number;
  weight: number;
  /** Percent, 0..100. */
  pass_threshold: number;
}

export interface AssessmentMembersTable {
  assessment_id: number;
  user_id: number;
  added_at: EpochMs;
}

export interface DB {
  assessments: AssessmentsTable;
  assessment_lines: AssessmentLinesTable;
  assessment_skills: AssessmentSkillsTable;
  assessment_members: AssessmentMembersTable;
  skills: SkillsTable;
  questions: QuestionsTable;
  question_versions: QuestionVersionsTable;
  pending_imports: PendingImportsTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  app_settings: AppSettingsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
}
