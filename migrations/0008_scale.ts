import { Kysely, sql } from 'kysely';

/**
 * What the app needs to stay fast with thousands of candidates:
 * - `assessments.results_version` goes up with every change a report shows (an invitation, an
 *   attempt's start or end, a score), so a process can keep a report's figures in memory and
 *   know, from one row it reads anyway, when they are stale.
 * - `attempts.last_ip` / `last_user_agent`: the client last seen, so an answer's save compares
 *   it in memory instead of looking up the latest integrity event.
 * - `attempt_questions.time_counted_at`: until when time on the page was counted, so an
 *   autosave can add the time since without writing the candidate's session.
 * - Indexes for the manager's candidate list, ordered by name or newest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('assessments')
    .addColumn('results_version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('attempts').addColumn('last_ip', 'text').execute();
  await db.schema.alterTable('attempts').addColumn('last_user_agent', 'text').execute();
  await db.schema.alterTable('attempt_questions').addColumn('time_counted_at', 'bigint').execute();
  // Until now the start was the last client seen.
  await sql`update attempts set last_ip = start_ip, last_user_agent = start_user_agent`.execute(db);
  await db.schema
    .createIndex('invitations_assessment_name')
    .on('invitations')
    .columns(['assessment_id', 'name', 'id'])
    .execute();
  await db.schema
    .createIndex('invitations_assessment_id')
    .on('invitations')
    .columns(['assessment_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('invitations_assessment_id').execute();
  await db.schema.dropIndex('invitations_assessment_name').execute();
  await db.schema.alterTable('attempt_questions').dropColumn('time_counted_at').execute();
  await db.schema.alterTable('attempts').dropColumn('last_user_agent').execute();
  await db.schema.alterTable('attempts').dropColumn('last_ip').execute();
  await db.schema.alterTable('assessments').dropColumn('results_version').execute();
}
