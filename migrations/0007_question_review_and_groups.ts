import { Kysely } from 'kysely';

/**
 * Two question fields that queries need outside the version's JSON: the month a person last
 * reviewed the question (`2026-12`, null when never), and its exclusion group (questions that ask
 * the same thing; an attempt draws at most one of a group). Older versions have neither.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('question_versions').addColumn('reviewed', 'text').execute();
  await db.schema.alterTable('question_versions').addColumn('exclusion_group', 'text').execute();
  await db.schema
    .createIndex('question_versions_exclusion_group')
    .on('question_versions')
    .column('exclusion_group')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('question_versions_exclusion_group').execute();
  await db.schema.alterTable('question_versions').dropColumn('exclusion_group').execute();
  await db.schema.alterTable('question_versions').dropColumn('reviewed').execute();
}
