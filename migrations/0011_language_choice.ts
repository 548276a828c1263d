import { Kysely } from 'kysely';

/**
 * What the job-description matcher found on each line besides its proposals:
 * - `choice`: the languages a line names when it names several (JSON `[{ bank, language }]`),
 *   for the manager to choose which to assess; null for other lines and older ones.
 * - `frameworks`: the frameworks it names (JSON `[{ tag, name, bank }]`), whose questions the
 *   draw prefers in their language's bank.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('assessment_lines').addColumn('choice', 'text').execute();
  await db.schema
    .alterTable('assessment_lines')
    .addColumn('frameworks', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assessment_lines').dropColumn('frameworks').execute();
  await db.schema.alterTable('assessment_lines').dropColumn('choice').execute();
}
