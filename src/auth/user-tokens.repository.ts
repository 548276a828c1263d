import type { Db } from '../db/kysely';
import type { TokenPurpose, UserRow } from '../db/schema';

export interface UsableToken {
  id: number;
  purpose: TokenPurpose;
  user: UserRow;
}

export class UserTokensRepository {
  constructor(private readonly db: Db) {}

  async create(token: {
    userId: number;
    purpose: TokenPurpose;
    hash: string;
    now: number;
    expiresAt: number;
  }): Promise<void> {
    await this.db
      .insertInto('user_tokens')
      .values({
        user_id: token.userId,
        purpose: token.purpose,
        token_hash: token.hash,
        created_at: token.now,
        expires_at: token.expiresAt,
      })
      .execute();
  }

  /** Spends every unused token of the user, so only the newest link works. */
  async revokeUnused(userId: number, now: number): Promise<void> {
    await this.db
      .updateTable('user_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async findUsable(hash: string, now: number): Promise<UsableToken | undefined> {
    const row = await this.db
      .selectFrom('user_tokens')
      .innerJoin('users', 'users.id', 'user_tokens.user_id')
      .selectAll('users')
      .select(['user_tokens.id as token_id', 'user_tokens.purpose'])
      .where('user_tokens.token_hash', '=', hash)
      .where('user_tokens.used_at', 'is', null)
      .where('user_tokens.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const { token_id: id, purpose, ...user } = row;
    return { id, purpose, user };
  }

  /** Marks the token used; false when another request spent it first. */
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
