import type { Logger } from 'pino';

/** A piece of periodic background work. */
export interface Job {
  name: string;
  /** Pause between the end of one run and the start of the next. */
  everyMs: number;
  run(): Promise<unknown>;
}

interface Scheduled {
  job: Job;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** Consecutive failures, for the retry backoff. */
  failures: number;
  /** A trigger arrived while the job was running: run again right after. */
  again: boolean;
}

const FIRST_RETRY_MS = 1_000;

/**
 * Runs periodic jobs (session pruning, the mail worker, sweeps) in the background of the server:
 * never two runs of one job at once, a failure logged and retried with backoff (never crashing
 * the process), and a clean stop that waits for runs in progress.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Scheduled>();
  private started = false;

  constructor(private readonly logger: Logger) {}

  add(job: Job): this {
    if (this.jobs.has(job.name)) throw new Error(`A job named ${job.name} is already added`);
    this.jobs.set(job.name, { job, failures: 0, again: false });
    if (this.started) this.schedule(this.jobs.get(job.name) as Scheduled, 0);
    return this;
  }

  get names(): string[] {
    return [...this.jobs.keys()];
  }

  /** Starts every job: each runs once now, then every `everyMs`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const scheduled of this.jobs.values()) this.schedule(scheduled, 0);
  }

  /** Runs a job as soon as possible, e.g. the mail worker when a message was queued. */
  trigger(name: string): void {
    const scheduled = this.jobs.get(name);
    if (!scheduled || !this.started) return;
    if (scheduled.running) {
      scheduled.again = true;
      return;
    }
    this.schedule(scheduled, 0);
  }

  /** Stops scheduling and waits for runs in progress to finish. */
  async stop(): Promise<void> {
    this.started = false;
    for (const scheduled of this.jobs.values()) clearTimeout(scheduled.timer);
    await Promise.all([...this.jobs.values()].map((s) => s.running));
  }

  private schedule(scheduled: Scheduled, delayMs: number): void {
    clearTimeout(scheduled.timer);
    scheduled.timer = setTimeout(() => this.runOnce(scheduled), delayMs);
    scheduled.timer.unref();
  }

  private runOnce(scheduled: Scheduled): void {
    if (scheduled.running || !this.started) return;
    scheduled.again = false;
    scheduled.running = scheduled.job
      .run()
      .then(
        () => {
          scheduled.failures = 0;
          return scheduled.job.everyMs;
        },
        (error: unknown) => {
          scheduled.failures += 1;
          const retryMs = Math.min(
            scheduled.job.everyMs,
            FIRST_RETRY_MS * 2 ** (scheduled.failures - 1),
          );
          this.logger.error(
            { err: error, job: scheduled.job.name, failures: scheduled.failures, retryMs },
            'background job failed; it will be retried',
          );
          return retryMs;
        },
      )
      .then((nextMs) => {
        scheduled.running = undefined;
        if (this.started) this.schedule(scheduled, scheduled.again ? 0 : nextMs);
      });
  }
}
