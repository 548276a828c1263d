import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import type { AuditAction, AuditEntry, AuditPage, AuditRecord } from './audit.types';

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
    const records: AuditRecord[] = rows.slice(0, options.pageSize).map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actorId: row.actor_id,
      actorEmail: row.actor_email,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      ip: row.ip,
      details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    }));
    await this.describeSubjects(records);
    return { hasMore: rows.length > options.pageSize, records };
  }

  /** Names each subject and links it to its page when it still exists (one query per kind). */
  private async describeSubjects(records: AuditRecord[]): Promise<void> {
    const ids = (type: string) => [
      ...new Set(records.filter((r) => r.subjectType === type).map((r) => r.subjectId ?? '')),
    ];
    const numeric = (type: string) => ids(type).map(Number).filter(Number.isInteger);
    const found = new Map<string, { label: string; href: string }>();
    const userIds = numeric('user');
    if (userIds.length) {
      const users = await this.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', 'in', userIds)
        .execute();
      for (const u of users)
        found.set(`user:${u.id}`, {
          label: `${u.email} (user ${u.id})`,
          href: `/admin/users#user-${u.id}`,
        });
    }
    const assessmentIds = numeric('assessment');
    if (assessmentIds.length) {
      const assessments = await this.db
        .selectFrom('assessments')
        .select(['id', 'title'])
        .where('id', 'in', assessmentIds)
        .execute();
      for (const a of assessments)
        found.set(`assessment:${a.id}`, {
          label: `${a.title} (assessment ${a.id})`,
          href: `/assessments/${a.id}`,
        });
    }
    const invitationIds = numeric('invitation');
    if (invitationIds.length) {
      const invitations = await this.db
        .selectFrom('invitations')
        .innerJoin('assessments', 'assessments.id', 'invitations.assessment_id')
        .select(['invitations.id', 'invitations.email', 'invitations.assessment_id'])
        .where('invitations.id', 'in', invitationIds)
        .execute();
      for (const i of invitations)
        found.set(`invitation:${i.id}`, {
          label: `${i.email} (invitation ${i.id})`,
          href: `/assessments/${i.assessment_id}/candidates`,
        });
    }
    const questionIds = ids('question');
    if (questionIds.length) {
      const questions = await this.db
        .selectFrom('questions')
        .innerJoin('skills', 'skills.id', 'questions.skill_id')
        .select(['questions.id', 'skills.slug'])
        .where('questions.id', 'in', questionIds)
        .execute();
      for (const q of questions)
        found.set(`question:${q.id}`, {
          label: `question ${q.id}`,
          href: `/banks/${q.slug}/questions/${q.id}`,
        });
    }
    const slugs = ids('skill');
    if (slugs.length) {
      const skills = await this.db
        .selectFrom('skills')
        .select(['slug', 'name'])
        .where('slug', 'in', slugs)
        .execute();
      for (const k of skills)
        found.set(`skill:${k.slug}`, {
          label: `${k.name} (bank ${k.slug})`,
          href: `/banks/${k.slug}`,
        });
    }
    for (const record of records) {
      if (!record.subjectType) continue;
      const link = found.get(`${record.subjectType}:${record.subjectId}`);
      record.subjectLabel = link?.label ?? `${record.subjectType} ${record.subjectId ?? ''}`.trim();
      record.subjectHref = link?.href;
    }
  }
}
