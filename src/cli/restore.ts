import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrations } from '../../migrations';
import { loadConfig } from '../config';
import { inspectDatabase, restoreDatabase } from '../db/backup';
import { runningInstance } from '../instance-file';
import { CliUsageError, runCli } from './context';

const USAGE = 'usage: npm run restore -- <backup file>';

/**
 * npm run restore <file>: puts a backup in place of the database of a stopped instance. Refused
 * while the server runs on DATA_DIR, and for a file that is not a sound skillscreen database or
 * comes from a newer version. The replaced files are kept with a .before-restore suffix.
 */
runCli(async () => {
  let positionals: string[];
  try {
    positionals = parseArgs({ allowPositionals: true, strict: true }).positionals;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliUsageError(`Give one backup file.\n${USAGE}`);
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
