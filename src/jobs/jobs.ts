import type { Logger } from 'pino';
import type { Services } from '../services';
import { JobRunner } from './job-runner';

const SESSION_PRUNE_EVERY_MS = 15 * 60_000;

/** The background work of one server process, on the same services as its web app. */
export function buildJobs(services: Services, logger: Logger): JobRunner {
  return new JobRunner(logger).add({
    name: 'prune-sessions',
    everyMs: SESSION_PRUNE_EVERY_MS,
    run: () => services.sessionStore.prune(),
  });
}
