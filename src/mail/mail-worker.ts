import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { nextAttemptAt } from './delivery-policy';
import type { ClaimedMail } from './mail.types';
import type { OutboxStore } from './outbox.repository';
import { redactOneTimeLinks } from './redact-links';
import type { MailTransport } from './smtp-transport';

/**
 * How long a claimed message is reserved for the worker sending it: well beyond what the SMTP
 * transport's timeouts let a send take, so a live worker does not lose its claim mid-send.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** Messages one run sends at most, so stopping the server never waits on a long backlog. */
const MESSAGES_PER_RUN = 50;

/** Error text kept on the message and shown to admins; SMTP replies are short. */
const MAX_ERROR_LENGTH = 500;

export interface MailWorkerDependencies {
  store: OutboxStore;
  transport: MailTransport;
  clock: Clock;
  logger: Logger;
}

/** What one run did. */
export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers the outbox. Each message is claimed (a lease, written in a transaction) before it is
 * sent and marked sent right after, so no two workers send it and a sent message is never sent
 * again. Only when a worker dies between the server's acceptance and the mark does the lease run
 * out and another worker send the message once more: at-least-once in that crash case, which
 * beats losing an invitation.
 */
export class MailWorker {
  constructor(private readonly deps: MailWorkerDependencies) {}

  /** Sends the messages that are due, one by one. */
  async run(): Promise<DeliveryRun> {
    const done: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
    for (let count = 0; count < MESSAGES_PER_RUN; count += 1) {
      const claim = await this.deps.store.claimNextDue(this.deps.clock.now(), CLAIM_LEASE_MS);
      if (!claim) break;
      done[await this.deliver(claim)] += 1;
    }
    return done;
  }

  private async deliver(claim: ClaimedMail): Promise<keyof DeliveryRun> {
    try {
      await this.deps.transport.send(claim.message);
    } catch (error) {
      return this.recordFailure(claim, error);
    }
    const { text, html } = claim.message;
    const stillOurs = await this.deps.store.markSent(claim, this.deps.clock.now(), {
      text: redactOneTimeLinks(text),
      html: html === undefined ? null : redactOneTimeLinks(html),
    });
    const fields = this.logFields(claim);
    if (stillOurs) this.deps.logger.info(fields, 'mail sent');
    else this.deps.logger.warn(fields, 'mail sent after its claim ran out; it may arrive twice');
    return 'sent';
  }

  private async recordFailure(claim: ClaimedMail, error: unknown): Promise<keyof DeliveryRun> {
    const reason = describeError(error);
    const retryAt = nextAttemptAt(claim.attempts, this.deps.clock.now());
    await this.deps.store.markFailed(claim, { error: reason, retryAt });
    const fields = { ...this.logFields(claim), attempts: claim.attempts, error: reason };
    if (retryAt === null) {
      this.deps.logger.error(fields, 'mail not delivered; no tries left');
      return 'failed';
    }
    this.deps.logger.warn({ ...fields, retryAt: new Date(retryAt) }, 'mail not delivered yet');
    return 'retrying';
  }

  /** Recipient and subject only: bodies carry one-time links. */
  private logFields(claim: ClaimedMail) {
    return { outboxId: claim.id, to: claim.message.to, subject: claim.message.subject };
  }
}

/** The error's message only: nodemailer errors also carry the SMTP conversation. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}
