import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createDb, type Db } from '../../src/db/kysely';
import { migrateToLatest } from '../../src/db/migrator';
import { buildServices, type Services } from '../../src/services';
import { ManualClock } from './clock';

export interface TestContext {
  app: Express;
  db: Db;
  clock: ManualClock;
  config: Config;
  services: Services;
  dataDir: string;
  /** A second app on the same database file, as after a restart or in another process. */
  restart(): Promise<Express>;
  close(): Promise<void>;
}

/** A fresh, migrated SQLite file in its own temp folder, and an app on top of it. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    IMPORT_BANKS_ON_START: 'false',
    ...env,
  });
  const clock = new ManualClock();
  const logger = pino({ level: 'silent' });
  const databases: Db[] = [];
  const build = async () => {
    const db = createDb(config.databaseFile);
    databases.push(db);
    await migrateToLatest(db);
    const services = buildServices({ db, config, clock, logger });
    return { db, services, app: createApp({ services, config, logger }) };
  };
  const first = await build();
  return {
    ...first,
    clock,
    config,
    dataDir,
    restart: async () => (await build()).app,
    close: async () => {
      for (const db of databases) await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
