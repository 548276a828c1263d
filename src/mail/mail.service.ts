import type { Clock } from '../clock';
import { NotFoundError } from '../http/errors';
import type { DeliveryState, OutboxCounts, OutboxEntry, OutboxMessage } from './mail.types';
import type { OutboxStore } from './outbox.repository';

export interface OutboxListing {
  entries: (OutboxEntry & { state: DeliveryState })[];
  hasMore: boolean;
  counts: OutboxCounts;
}

/** The admin's view of outgoing mail; queuing goes through Outbox inside each use case. */
export class MailService {
  constructor(
    private readonly deps: {
      store: OutboxStore;
      clock: Clock;
      /** SMTP_URL is set, so the mail worker runs. */
      deliveryConfigured: boolean;
    },
  ) {}

  get deliveryConfigured(): boolean {
    return this.deps.deliveryConfigured;
  }

  async list(options: { page: number; pageSize: number }): Promise<OutboxListing> {
    const [page, counts] = await Promise.all([
      this.deps.store.list(options),
      this.deps.store.countByStatus(),
    ]);
    const now = this.deps.clock.now();
    return {
      entries: page.entries.map((entry) => ({ ...entry, state: deliveryState(entry, now) })),
      hasMore: page.hasMore,
      counts,
    };
  }

  async get(id: number): Promise<OutboxMessage & { state: DeliveryState }> {
    const message = await this.deps.store.get(id);
    if (!message) throw new NotFoundError('There is no such message in the outbox.');
    return { ...message, state: deliveryState(message, this.deps.clock.now()) };
  }
}

/** A pending message is being sent while a live claim holds it, and waits after a failed try. */
function deliveryState(entry: OutboxEntry, now: number): DeliveryState {
  if (entry.status !== 'pending') return entry.status;
  if (entry.claimedUntil !== null && entry.claimedUntil > now) return 'sending';
  return entry.attempts > 0 ? 'retrying' : 'queued';
}
