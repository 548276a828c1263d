import { systemClock } from '../clock';
import { ConfigError, loadConfig, type Config } from '../config';
import { createDb, type Db } from '../db/kysely';
import { migrateToLatest } from '../db/migrator';
import { createLogger } from '../logger';
import { buildServices, type Services } from '../services';

export interface CliContext {
  config: Config;
  db: Db;
  services: Services;
}

/** Config, a migrated database and the services, as the server has them. */
export async function openCliContext(): Promise<CliContext> {
  const config = loadConfig();
  const db = createDb(config.databaseFile);
  await migrateToLatest(db);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  return { config, db, services: buildServices({ db, config, clock: systemClock, logger }) };
}

/** Runs a CLI body: its exit code, or 1 with a clear message for expected failures. */
export function runCli(body: () => Promise<number | void>): void {
  body().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof CliUsageError)
        console.error(error.message);
      else console.error(error);
      process.exit(1);
    },
  );
}

export class CliUsageError extends Error {}
