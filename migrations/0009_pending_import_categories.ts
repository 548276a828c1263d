import type { Kysely } from 'kysely';

/**
 * The banks an admin chose, on the import preview, for GIFT categories that name no bank:
 * a JSON object from category name to bank slug, used again when the import is confirmed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('pending_imports')
    .addColumn('category_banks', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pending_imports').dropColumn('category_banks').execute();
}
