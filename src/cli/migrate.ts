import { loadConfig } from '../config';
import { createDb } from '../db/kysely';
import { migrateToLatest } from '../db/migrator';
import { runCli } from './context';

runCli(async () => {
  const config = loadConfig();
  const db = createDb(config.databaseFile);
  try {
    const result = await migrateToLatest(db);
    const applied = result.results?.map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await db.destroy();
  }
});
