import { hashPassword } from '../../src/auth/password';
import type { Db } from '../../src/db/kysely';
import type { Role, UserRow } from '../../src/db/schema';

export const DEFAULT_PASSWORD = 'correct horse battery staple';

let sequence = 0;

/** Inserts an active user with a known password. */
export async function createUser(
  db: Db,
  overrides: Partial<{
    email: string;
    name: string;
    role: Role;
    password: string;
    disabled: boolean;
  }> = {},
): Promise<UserRow> {
  sequence += 1;
  const now = Date.UTC(2026, 0, 1);
  return db
    .insertInto('users')
    .values({
      email: overrides.email ?? `user${sequence}@example.test`,
      name: overrides.name ?? `User ${sequence}`,
      role: overrides.role ?? 'manager',
      password_hash: await hashPassword(overrides.password ?? DEFAULT_PASSWORD),
      disabled_at: overrides.disabled ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The newest mail queued for an address. */
export async function lastMailTo(db: Db, to: string) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

/** The path and query of the first link to this app found in a text. */
export function linkIn(text: string): string {
  const match = /https?:\/\/[^\s/]+(\/\S+)/.exec(text);
  if (!match?.[1]) throw new Error(`No link in: ${text}`);
  return match[1];
}
