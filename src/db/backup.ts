import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Tables every skillscreen database has, whatever its version. */
const CORE_TABLES = ['users', 'assessments', 'questions', 'kysely_migration'];

/**
 * A consistent copy of the live database, taken with SQLite's online backup API while the app
 * keeps serving: the copy is one moment of the database, written to a temporary name, checked,
 * then renamed into place. Returns the backup's size in bytes.
 */
export async function backupDatabase(databaseFile: string, targetFile: string): Promise<number> {
  fs.mkdirSync(path.dirname(targetFile), { recursive: true });
  const partial = `${targetFile}.partial`;
  const source = new Database(databaseFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(partial);
  } finally {
    source.close();
  }
  // The copy comes in WAL mode like its source; as one self-contained file it travels whole.
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problems = inspectDatabase(partial, { knownMigrations: null }).problems;
  if (problems.length) {
    fs.rmSync(partial, { force: true });
    throw new Error(`The backup did not pass its check: ${problems.join(' ')}`);
  }
  fs.renameSync(partial, targetFile);
  return fs.statSync(targetFile).size;
}

export interface DatabaseInspection {
  problems: string[];
  migrations: string[];
}

/**
 * Whether a file is a sound skillscreen database this version can run: SQLite's integrity
 * check passes, the app's tables are there, and it has no migration this version does not know
 * (a backup from a newer version). `knownMigrations` null skips that last check.
 */
export function inspectDatabase(
  file: string,
  options: { knownMigrations: readonly string[] | null },
): DatabaseInspection {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      return {
        problems: [`SQLite's integrity check failed (${String(integrity)}).`],
        migrations: [],
      };
    const tables = new Set(
      (
        db.prepare(`select name from sqlite_master where type = 'table'`).all() as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    const missing = CORE_TABLES.filter((table) => !tables.has(table));
    if (missing.length)
      return {
        problems: [`This is not a skillscreen database (no ${missing.join(', ')} table).`],
        migrations: [],
      };
    const migrations = (
      db.prepare('select name from kysely_migration order by name').all() as { name: string }[]
    ).map((row) => row.name);
    const unknown = options.knownMigrations
      ? migrations.filter((name) => !options.knownMigrations?.includes(name))
      : [];
    return {
      problems: unknown.length
        ? [`It comes from a newer version of skillscreen (${unknown.join(', ')}): upgrade first.`]
        : [],
      migrations,
    };
  } catch (error) {
    return {
      problems: [`It cannot be read as a database (${(error as Error).message}).`],
      migrations: [],
    };
  } finally {
    db?.close();
  }
}

/**
 * Puts a checked backup in place of the database of a stopped instance. The files it replaces
 * (database, WAL and shared memory) are kept next to it with a `.before-restore-<time>` suffix.
 */
export function restoreDatabase(backupFile: string, databaseFile: string, now: Date): string[] {
  const staged = `${databaseFile}.restoring`;
  fs.copyFileSync(backupFile, staged);
  const suffix = `.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
  const kept: string[] = [];
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
    if (!fs.existsSync(file)) continue;
    fs.renameSync(file, file + suffix);
    kept.push(file + suffix);
  }
  fs.renameSync(staged, databaseFile);
  return kept;
}
