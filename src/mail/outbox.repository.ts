import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import type { MailMessage } from './mail.types';

/**
 * Every outgoing email is first a row in the `outbox` table, written in the same transaction as
 * the change that caused it: a message exists exactly when its change committed, and is never
 * lost when delivery fails.
 */
export class Outbox {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

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
    this.uow.afterCommit(() =>
      this.logger.info({ outboxId: id, to: message.to, subject: message.subject }, 'mail queued'),
    );
    return id;
  }
}
