import type { Clock } from '../clock';
import type { Db } from '../db/kysely';

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

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: this.clock.now(),
        action: entry.action,
        actor_id: entry.actorId ?? null,
        subject_type: entry.subjectType ?? null,
        subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
        ip: entry.ip ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
      })
      .execute();
  }

  /** Newest first, `pageSize` a page; `action` filters by exact action. */
  async list(options: {
    page: number;
    pageSize: number;
    action?: AuditAction;
  }): Promise<AuditPage> {
    let query = this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.actor_id',
        'users.email as actor_email',
        'audit_log.subject_type',
        'audit_log.subject_id',
        'audit_log.ip',
        'audit_log.details',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(options.pageSize + 1)
      .offset((options.page - 1) * options.pageSize);
    if (options.action) query = query.where('audit_log.action', '=', options.action);
    const rows = await query.execute();
    return {
      hasMore: rows.length > options.pageSize,
      records: rows.slice(0, options.pageSize).map((row) => ({
        id: row.id,
        at: row.at,
        action: row.action,
        actorId: row.actor_id,
        actorEmail: row.actor_email,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        ip: row.ip,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
      })),
    };
  }
}
