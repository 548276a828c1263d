import { Kysely, sql } from 'kysely';

/**
 * Scores, computed once when an attempt ends and stored with the rules applied (the inputs are
 * the attempt's drawn question versions, its responses and the essay grades); essay grades by
 * managers; the manager's decision per candidate; and whether, and when last, the owner was
 * emailed about candidates who finished.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('essay_grades')
    .addColumn('attempt_id', 'integer', (c) =>
      c.notNull().references('attempts.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    // The fraction of the question's points, 0..1.
    .addColumn('fraction', 'real', (c) => c.notNull().check(sql`fraction >= 0 and fraction <= 1`))
    .addColumn('comment', 'text')
    .addColumn('graded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('graded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('essay_grades_pk', ['attempt_id', 'position'])
    .execute();

  await db.schema
    .createTable('attempt_scores')
    .addColumn('attempt_id', 'integer', (c) =>
      c.primaryKey().references('attempts.id').onDelete('cascade'),
    )
    .addColumn('overall', 'real', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    // 1 while essays wait for a grade: the scores are provisional.
    .addColumn('pending', 'integer', (c) => c.notNull())
    // JSON: per question (fraction, points, rule) and per skill (score, interval, pass).
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('candidate_decisions')
    .addColumn('invitation_id', 'integer', (c) =>
      c.primaryKey().references('invitations.id').onDelete('cascade'),
    )
    .addColumn('decision', 'text', (c) =>
      c.notNull().check(sql`decision in ('advance', 'hold', 'reject')`),
    )
    .addColumn('notes', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .execute();

  // The owner's digest of candidates who finished: on by default, at most one an hour.
  // SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('assessments')
    .addColumn('notify_on_submit', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('assessments').addColumn('last_digest_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assessments').dropColumn('last_digest_at').execute();
  await db.schema.alterTable('assessments').dropColumn('notify_on_submit').execute();
  await db.schema.dropTable('candidate_decisions').execute();
  await db.schema.dropTable('attempt_scores').execute();
  await db.schema.dropTable('essay_grades').execute();
}
