import type { BackupTrigger } from '../db/schema';

export interface BackupRecord {
  id: number;
  file: string;
  bytes: number;
  trigger: BackupTrigger;
  createdAt: number;
}

export const TRIGGER_LABELS: Record<BackupTrigger, string> = {
  manual: 'By hand (npm run backup)',
  scheduled: 'Scheduled',
};

/** The scheduled backups to delete so that only the newest `keep` stay; by hand ones stay. */
export function backupsToPrune(records: readonly BackupRecord[], keep: number): BackupRecord[] {
  return records
    .filter((record) => record.trigger === 'scheduled')
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .slice(keep);
}

/** A backup file name that sorts by time: skillscreen-20261202-031500.sqlite3 (UTC). */
export function backupFileName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `skillscreen-${stamp}.sqlite3`;
}

/** "3 hours ago", for how old the last backup is. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** "1.4 MB", for a file size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
