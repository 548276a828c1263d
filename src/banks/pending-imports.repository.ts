import type { UnitOfWork } from '../db/unit-of-work';
import type { PendingImport } from './banks.types';

/** Uploaded bank files waiting for the admin to confirm the previewed import. */
export class PendingImportsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async insert(pending: PendingImport): Promise<void> {
    await this.db
      .insertInto('pending_imports')
      .values({
        id: pending.id,
        user_id: pending.userId,
        filename: pending.filename,
        skill: pending.skill,
        content: pending.content,
        created_at: pending.createdAt,
      })
      .execute();
  }

  async find(id: string, userId: number, notBefore: number): Promise<PendingImport | undefined> {
    const row = await this.db
      .selectFrom('pending_imports')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('created_at', '>=', notBefore)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        filename: row.filename,
        skill: row.skill,
        content: row.content,
        createdAt: row.created_at,
      }
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('pending_imports').where('id', '=', id).execute();
  }

  async deleteOlderThan(time: number): Promise<void> {
    await this.db.deleteFrom('pending_imports').where('created_at', '<', time).execute();
  }
}
