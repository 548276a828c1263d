import { Kysely, SqliteDialect, sql } from 'kysely';
import { openSqlite } from './connection';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export function createDb(file: string): Db {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
}

/** A real round trip to the database, for health checks. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
