import type { Expression, ExpressionBuilder } from 'kysely';
import type { DB, EpochMs } from '../db/schema';
import type { UnitOfWork } from '../db/unit-of-work';

/** An assessment whose owner is due a digest, and where to send it. */
export interface DigestTarget {
  assessmentId: number;
  title: string;
  ownerName: string;
  ownerEmail: string;
  /** When the previous digest went out; null before the first. */
  lastDigestAt: EpochMs | null;
}

export interface FinishedCandidate {
  name: string;
  /** The attempt ended because time ran out, not by submitting. */
  timedOut: boolean;
}

/**
 * Each digest covers attempts that ended in [last digest, this digest): half-open, so an attempt
 * ending in the very millisecond of a digest is reported once, by the next one.
 */
function endedBetween(
  eb: ExpressionBuilder<DB, 'attempts'>,
  since: EpochMs | Expression<EpochMs>,
  before: EpochMs,
) {
  return eb.and([
    eb('attempts.status', 'in', ['submitted', 'expired']),
    eb('attempts.finished_at', '>=', since),
    eb('attempts.finished_at', '<', before),
  ]);
}

/** The queries behind the owner's digest of candidates who finished. */
export class SubmissionDigestRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  /**
   * Open or closed assessments that want digests, owned by an active user, not emailed since
   * `lastSentBy` (or never), with at least one attempt ended since their last digest.
   */
  listDue(now: EpochMs, lastSentBy: EpochMs): Promise<DigestTarget[]> {
    return this.dueQuery(now, lastSentBy).orderBy('assessments.id').execute();
  }

  /** The same check for one assessment, repeated inside the transaction that sends it. */
  findDue(
    assessmentId: number,
    now: EpochMs,
    lastSentBy: EpochMs,
  ): Promise<DigestTarget | undefined> {
    return this.dueQuery(now, lastSentBy)
      .where('assessments.id', '=', assessmentId)
      .executeTakeFirst();
  }

  /** Candidates whose attempt ended in [since, before), in the order they finished. */
  async finishedBetween(
    assessmentId: number,
    since: EpochMs | null,
    before: EpochMs,
  ): Promise<FinishedCandidate[]> {
    const rows = await this.db
      .selectFrom('attempts')
      .innerJoin('invitations', 'invitations.id', 'attempts.invitation_id')
      .select(['invitations.name', 'attempts.status'])
      .where('invitations.assessment_id', '=', assessmentId)
      .where((eb) => endedBetween(eb, since ?? 0, before))
      .orderBy('attempts.finished_at')
      .orderBy('attempts.id')
      .execute();
    return rows.map((row) => ({ name: row.name, timedOut: row.status === 'expired' }));
  }

  async markSent(assessmentId: number, at: EpochMs): Promise<void> {
    await this.db
      .updateTable('assessments')
      .set({ last_digest_at: at })
      .where('id', '=', assessmentId)
      .execute();
  }

  private dueQuery(now: EpochMs, lastSentBy: EpochMs) {
    return this.db
      .selectFrom('assessments')
      .innerJoin('users as owner', 'owner.id', 'assessments.owner_id')
      .select([
        'assessments.id as assessmentId',
        'assessments.title',
        'owner.name as ownerName',
        'owner.email as ownerEmail',
        'assessments.last_digest_at as lastDigestAt',
      ])
      .where('assessments.status', 'in', ['open', 'closed'])
      .where('assessments.notify_on_submit', '=', 1)
      .where('owner.disabled_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('assessments.last_digest_at', 'is', null),
          eb('assessments.last_digest_at', '<=', lastSentBy),
        ]),
      )
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('attempts')
            .innerJoin('invitations', 'invitations.id', 'attempts.invitation_id')
            .select('attempts.id')
            .whereRef('invitations.assessment_id', '=', 'assessments.id')
            .where((inner) =>
              endedBetween(
                inner,
                inner.fn.coalesce('assessments.last_digest_at', inner.val(0)),
                now,
              ),
            ),
        ),
      );
  }
}
