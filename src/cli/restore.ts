import fs from 'node:fs';
import path from 'node:path';
import { migrations } from '../../migrations';
import { loadConfig } from '../config';
import { inspectDatabase, restoreDatabase } from '../db/backup';
import { runningInstance } from '../instance-file';
import { CliUsageError, readPositionals, runCli } from './context';

const USAGE = 'usage: npm run restore -- <backup file>';

/**
 * npm run restore <file>: puts a backup in place of the database of a stopped instance. Refused
 * while the server runs on DATA_DIR, and for a file that is not a sound skillscreen database or
 * comes from a newer version. The replaced files are kept with a .before-restore suffix.
 */
runCli(async () => {
  const [file] = readPositionals(USAGE, 1);
  if (!file) throw new CliUsageError(`Give the backup file to restore.\n${USAGE}`);
  const backup = path.resolve(file);
  if (!fs.existsSync(backup)) throw new CliUsageError(`There is no file ${backup}.`);
  const config = loadConfig();
  const running = runningInstance(config.dataDir);
  if (running !== undefined)
    throw new CliUsageError(
      `skillscreen is running on ${config.dataDir} (process ${running}). Stop it, then restore.`,
    );
  const { problems, migrations: applied } = inspectDatabase(backup, {
    knownMigrations: Object.keys(migrations),
  });
  if (problems.length)
    throw new CliUsageError(`${backup} cannot be restored: ${problems.join(' ')}`);
  const kept = restoreDatabase(backup, config.databaseFile, new Date());
  console.error(`Restored ${backup} into ${config.databaseFile}.`);
  if (kept.length) console.error(`The files it replaced are kept as:\n  ${kept.join('\n  ')}`);
  console.log(
    JSON.stringify({ restored: backup, database: config.databaseFile, migrations: applied.length }),
  );
});
