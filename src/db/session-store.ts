import session from 'express-session';
import { BoundedCache } from '../bounded-cache';
import type { Clock } from '../clock';
import { PreparedQuery } from './prepared-query';
import type { UnitOfWork } from './unit-of-work';

const TOUCH_EVERY_MS = 60_000;
/** Sessions whose stored expiry this process remembers: more than are active at once. */
const EXPIRIES_KEPT = 50_000;
/** Long enough to fill in a sign-in or reset form, short enough that visits do not pile up. */
export const ANONYMOUS_SESSION_MS = 30 * 60_000;

type Callback<T = void> = (error?: unknown, value?: T) => void;

// Every request reads its session: these run without building or compiling a query each time.
const readSession = new PreparedQuery((db, values: { sid: string }) =>
  db.selectFrom('sessions').select(['data', 'expires_at']).where('sid', '=', values.sid),
);
const extendSession = new PreparedQuery(
  (db, values: { sid: string; expiresAt: number; touchedBefore: number }) =>
    db
      .updateTable('sessions')
      .set({ expires_at: values.expiresAt })
      .where('sid', '=', values.sid)
      .where('expires_at', '<', values.touchedBefore),
);

/**
 * express-session store in the app database: sessions survive restarts and are shared by every
 * process that opens the same file. The user id is kept in its own column so that a user's
 * sessions can be ended when they are disabled or their role changes.
 */
export class DatabaseSessionStore extends session.Store {
  private readonly storedExpiry = new BoundedCache<string, number>(EXPIRIES_KEPT);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly idleMs: number,
    /** Sessions with no staff user and no candidate (a sign-in form's CSRF token) expire soon. */
    private readonly anonymousMs: number = ANONYMOUS_SESSION_MS,
  ) {
    super();
  }

  private get db() {
    return this.uow.db;
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.settle(this.read(sid), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.settle(this.write(sid, data), callback);
  }

  /**
   * Extends the idle expiry. A session touched less than a minute ago is left alone, so a burst
   * of page views costs one write instead of one per request.
   */
  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const expiresAt = this.expiresAt(data);
    // The expiry this process last read or wrote: no statement at all while it is recent.
    const stored = this.storedExpiry.get(sid);
    if (stored !== undefined && stored >= expiresAt - TOUCH_EVERY_MS) {
      callback?.();
      return;
    }
    this.storedExpiry.set(sid, expiresAt);
    this.settle(
      extendSession
        .execute(this.db, { sid, expiresAt, touchedBefore: expiresAt - TOUCH_EVERY_MS })
        .then(() => undefined),
      callback,
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.storedExpiry.delete(sid);
    this.settle(
      this.db
        .deleteFrom('sessions')
        .where('sid', '=', sid)
        .execute()
        .then(() => undefined),
      callback,
    );
  }

  /** Ends every session of a user, e.g. when an admin disables them or changes their role. */
  async destroyUserSessions(userId: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /** Deletes expired sessions; returns how many. */
  async prune(): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', this.clock.now())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async read(sid: string): Promise<session.SessionData | null> {
    const row = await readSession.first(this.db, { sid });
    if (!row) return null;
    this.storedExpiry.set(sid, row.expires_at);
    if (row.expires_at <= this.clock.now()) {
      await this.db.deleteFrom('sessions').where('sid', '=', sid).execute();
      return null;
    }
    return JSON.parse(row.data) as session.SessionData;
  }

  private async write(sid: string, data: session.SessionData): Promise<void> {
    const row = {
      sid,
      user_id: data.passport?.user ?? null,
      data: JSON.stringify(data),
      expires_at: this.expiresAt(data),
    };
    this.storedExpiry.set(sid, row.expires_at);
    await this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('sid')
          .doUpdateSet({ user_id: row.user_id, data: row.data, expires_at: row.expires_at }),
      )
      .execute();
  }

  /** Idle expiry from the app clock (not the cookie's wall-clock date), renewed on every touch. */
  private expiresAt(data: session.SessionData): number {
    const signedIn = data.passport?.user !== undefined || data.candidate !== undefined;
    return this.clock.now() + (signedIn ? this.idleMs : Math.min(this.anonymousMs, this.idleMs));
  }

  private settle<T>(work: Promise<T>, callback?: Callback<T>): void {
    work.then(
      (value) => callback?.(undefined, value),
      (error: unknown) => callback?.(error),
    );
  }
}
