import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig, type Config } from './config';
import { createDb } from './db/kysely';
import { migrateToLatest } from './db/migrator';
import { createLogger } from './logger';
import { importShippedBanks } from './banks/shipped-banks';
import { buildJobs } from './jobs/jobs';
import { buildServices } from './services';

const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const db = createDb(config.databaseFile);
  const migrations = await migrateToLatest(db);
  const applied =
    migrations.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  if (applied.length) logger.info({ applied }, 'database migrated');

  const services = buildServices({ db, config, clock: systemClock, logger });
  if (config.importBanksOnStart) await importShippedBanks(services.banks, logger);

  const app = createApp({ services, config, logger });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info(
    { url: config.baseUrl, port, startupMs: Math.round(performance.now() - startedAt) },
    'skillscreen is listening',
  );

  const setupToken = await services.auth.issueSetupToken();
  if (setupToken) {
    // Printed, not logged: the link is a one-time secret for whoever runs the server.
    console.log(
      `\nNo account exists yet. Create the first admin here (one-time link):\n  ${config.baseUrl}/setup?token=${setupToken}\n`,
    );
  }

  const jobs = buildJobs(services, logger);
  jobs.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still open after grace period; closing them');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      jobs
        .stop()
        .then(() => db.destroy())
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'error while closing the database');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('skillscreen failed to start:', error);
  process.exit(1);
});
