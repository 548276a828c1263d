import type { EpochMs, OutboxStatus } from '../db/schema';

/** An email to send: plain text always, simple HTML when the sender has a version of it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** A message a worker has claimed: no other worker may send it until `claimedUntil`. */
export interface ClaimedMail {
  id: number;
  message: MailMessage;
  /** Delivery tries so far, this one included. */
  attempts: number;
  /** The end of the lease; it also identifies this claim when the outcome is recorded. */
  claimedUntil: EpochMs;
}

/** One row of the outbox as admins see it, without the bodies. */
export interface OutboxEntry {
  id: number;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: EpochMs;
  sentAt: EpochMs | null;
  nextAttemptAt: EpochMs;
  claimedUntil: EpochMs | null;
}

export interface OutboxMessage extends OutboxEntry {
  text: string;
  hasHtml: boolean;
}

export interface OutboxPage {
  entries: OutboxEntry[];
  hasMore: boolean;
}

export type OutboxCounts = Record<OutboxStatus, number>;

/** Where a message is on its way out, as the Outbox page shows it. */
export type DeliveryState = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed';

export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  retrying: 'Waiting to retry',
  sent: 'Sent',
  failed: 'Not delivered',
};
