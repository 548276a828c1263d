import pino from 'pino';
import { JobRunner } from '../../../src/jobs/job-runner';

const logger = pino({ level: 'silent' });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('the background job runner', () => {
  it('runs a job at start and then every interval', async () => {
    const run = jest.fn().mockResolvedValue(undefined);
    const runner = new JobRunner(logger).add({ name: 'prune', everyMs: 1_000, run });
    runner.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    await runner.stop();
  });

  it('logs a failure, keeps the process alive and retries sooner than the interval', async () => {
    const errors: unknown[] = [];
    const spyLogger = pino({ level: 'error' }, { write: (line: string) => errors.push(line) });
    const run = jest
      .fn()
      .mockRejectedValueOnce(new Error('database locked'))
      .mockResolvedValue(undefined);
    const runner = new JobRunner(spyLogger).add({ name: 'mail', everyMs: 60_000, run });
    runner.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('database locked');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    await runner.stop();
  });

  it('never runs two rounds of one job at once, and a trigger during a run runs it again after', async () => {
    let finish: () => void = () => undefined;
    const run = jest.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const runner = new JobRunner(logger).add({ name: 'mail', everyMs: 60_000, run });
    runner.start();
    await jest.advanceTimersByTimeAsync(0);
    runner.trigger('mail');
    runner.trigger('mail');
    await jest.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    finish();
    await runner.stop();
  });

  it('stops scheduling on stop and waits for the run in progress', async () => {
    let finished = false;
    const run = jest.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    });
    const runner = new JobRunner(logger).add({ name: 'sweep', everyMs: 1_000, run });
    runner.start();
    await jest.advanceTimersByTimeAsync(0);
    const stopped = runner.stop();
    await jest.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
