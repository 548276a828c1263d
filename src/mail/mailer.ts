import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Db } from '../db/kysely';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The one seam for outgoing mail. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * Queues mail in the `outbox` table, so a message is never lost when delivery fails, and logs
 * that it did (recipient and subject only: bodies carry one-time links).
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const { id } = await this.db
      .insertInto('outbox')
      .values({
        created_at: this.clock.now(),
        to_address: message.to,
        subject: message.subject,
        text_body: message.text,
        html_body: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.logger.info({ outboxId: id, to: message.to, subject: message.subject }, 'mail queued');
  }
}
