import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import { importShippedBanks } from './banks/shipped-banks';
import { systemClock } from './clock';
import { ConfigError, loadConfig, type Config } from './config';
import { createDb, type Db } from './db/kysely';
import { migrateToLatest } from './db/migrator';
import type { JobRunner } from './jobs/job-runner';
import { buildJobs } from './jobs/jobs';
import { markRunning, markStopped } from './instance-file';
import { createLogger } from './logger';
import { buildServices, type Services } from './services';

const SHUTDOWN_GRACE_MS = 10_000;
const MAIL_QUEUED = 'skillscreen:mail-queued';
/** A worker that dies this soon after starting is not restarted in a loop. */
const MIN_WORKER_LIFE_MS = 5_000;

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

/**
 * One process (WEB_CONCURRENCY=1, the default) serves the web and runs the background jobs.
 * With WEB_CONCURRENCY=N, the primary process migrates, runs the jobs (mail, expiry, reminders,
 * backups) and keeps N web workers alive; the workers share the port, the database file and
 * the session table, and run no jobs, so each job runs in exactly one process.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  if (cluster.isWorker) {
    const services = openServices(config, logger);
    // Mail a worker queues is delivered by the primary's mail job: wake it at once.
    services.outbox.onQueued(() => process.send?.({ type: MAIL_QUEUED }));
    await serveWeb(config, logger, services);
    return;
  }

  const startedAt = performance.now();
  markRunning(config.dataDir);
  const services = openServices(config, logger);
  await prepareDatabase(services, config, logger);
  if (config.webConcurrency === 1) {
    const server = await serveWeb(config, logger, services);
    logger.info({ startupMs: Math.round(performance.now() - startedAt) }, 'started');
    await announceSetup(services, config);
    const jobs = startJobs(services, logger);
    onShutdown(config, logger, () => closeServer(server, logger), jobs, services.db);
    return;
  }
  const stopWorkers = forkWorkers(config.webConcurrency, logger);
  await announceSetup(services, config);
  const jobs = startJobs(services, logger);
  cluster.on('message', (_worker, message: { type?: string }) => {
    if (message?.type === MAIL_QUEUED) jobs.trigger('deliver-mail');
  });
  onShutdown(config, logger, stopWorkers, jobs, services.db);
}

function openServices(config: Config, logger: Logger): Services {
  return buildServices({ db: createDb(config.databaseFile), config, clock: systemClock, logger });
}

async function prepareDatabase(services: Services, config: Config, logger: Logger) {
  const migrations = await migrateToLatest(services.db);
  const applied =
    migrations.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  if (applied.length) logger.info({ applied }, 'database migrated');
  if (config.importBanksOnStart) await importShippedBanks(services.banks, logger);
}

/** Listens on the configured port; in a worker, the primary shares one socket among all. */
async function serveWeb(config: Config, logger: Logger, services: Services): Promise<Server> {
  const app = createApp({ services, config, logger });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ url: config.baseUrl, port }, 'skillscreen is listening');
  if (cluster.isWorker)
    onShutdown(config, logger, () => closeServer(server, logger), null, services.db);
  return server;
}

async function announceSetup(services: Services, config: Config): Promise<void> {
  const setupToken = await services.auth.issueSetupToken();
  if (!setupToken) return;
  // Printed, not logged: the link is a one-time secret for whoever runs the server.
  console.log(
    `\nNo account exists yet. Create the first admin here (one-time link):\n  ${config.baseUrl}/setup?token=${setupToken}\n`,
  );
}

function startJobs(services: Services, logger: Logger): JobRunner {
  const jobs = buildJobs(services, logger);
  jobs.start();
  logger.info({ jobs: jobs.names }, 'background jobs started');
  return jobs;
}

/** Forks the web workers and replaces one that exits, unless it keeps dying at start. */
function forkWorkers(count: number, logger: Logger): () => Promise<void> {
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    const forkedAt = Date.now();
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ pid: worker.process.pid, code, signal }, 'web worker exited');
      if (Date.now() - forkedAt < MIN_WORKER_LIFE_MS) {
        logger.error('web worker died while starting; not restarting it');
        return;
      }
      fork();
    });
  };
  for (let i = 0; i < count; i += 1) fork();
  return async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).flatMap((w) => (w ? [w] : []));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };
}

/** Stops taking connections, finishes the requests in flight (or cuts them after a grace). */
function closeServer(server: Server, logger: Logger): Promise<void> {
  const force = setTimeout(() => {
    logger.warn('requests still open after grace period; closing them');
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  return closed;
}

function onShutdown(
  config: Config,
  logger: Logger,
  stopWeb: () => Promise<void>,
  jobs: JobRunner | null,
  db: Db,
) {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    stopWeb()
      .then(() => jobs?.stop())
      .then(() => db.destroy())
      .then(() => {
        if (cluster.isPrimary) markStopped(config.dataDir);
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('skillscreen failed to start:', error);
  process.exit(1);
});
