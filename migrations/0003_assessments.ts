import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'open', 'closed')`),
    )
    .addColumn('job_description', 'text', (c) => c.notNull())
    .addColumn('time_limit_minutes', 'integer', (c) => c.notNull())
    .addColumn('pass_threshold', 'real', (c) => c.notNull())
    .addColumn('difficulty_min', 'integer', (c) => c.notNull())
    .addColumn('difficulty_max', 'integer', (c) => c.notNull())
    .addColumn('shuffle', 'integer', (c) => c.notNull())
    .addColumn('show_results', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessments_owner_id')
    .on('assessments')
    .column('owner_id')
    .execute();

  // The job description's skill lines as detected, and what the manager mapped each to.
  await db.schema
    .createTable('assessment_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('assessment_id', 'integer', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('matches', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_lines_assessment')
    .on('assessment_lines')
    .columns(['assessment_id', 'position'])
    .execute();

  await db.schema
    .createTable('assessment_skills')
    .addColumn('assessment_id', 'integer', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('skill_id', 'integer', (c) => c.notNull().references('skills.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addColumn('pass_threshold', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_skills_pk', ['assessment_id', 'skill_id'])
    .execute();

  await db.schema
    .createTable('assessment_members')
    .addColumn('assessment_id', 'integer', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_members_pk', ['assessment_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('assessment_members_user')
    .on('assessment_members')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'assessment_members',
    'assessment_skills',
    'assessment_lines',
    'assessments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
