import Database from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import { BoundedCache } from '../bounded-cache';

export type SqliteDatabase = Database.Database;

/** Distinct SQL texts kept prepared; Kysely's queries are a few hundred shapes at most. */
const PREPARED_STATEMENTS_KEPT = 1_000;

/** Opens the SQLite file with the pragmas every connection of this app relies on. */
export function openSqlite(file: string): SqliteDatabase {
  const sqlite = new Database(file);
  // WAL lets readers run while one writer commits, and several processes share the file.
  sqlite.pragma('journal_mode = WAL');
  // FULL fsyncs every commit: an acknowledged answer survives a power cut, not only a crash.
  sqlite.pragma('synchronous = FULL');
  // SQLite leaves foreign keys off unless asked, per connection.
  sqlite.pragma('foreign_keys = ON');
  // Wait for another process's write lock instead of failing at once with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * The connection as Kysely sees it, with each SQL text prepared once and reused: preparing
 * costs more than running most of this app's queries. Safe because Kysely runs one query at a
 * time on the connection and this app never streams (a statement mid-iteration is busy).
 */
export function withPreparedStatementCache(sqlite: SqliteDatabase): KyselySqliteDatabase {
  const prepared = new BoundedCache<string, Database.Statement>(PREPARED_STATEMENTS_KEPT);
  return {
    close: () => sqlite.close(),
    prepare: (source: string) => prepared.getOrSet(source, (text) => sqlite.prepare(text)),
  };
}
