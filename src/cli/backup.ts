import { formatBytes } from '../backups/backups.types';
import { openCliContext, readPositionals, runCli } from './context';

const USAGE = 'usage: npm run backup [-- <file>]';

/**
 * npm run backup [file]: a consistent online backup of the database, safe while the app serves.
 * Without a file it goes to BACKUP_DIR (default DATA_DIR/backups) under a name with the time.
 * The last line of stdout is JSON: { "file", "bytes" }.
 */
runCli(async () => {
  const [file] = readPositionals(USAGE, 1);
  const { db, services } = await openCliContext();
  try {
    const backup = await services.backups.backup('manual', file);
    console.error(`Backed up to ${backup.file} (${formatBytes(backup.bytes)}).`);
    console.log(JSON.stringify({ file: backup.file, bytes: backup.bytes }));
  } finally {
    await db.destroy();
  }
});
