import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { EpochMs, OutboxTable } from '../db/schema';
import type { UnitOfWork } from '../db/unit-of-work';
import type {
  ClaimedMail,
  MailMessage,
  OutboxCounts,
  OutboxEntry,
  OutboxMessage,
  OutboxPage,
} from './mail.types';

/**
 * Every outgoing email is first a row in the `outbox` table, written in the same transaction as
 * the change that caused it: a message exists exactly when its change committed, and is never
 * lost when delivery fails.
 */
export class Outbox {
  private queuedListener: (() => void) | undefined;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Called once each queued message has committed; the jobs wiring wakes the mail worker. */
  onQueued(listener: () => void): void {
    this.queuedListener = listener;
  }

  async enqueue(message: MailMessage): Promise<number> {
    const { id } = await this.uow.db
      .insertInto('outbox')
      .values({
        created_at: this.clock.now(),
        to_address: message.to,
        subject: message.subject,
        text_body: message.text,
        html_body: message.html ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Recipient and subject only: bodies carry one-time links.
    this.uow.afterCommit(() => {
      this.logger.info({ outboxId: id, to: message.to, subject: message.subject }, 'mail queued');
      this.queuedListener?.();
    });
    return id;
  }
}

const ENTRY_COLUMNS = [
  'id',
  'to_address',
  'subject',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
  'next_attempt_at',
  'claimed_until',
] as const;

type EntryRow = Pick<Selectable<OutboxTable>, (typeof ENTRY_COLUMNS)[number]>;

function toEntry(row: EntryRow): OutboxEntry {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    nextAttemptAt: row.next_attempt_at,
    claimedUntil: row.claimed_until,
  };
}

/** The outbox as the mail worker and the admin's Outbox page use it. */
export class OutboxStore {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  /**
   * Claims the pending message due first, for `leaseMs`, and counts the try. The select and the
   * update run in one writer transaction, so two workers (even in two processes) never claim the
   * same message; a claim whose lease has run out may be taken again.
   */
  claimNextDue(now: EpochMs, leaseMs: number): Promise<ClaimedMail | undefined> {
    return this.uow.transaction(async () => {
      const row = await this.db
        .selectFrom('outbox')
        .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'attempts'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      const claim = { id: row.id, attempts: row.attempts + 1, claimedUntil: now + leaseMs };
      await this.db
        .updateTable('outbox')
        .set({ claimed_until: claim.claimedUntil, attempts: claim.attempts })
        .where('id', '=', row.id)
        .execute();
      const message: MailMessage = {
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
      };
      if (row.html_body !== null) message.html = row.html_body;
      return { ...claim, message };
    });
  }

  /**
   * Marks a claimed message sent and replaces its bodies with the redacted copies in the same
   * write, so a sent message never keeps its one-time link. False when the claim had already
   * expired and another worker took the message over.
   */
  async markSent(
    claim: ClaimedMail,
    sentAt: EpochMs,
    redacted: { text: string; html: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({
        status: 'sent',
        sent_at: sentAt,
        claimed_until: null,
        text_body: redacted.text,
        html_body: redacted.html,
      })
      .where('id', '=', claim.id)
      .where('claimed_until', '=', claim.claimedUntil)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Records a failed try and releases the claim: pending again from `retryAt`, or 'failed' for
   * good when `retryAt` is null. Nothing changes when the claim already passed to another worker.
   */
  async markFailed(
    claim: ClaimedMail,
    failure: { error: string; retryAt: EpochMs | null },
  ): Promise<void> {
    const outcome =
      failure.retryAt === null
        ? { status: 'failed' as const }
        : { status: 'pending' as const, next_attempt_at: failure.retryAt };
    await this.db
      .updateTable('outbox')
      .set({ ...outcome, last_error: failure.error, claimed_until: null })
      .where('id', '=', claim.id)
      .where('claimed_until', '=', claim.claimedUntil)
      .execute();
  }

  /** Newest first, `pageSize` a page. */
  async list(options: { page: number; pageSize: number }): Promise<OutboxPage> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(ENTRY_COLUMNS)
      .orderBy('id', 'desc')
      .limit(options.pageSize + 1)
      .offset((options.page - 1) * options.pageSize)
      .execute();
    return {
      entries: rows.slice(0, options.pageSize).map(toEntry),
      hasMore: rows.length > options.pageSize,
    };
  }

  async get(id: number): Promise<OutboxMessage | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .select([...ENTRY_COLUMNS, 'text_body', 'html_body'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return { ...toEntry(row), text: row.text_body, hasHtml: row.html_body !== null };
  }

  async countByStatus(): Promise<OutboxCounts> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute();
    const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }
}
