import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { backupDatabase } from '../db/backup';
import type { BackupTrigger } from '../db/schema';
import type { UnitOfWork } from '../db/unit-of-work';
import type { BackupsRepository } from './backups.repository';
import { backupFileName, backupsToPrune, type BackupRecord } from './backups.types';

/** Backups listed on the admin page. */
const RECENT_SHOWN = 20;

export interface BackupsDependencies {
  uow: UnitOfWork;
  clock: Clock;
  config: Pick<Config, 'databaseFile' | 'backupDir' | 'backupIntervalMs' | 'backupKeep'>;
  repository: BackupsRepository;
}

export interface BackupsOverview {
  recent: BackupRecord[];
  directory: string;
  /** Hours between scheduled backups, or null when none are scheduled. */
  intervalHours: number | null;
  keep: number;
}

/** Online backups of the database: by hand, on a schedule with retention, and their record. */
export class BackupsService {
  constructor(private readonly deps: BackupsDependencies) {}

  /** Takes a consistent backup while the app serves; into BACKUP_DIR unless a file is given. */
  async backup(trigger: BackupTrigger, file?: string): Promise<BackupRecord> {
    const now = this.deps.clock.now();
    const target = path.resolve(
      file ?? path.join(this.deps.config.backupDir, backupFileName(new Date(now))),
    );
    if (target === path.resolve(this.deps.config.databaseFile))
      throw new Error('Choose another file: that is the database itself.');
    const bytes = await backupDatabase(this.deps.config.databaseFile, target);
    return this.deps.repository.insert({ file: target, bytes, trigger, now });
  }

  /** The scheduled backup: a new one, then only the newest BACKUP_KEEP scheduled ones stay. */
  async runScheduled(): Promise<BackupRecord> {
    const taken = await this.backup('scheduled');
    const prune = backupsToPrune(
      await this.deps.repository.scheduled(),
      this.deps.config.backupKeep,
    );
    for (const old of prune) fs.rmSync(old.file, { force: true });
    await this.deps.repository.remove(prune.map((old) => old.id));
    return taken;
  }

  async overview(): Promise<BackupsOverview> {
    const { backupDir, backupIntervalMs, backupKeep } = this.deps.config;
    return {
      recent: await this.deps.repository.recent(RECENT_SHOWN),
      directory: backupDir,
      intervalHours: backupIntervalMs === undefined ? null : backupIntervalMs / 3_600_000,
      keep: backupKeep,
    };
  }
}
