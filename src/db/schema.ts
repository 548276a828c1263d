import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Epoch milliseconds, UTC. */
export type EpochMs = number;

export type Role = 'admin' | 'manager';
export const ROLES: readonly Role[] = ['admin', 'manager'];

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

export interface DB {
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

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
