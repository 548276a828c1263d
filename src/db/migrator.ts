import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations';
import type { Db } from './kysely';

function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Brings the schema to the latest migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

export async function migrateDownAll(db: Db): Promise<void> {
  const migrator = createMigrator(db);
  for (;;) {
    const result = await migrator.migrateDown();
    if (result.error) throw result.error;
    if (!result.results?.length) return;
  }
}
