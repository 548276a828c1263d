import { Kysely, sql } from 'kysely';

/**
 * The candidate half: invitations (one link per candidate), attempts (one per invitation, with
 * a deadline fixed at start), the draw stored with the attempt, one saved answer per drawn
 * question, and integrity signals. Times are epoch ms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('assessments')
    // JSON: the time accommodations a candidate may ask for [{ key, label, percent }].
    .addColumn('accommodations', 'text', (c) =>
      c.notNull().defaultTo(
        JSON.stringify([
          { key: 'second-language', label: 'I am working in a second language', percent: 25 },
          {
            key: 'condition',
            label: 'I have a condition that affects reading, memory or concentration',
            percent: 50,
          },
        ]),
      ),
    )
    .execute();
  // Optional: seconds each question may take once shown, on top of the overall limit.
  await db.schema
    .alterTable('assessments')
    .addColumn('question_time_limit_seconds', 'integer')
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('assessment_id', 'integer', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('extra_time_percent', 'integer', (c) => c.notNull().defaultTo(0))
    // SHA-256 of the link's token; the token itself is only ever in the emailed link.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('invited_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('opened_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reminded_at', 'bigint')
    // The accommodation the candidate chose privately; managers only see that one applies.
    .addColumn('accommodation_key', 'text')
    .addColumn('accommodation_percent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('invitations_assessment_email')
    .on('invitations')
    .columns(['assessment_id', 'email'])
    .unique()
    .execute();

  await db.schema
    .createTable('attempts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('invitation_id', 'integer', (c) =>
      c.notNull().unique().references('invitations.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('in_progress')
        .check(sql`status in ('in_progress', 'submitted', 'expired')`),
    )
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('start_ip', 'text')
    .addColumn('start_user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('attempts_status_deadline')
    .on('attempts')
    .columns(['status', 'deadline_at'])
    .execute();

  await db.schema
    .createTable('attempt_questions')
    .addColumn('attempt_id', 'integer', (c) =>
      c.notNull().references('attempts.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('skill', 'text', (c) => c.notNull())
    // JSON arrays (or null): the option and matching-answer orders this candidate saw.
    .addColumn('option_order', 'text')
    .addColumn('match_order', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('time_spent_ms', 'integer', (c) => c.notNull().defaultTo(0))
    // When the candidate first saw the question; a per-question time limit counts from here.
    .addColumn('first_shown_at', 'bigint')
    .addPrimaryKeyConstraint('attempt_questions_pk', ['attempt_id', 'position'])
    .execute();
  // Exposure counts for the draw: how often each question has been shown.
  await db.schema
    .createIndex('attempt_questions_question')
    .on('attempt_questions')
    .column('question_id')
    .execute();

  await db.schema
    .createTable('responses')
    .addColumn('attempt_id', 'integer', (c) =>
      c.notNull().references('attempts.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    // JSON: the answer in the question version's own option indexes.
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('responses_pk', ['attempt_id', 'position'])
    .execute();

  await db.schema
    .createTable('integrity_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('attempt_id', 'integer', (c) =>
      c.notNull().references('attempts.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('position', 'integer')
    .addColumn('details', 'text')
    .execute();
  await db.schema
    .createIndex('integrity_events_attempt')
    .on('integrity_events')
    .column('attempt_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('integrity_events').execute();
  await db.schema.dropTable('responses').execute();
  await db.schema.dropTable('attempt_questions').execute();
  await db.schema.dropTable('attempts').execute();
  await db.schema.dropTable('invitations').execute();
  await db.schema.alterTable('assessments').dropColumn('question_time_limit_seconds').execute();
  await db.schema.alterTable('assessments').dropColumn('accommodations').execute();
}
