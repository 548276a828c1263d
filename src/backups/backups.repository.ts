import type { BackupTrigger } from '../db/schema';
import type { UnitOfWork } from '../db/unit-of-work';
import type { BackupRecord } from './backups.types';

/** The record of backups taken. */
export class BackupsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async insert(backup: { file: string; bytes: number; trigger: BackupTrigger; now: number }) {
    const row = await this.db
      .insertInto('backups')
      .values({
        file: backup.file,
        bytes: backup.bytes,
        trigger: backup.trigger,
        created_at: backup.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async recent(limit: number): Promise<BackupRecord[]> {
    const rows = await this.db
      .selectFrom('backups')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async scheduled(): Promise<BackupRecord[]> {
    const rows = await this.db
      .selectFrom('backups')
      .selectAll()
      .where('trigger', '=', 'scheduled')
      .execute();
    return rows.map(toRecord);
  }

  async remove(ids: readonly number[]): Promise<void> {
    if (!ids.length) return;
    await this.db.deleteFrom('backups').where('id', 'in', ids).execute();
  }
}

function toRecord(row: {
  id: number;
  file: string;
  bytes: number;
  trigger: BackupTrigger;
  created_at: number;
}): BackupRecord {
  return {
    id: row.id,
    file: row.file,
    bytes: row.bytes,
    trigger: row.trigger,
    createdAt: row.created_at,
  };
}
