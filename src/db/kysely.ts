import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import { openSqlite, withPreparedStatementCache } from './connection';
import type { DB } from './schema';

export type Db = Kysely<DB>;

/**
 * SQLite's plain BEGIN takes the write lock only at the first write, so a transaction that reads
 * then writes fails with SQLITE_BUSY_SNAPSHOT when another process wrote in between. BEGIN
 * IMMEDIATE takes the lock up front: the other process waits (busy_timeout) instead of failing.
 * Every transaction in this app writes, so all of them begin this way.
 */
class ImmediateTransactionDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings) {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class WriterFirstSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new ImmediateTransactionDriver(super.createDriver());
  }
}

export function createDb(file: string): Db {
  return new Kysely<DB>({
    dialect: new WriterFirstSqliteDialect({
      database: withPreparedStatementCache(openSqlite(file)),
    }),
  });
}

/** A real round trip to the database, for health checks. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
