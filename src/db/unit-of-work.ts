import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
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
export class UnitOfWork {
  private readonly active = new AsyncLocalStorage<ActiveTransaction>();

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
}
