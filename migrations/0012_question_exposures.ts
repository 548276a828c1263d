import { Kysely, sql } from 'kysely';

/**
 * How many attempts drew each question, kept as a count instead of a GROUP BY over every drawn
 * question: each start reads it for the whole pool, inside its write transaction, and with
 * 10,000 past attempts the GROUP BY took 23 ms of that lock. Filled from the attempts so far.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('question_exposures')
    .addColumn('question_id', 'text', (col) => col.primaryKey().references('questions.id'))
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .execute();
  await sql`insert into question_exposures (question_id, attempts)
    select question_id, count(*) from attempt_questions group by question_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('question_exposures').execute();
}
