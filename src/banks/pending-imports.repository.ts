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
        category_banks: JSON.stringify(pending.categoryBanks),
      })
      .execute();
  }

  async setCategoryBanks(id: string, categoryBanks: Record<string, string>): Promise<void> {
    await this.db
      .updateTable('pending_imports')
      .set({ category_banks: JSON.stringify(categoryBanks) })
      .where('id', '=', id)
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
        categoryBanks: readCategoryBanks(row.category_banks),
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

/** The stored JSON, read defensively: only string-to-string pairs count. */
function readCategoryBanks(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
  );
}
