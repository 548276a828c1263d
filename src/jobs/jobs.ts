import type { Logger } from 'pino';
import type { Services } from '../services';
import { JobRunner } from './job-runner';

const SESSION_PRUNE_EVERY_MS = 15 * 60_000;
/** Expired attempts are finalized well within a minute of their deadline. */
const EXPIRY_SWEEP_EVERY_MS = 15_000;
const REMINDERS_EVERY_MS = 10 * 60_000;
/** Digests are hourly at most; a 5-minute round sends each one soon after it falls due. */
const SUBMISSION_DIGEST_EVERY_MS = 5 * 60_000;
/** A safety net for retries that fall due; new mail wakes the worker at once. */
const MAIL_DELIVERY_EVERY_MS = 15_000;

/** The background work of one server process, on the same services as its web app. */
export function buildJobs(services: Services, logger: Logger): JobRunner {
  const jobs = new JobRunner(logger)
    .add({
      name: 'prune-sessions',
      everyMs: SESSION_PRUNE_EVERY_MS,
      run: () => services.sessionStore.prune(),
    })
    .add({
      name: 'expire-attempts',
      everyMs: EXPIRY_SWEEP_EVERY_MS,
      run: () => services.quiz.expireOverdue(),
    })
    .add({
      name: 'send-reminders',
      everyMs: REMINDERS_EVERY_MS,
      run: () => services.invitations.sendDueReminders(),
    })
    .add({
      name: 'submission-digest',
      everyMs: SUBMISSION_DIGEST_EVERY_MS,
      run: () => services.submissionDigest.sendDue(),
    });
  const { backupIntervalMs } = services.config;
  if (backupIntervalMs !== undefined)
    jobs.add({
      name: 'backup',
      everyMs: backupIntervalMs,
      run: () => services.backups.runScheduled(),
    });
  const { mailWorker, outbox } = services;
  if (mailWorker) {
    jobs.add({
      name: 'deliver-mail',
      everyMs: MAIL_DELIVERY_EVERY_MS,
      run: () => mailWorker.run(),
    });
    // Sent right after the change that queued it commits, not at the next round.
    outbox.onQueued(() => jobs.trigger('deliver-mail'));
  }
  return jobs;
}
