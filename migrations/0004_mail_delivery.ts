import type { Kysely } from 'kysely';

/**
 * What the mail worker needs: when a message is next due, and a lease on the message it is
 * sending. A message stays 'pending' while claimed: `claimed_until` in the future means a worker
 * is sending it, in the past means that worker died and the message may be claimed again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // 0 for messages already queued and for new ones: due at once.
  await db.schema
    .alterTable('outbox')
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('outbox').addColumn('claimed_until', 'bigint').execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_due').execute();
  await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
  await db.schema.alterTable('outbox').dropColumn('next_attempt_at').execute();
}
