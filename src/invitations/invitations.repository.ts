import type { Kysely, Selectable } from 'kysely';
import type { AttemptStatus, DB, InvitationsTable } from '../db/schema';
import { PreparedQuery } from '../db/prepared-query';
import type { UnitOfWork } from '../db/unit-of-work';
import type { AttemptScore } from '../scoring/attempt-scoring';
import type {
  Candidate,
  CandidateProgress,
  Invitation,
  ListedCandidate,
} from './invitations.types';

type InvitationRow = Selectable<InvitationsTable>;

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    name: row.name,
    email: row.email,
    extraTimePercent: row.extra_time_percent,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    openedAt: row.opened_at,
    revokedAt: row.revoked_at,
    remindersSent: row.reminders_sent,
    accommodationKey: row.accommodation_key,
    accommodationPercent: row.accommodation_percent,
  };
}

type ProgressRow = InvitationRow & {
  attempt_id: number | null;
  attempt_status: AttemptStatus | null;
  started_at: number | null;
  deadline_at: number | null;
  finished_at: number | null;
  answered: number | null;
  total: number | null;
};

function toProgress(row: ProgressRow): CandidateProgress {
  return {
    ...toInvitation(row),
    attemptId: row.attempt_id,
    attemptStatus: row.attempt_status,
    startedAt: row.started_at,
    deadlineAt: row.deadline_at,
    finishedAt: row.finished_at,
    answered: Number(row.answered ?? 0),
    total: Number(row.total ?? 0),
  };
}

function toCandidate(row: ProgressRow & { score: string | null }): Candidate {
  return {
    ...toProgress(row),
    score: row.score === null ? null : (JSON.parse(row.score) as AttemptScore),
  };
}

function toListed(
  row: ProgressRow & { overall: number | null; passed: number | null; pending: number | null },
): ListedCandidate {
  return {
    ...toProgress(row),
    result:
      row.overall === null
        ? null
        : { score: row.overall, passed: row.passed === 1, pending: row.pending === 1 },
  };
}

export interface NewInvitation {
  assessmentId: number;
  name: string;
  email: string;
  extraTimePercent: number;
  tokenHash: string;
  expiresAt: number;
  invitedBy: number | null;
  now: number;
}

/** Invitations with their attempt's progress and stored score. */
function candidateQuery(db: Kysely<DB>, assessmentId: number) {
  return progressQuery(db, assessmentId).select('attempt_scores.result as score');
}

/** Invitations with their attempt's progress; the caller selects which score columns. */
function progressQuery(db: Kysely<DB>, assessmentId: number) {
  return db
    .selectFrom('invitations')
    .leftJoin('attempts', 'attempts.invitation_id', 'invitations.id')
    .leftJoin('attempt_scores', 'attempt_scores.attempt_id', 'attempts.id')
    .selectAll('invitations')
    .select((eb) => [
      'attempts.id as attempt_id',
      'attempts.status as attempt_status',
      'attempts.started_at',
      'attempts.deadline_at',
      'attempts.finished_at',
      eb
        .selectFrom('responses')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('responses.attempt_id', '=', 'attempts.id')
        .as('answered'),
      eb
        .selectFrom('attempt_questions')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('attempt_questions.attempt_id', '=', 'attempts.id')
        .as('total'),
    ])
    .where('invitations.assessment_id', '=', assessmentId);
}

/** A candidate's report reads their invitation, progress and score with this. */
const candidateById = new PreparedQuery((db, values: { assessmentId: number; id: number }) =>
  candidateQuery(db, values.assessmentId).where('invitations.id', '=', values.id),
);

/** A candidate's every request reads their invitation with this. */
const invitationById = new PreparedQuery((db, values: { id: number }) =>
  db.selectFrom('invitations').selectAll().where('id', '=', values.id),
);

/** Invitations: one emailed link per candidate and assessment. */
export class InvitationsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async insert(invitation: NewInvitation): Promise<Invitation> {
    const row = await this.db
      .insertInto('invitations')
      .values({
        assessment_id: invitation.assessmentId,
        name: invitation.name,
        email: invitation.email,
        extra_time_percent: invitation.extraTimePercent,
        token_hash: invitation.tokenHash,
        expires_at: invitation.expiresAt,
        invited_by: invitation.invitedBy,
        created_at: invitation.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toInvitation(row);
  }

  async findById(id: number): Promise<Invitation | undefined> {
    const row = await invitationById.first(this.db, { id });
    return row && toInvitation(row);
  }

  async findByTokenHash(hash: string): Promise<Invitation | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    return row && toInvitation(row);
  }

  async emailsInvited(assessmentId: number, emails: readonly string[]): Promise<Set<string>> {
    if (!emails.length) return new Set();
    const rows = await this.db
      .selectFrom('invitations')
      .select('email')
      .where('assessment_id', '=', assessmentId)
      .where('email', 'in', emails)
      .execute();
    return new Set(rows.map((row) => row.email));
  }

  /** Every invitation of an assessment with its attempt's progress, newest first. */
  async candidates(assessmentId: number): Promise<Candidate[]> {
    const rows = await candidateQuery(this.db, assessmentId)
      .orderBy('invitations.id', 'desc')
      .execute();
    return rows.map(toCandidate);
  }

  /**
   * One page of the candidates, newest invitation first, with the overall result from its
   * columns: the page does not read and parse every question's score.
   */
  async candidatesPage(
    assessmentId: number,
    page: { offset: number; limit: number },
  ): Promise<ListedCandidate[]> {
    const rows = await progressQuery(this.db, assessmentId)
      .select(['attempt_scores.overall', 'attempt_scores.passed', 'attempt_scores.pending'])
      .orderBy('invitations.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toListed);
  }

  async countCandidates(assessmentId: number): Promise<number> {
    const row = await this.db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async candidate(assessmentId: number, id: number): Promise<Candidate | undefined> {
    const row = await candidateById.first(this.db, { assessmentId, id });
    return row && toCandidate(row);
  }

  async markOpened(id: number, now: number): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ opened_at: now })
      .where('id', '=', id)
      .where('opened_at', 'is', null)
      .execute();
  }

  async revoke(id: number, now: number): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** A new link: the old token's hash is replaced, so the old link stops working. */
  async replaceToken(id: number, tokenHash: string, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ token_hash: tokenHash, expires_at: expiresAt, revoked_at: null })
      .where('id', '=', id)
      .execute();
  }

  async setExpiry(id: number, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }

  async setAccommodation(id: number, key: string | null, percent: number): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ accommodation_key: key, accommodation_percent: percent })
      .where('id', '=', id)
      .execute();
  }

  /** Invitations not started, not revoked, whose link is still valid and that are due a reminder. */
  async dueForReminder(
    now: number,
    invitedBefore: number,
    maxReminders: number,
  ): Promise<Invitation[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('created_at', '<=', invitedBefore)
      .where('reminders_sent', '<', maxReminders)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('attempts')
              .select('id')
              .whereRef('attempts.invitation_id', '=', 'invitations.id'),
          ),
        ),
      )
      .orderBy('id')
      .limit(100)
      .execute();
    return rows.map(toInvitation);
  }

  async markReminded(id: number, now: number): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set((eb) => ({ reminders_sent: eb('reminders_sent', '+', 1), last_reminded_at: now }))
      .where('id', '=', id)
      .execute();
  }
}
