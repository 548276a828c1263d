import type { UnitOfWork } from '../db/unit-of-work';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Counts failures per key (an account's email, a client IP) in a fixed window and locks the key
 * for a while when the count reaches the limit. Kept in the database so every process agrees.
 */
export class LoginThrottleRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  /** The latest lock end among the keys, or null when none is locked at `now`. */
  async lockedUntil(keys: string[], now: number): Promise<number | null> {
    const row = await this.db
      .selectFrom('login_throttle')
      .select((eb) => eb.fn.max('locked_until').as('until'))
      .where('key', 'in', keys)
      .where('locked_until', '>', now)
      .executeTakeFirst();
    return row?.until ?? null;
  }

  /**
   * Records one failure; returns true when this failure locked the key. A read then a write:
   * callers run it inside a unit-of-work transaction, which begins as a writer.
   */
  async recordFailure(key: string, policy: ThrottlePolicy, now: number): Promise<boolean> {
    const current = await this.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    const windowOpen = current && now - current.window_started_at < policy.windowMs;
    const failures = windowOpen ? current.failures + 1 : 1;
    const lock = failures >= policy.maxFailures;
    const row = {
      key,
      failures: lock ? 0 : failures,
      window_started_at: windowOpen ? current.window_started_at : now,
      locked_until: lock ? now + policy.lockMs : (current?.locked_until ?? null),
    };
    await this.db
      .insertInto('login_throttle')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: row.failures,
          window_started_at: row.window_started_at,
          locked_until: row.locked_until,
        }),
      )
      .execute();
    return lock;
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', key).execute();
  }
}
