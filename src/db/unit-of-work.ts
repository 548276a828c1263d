import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from './kysely';
import type { DB } from './schema';

interface ActiveTransaction {
  trx: Transaction<DB>;
  afterCommit: (() => void)[];
}

/**
 * One use case, one transaction. Repositories built on a unit of work run their queries on
 * `uow.db`: the transaction of the use case in progress on this async path, or the database
 * outside one. A service wraps a use case in `transaction()`; every write it makes, directly or
 * through another feature's service, the audit log and the outbox included, joins that one
 * transaction, so it all commits or none of it does. Nested calls join the outer transaction.
 *
 * The transaction is carried by AsyncLocalStorage rather than passed by hand so that a service
 * can call another feature's service inside its use case without either knowing about storage.
 */
interface Batched {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class UnitOfWork {
  private readonly active = new AsyncLocalStorage<ActiveTransaction>();
  private readonly waiting: Batched[] = [];
  private committing = false;

  constructor(private readonly database: Db) {}

  /** Where queries go right now: the current transaction, or the database. */
  get db(): Kysely<DB> {
    return this.active.getStore()?.trx ?? this.database;
  }

  get inTransaction(): boolean {
    return this.active.getStore() !== undefined;
  }

  /**
   * Runs `work` in one transaction, begun as a writer (see db/kysely.ts), or inside the one
   * already running. A throw rolls everything back.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.active.getStore()) return work();
    const afterCommit: (() => void)[] = [];
    const result = await this.database
      .transaction()
      .execute((trx) => this.active.run({ trx, afterCommit }, work));
    for (const callback of afterCommit) callback();
    return result;
  }

  /**
   * Runs `callback` once the current transaction commits (never if it rolls back), or at once
   * outside a transaction. For side effects that must not run for a change that did not happen,
   * such as waking the mail worker.
   */
  afterCommit(callback: () => void): void {
    const current = this.active.getStore();
    if (current) current.afterCommit.push(callback);
    else callback();
  }

  /**
   * Like `transaction`, for small use cases that arrive many at once (answers saved while 500
   * candidates take a test): the ones that arrive while a commit is being written share the
   * next transaction, so one commit (one fsync) makes all of them durable. Each runs in its own
   * savepoint: one that throws undoes only its own writes and rejects only its own promise.
   * Each promise settles after the shared commit.
   */
  batchedTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.active.getStore()) return work();
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.committing) void this.commitWaiting();
    });
  }

  private async commitWaiting(): Promise<void> {
    this.committing = true;
    // Work that arrives in this same turn of the event loop joins the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      const outcomes: { ok: boolean; value: unknown }[] = [];
      try {
        await this.transaction(async () => {
          const outer = this.active.getStore() as ActiveTransaction;
          for (const item of batch) outcomes.push(await this.inSavepoint(outer, item.work));
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i] as { ok: boolean; value: unknown };
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.value);
      });
    }
    this.committing = false;
  }

  private async inSavepoint(
    outer: ActiveTransaction,
    work: () => Promise<unknown>,
  ): Promise<{ ok: boolean; value: unknown }> {
    const afterCommit: (() => void)[] = [];
    await sql`savepoint batched_work`.execute(outer.trx);
    try {
      const value = await this.active.run({ trx: outer.trx, afterCommit }, work);
      await sql`release savepoint batched_work`.execute(outer.trx);
      outer.afterCommit.push(...afterCommit);
      return { ok: true, value };
    } catch (error) {
      await sql`rollback to savepoint batched_work`.execute(outer.trx);
      await sql`release savepoint batched_work`.execute(outer.trx);
      return { ok: false, value: error };
    }
  }
}
