import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

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
