import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import type { AuditAction, AuditEntry, AuditPage } from './audit.types';

export class AuditLog {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  private get db() {
    return this.uow.db;
  }

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
