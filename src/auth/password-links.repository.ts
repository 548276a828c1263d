import type { UnitOfWork } from '../db/unit-of-work';
import type { TokenPurpose } from '../db/schema';

export interface UsableLink {
  id: number;
  userId: number;
  purpose: TokenPurpose;
}

/** One-time set-password links (invite and reset); only the SHA-256 of each token is stored. */
export class PasswordLinksRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async create(link: {
    userId: number;
    purpose: TokenPurpose;
    hash: string;
    now: number;
    expiresAt: number;
  }): Promise<void> {
    await this.db
      .insertInto('user_tokens')
      .values({
        user_id: link.userId,
        purpose: link.purpose,
        token_hash: link.hash,
        created_at: link.now,
        expires_at: link.expiresAt,
      })
      .execute();
  }

  /** Spends every unused link of the user, so only the newest one works. */
  async revokeUnused(userId: number, now: number): Promise<void> {
    await this.db
      .updateTable('user_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  /** An unused, unexpired link of an active account. */
  async findUsable(hash: string, now: number): Promise<UsableLink | undefined> {
    const row = await this.db
      .selectFrom('user_tokens')
      .innerJoin('users', 'users.id', 'user_tokens.user_id')
      .select(['user_tokens.id', 'user_tokens.user_id', 'user_tokens.purpose'])
      .where('user_tokens.token_hash', '=', hash)
      .where('user_tokens.used_at', 'is', null)
      .where('user_tokens.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    return row && { id: row.id, userId: row.user_id, purpose: row.purpose };
  }

  /** Marks the link used; false when another request spent it first. */
  async markUsed(id: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('user_tokens')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
