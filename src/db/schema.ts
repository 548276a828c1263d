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
  /** When the worker may next try to send it; 0 (the default) is due at once. */
  next_attempt_at: Generated<EpochMs>;
  /** A worker's lease while it sends: in the future, nobody else may claim the message. */
  claimed_until: EpochMs | null;
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
  /** `YYYY-MM`: when a person last reviewed the question; null when never. */
  reviewed: string | null;
  /** The exclusion group: an attempt draws at most one question of a group. */
  exclusion_group: string | null;
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
  /** JSON object: GIFT category name to the bank slug chosen for it. */
  category_banks: Generated<string>;
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
  /** JSON: the time accommodations candidates may ask for [{ key, label, percent }]. */
  accommodations: Generated<string>;
  question_time_limit_seconds: number | null;
  /** 0 or 1: email the owner a digest of candidates who finished. */
  notify_on_submit: Generated<number>;
  /** When the owner was last sent that digest; null before the first. */
  last_digest_at: EpochMs | null;
  /** Goes up with every change a report shows: an in-memory report is current while it matches. */
  results_version: Generated<number>;
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
  /** JSON: the languages of a line that names several [{ bank, language }], or null. */
  choice: string | null;
  /** JSON: the frameworks the line names [{ tag, name, bank }]. */
  frameworks: Generated<string>;
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

export interface InvitationsTable {
  id: Generated<number>;
  assessment_id: number;
  name: string;
  email: string;
  extra_time_percent: Generated<number>;
  token_hash: string;
  expires_at: EpochMs;
  invited_by: number | null;
  created_at: EpochMs;
  opened_at: EpochMs | null;
  revoked_at: EpochMs | null;
  reminders_sent: Generated<number>;
  last_reminded_at: EpochMs | null;
  accommodation_key: string | null;
  accommodation_percent: Generated<number>;
}

export type AttemptStatus = 'in_progress' | 'submitted' | 'expired';

export interface AttemptsTable {
  id: Generated<number>;
  invitation_id: number;
  status: Generated<AttemptStatus>;
  started_at: EpochMs;
  deadline_at: EpochMs;
  finished_at: EpochMs | null;
  start_ip: string | null;
  start_user_agent: string | null;
  /** The client of the latest request that saved something. */
  last_ip: string | null;
  last_user_agent: string | null;
}

export interface AttemptQuestionsTable {
  attempt_id: number;
  position: number;
  question_id: string;
  version: number;
  skill: string;
  /** JSON array of original option indexes in displayed order, or null. */
  option_order: string | null;
  /** JSON array of matching-answer indexes in displayed order, or null. */
  match_order: string | null;
  flagged: Generated<number>;
  time_spent_ms: Generated<number>;
  first_shown_at: EpochMs | null;
  /** Until when time on the page is already in time_spent_ms. */
  time_counted_at: EpochMs | null;
}

export interface ResponsesTable {
  attempt_id: number;
  position: number;
  /** JSON: the answer in the question version's own option indexes. */
  response: string;
  saved_at: EpochMs;
}

export interface IntegrityEventsTable {
  id: Generated<number>;
  attempt_id: number;
  kind: string;
  at: EpochMs;
  position: number | null;
  details: string | null;
}

export interface EssayGradesTable {
  attempt_id: number;
  position: number;
  /** The fraction of the question's points, 0..1. */
  fraction: number;
  comment: string | null;
  graded_by: number | null;
  graded_at: EpochMs;
}

export interface AttemptScoresTable {
  attempt_id: number;
  overall: number;
  /** 0 or 1. */
  passed: number;
  /** 0 or 1: essays wait for a grade. */
  pending: number;
  /** JSON: the AttemptScore (see scoring/attempt-scoring.ts). */
  result: string;
  computed_at: EpochMs;
}

export type Decision = 'advance' | 'hold' | 'reject';

export interface CandidateDecisionsTable {
  invitation_id: number;
  decision: Decision;
  notes: string | null;
  decided_by: number | null;
  decided_at: EpochMs;
}

export type BackupTrigger = 'manual' | 'scheduled';

/** How many attempts drew each question; the draw prefers the least drawn. */
export interface QuestionExposuresTable {
  question_id: string;
  attempts: number;
}

export interface BackupsTable {
  id: Generated<number>;
  /** Absolute path of the backup file. */
  file: string;
  bytes: number;
  trigger: BackupTrigger;
  created_at: EpochMs;
}

export interface DB {
  backups: BackupsTable;
  essay_grades: EssayGradesTable;
  attempt_scores: AttemptScoresTable;
  candidate_decisions: CandidateDecisionsTable;
  invitations: InvitationsTable;
  attempts: AttemptsTable;
  attempt_questions: AttemptQuestionsTable;
  question_exposures: QuestionExposuresTable;
  responses: ResponsesTable;
  integrity_events: IntegrityEventsTable;
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
