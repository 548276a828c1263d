import {
  backupFileName,
  backupsToPrune,
  formatAge,
  formatBytes,
  type BackupRecord,
} from '../../../src/backups/backups.types';

const record = (id: number, trigger: BackupRecord['trigger'], createdAt: number): BackupRecord => ({
  id,
  file: `/backups/${id}.sqlite3`,
  bytes: 1,
  trigger,
  createdAt,
});

describe('backupsToPrune', () => {
  it('keeps the newest scheduled backups and never one taken by hand', () => {
    const records = [
      record(1, 'scheduled', 100),
      record(2, 'manual', 50),
      record(3, 'scheduled', 300),
      record(4, 'scheduled', 200),
    ];
    expect(backupsToPrune(records, 2).map((r) => r.id)).toEqual([1]);
    expect(backupsToPrune(records, 1).map((r) => r.id)).toEqual([4, 1]);
    expect(backupsToPrune(records, 5)).toEqual([]);
  });
});

describe('backup names and figures', () => {
  it('names a backup by its UTC time, so names sort by age', () => {
    expect(backupFileName(new Date(Date.UTC(2026, 11, 2, 3, 15, 9)))).toBe(
      'skillscreen-20261202-031509.sqlite3',
    );
  });

  it('says how old a backup is in words', () => {
    expect(formatAge(20_000)).toBe('less than a minute ago');
    expect(formatAge(60_000)).toBe('1 minute ago');
    expect(formatAge(3 * 3_600_000 + 5)).toBe('3 hours ago');
    expect(formatAge(72 * 3_600_000)).toBe('3 days ago');
  });

  it('gives sizes in the unit a person reads', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(82 * 1024 * 1024)).toBe('82 MB');
  });
});
