import { parseArgs } from 'node:util';
import { formatBytes } from '../backups/backups.types';
import { CliUsageError, openCliContext, runCli } from './context';

const USAGE = 'usage: npm run backup [-- <file>]';

/**
 * npm run backup [file]: a consistent online backup of the database, safe while the app serves.
 * Without a file it goes to BACKUP_DIR (default DATA_DIR/backups) under a name with the time.
 * The last line of stdout is JSON: { "file", "bytes" }.
 */
runCli(async () => {
  let positionals: string[];
  try {
    positionals = parseArgs({ allowPositionals: true, strict: true }).positionals;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (positionals.length > 1) throw new CliUsageError(`Give at most one file.\n${USAGE}`);
  const { db, services } = await openCliContext();
  try {
    const backup = await services.backups.backup('manual', positionals[0]);
    console.error(`Backed up to ${backup.file} (${formatBytes(backup.bytes)}).`);
    console.log(JSON.stringify({ file: backup.file, bytes: backup.bytes }));
  } finally {
    await db.destroy();
  }
});
