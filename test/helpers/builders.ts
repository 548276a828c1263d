import type { Db } from '../../src/db/kysely';
import { hashPassword } from '../../src/users/password';
import { toStaffUser } from '../../src/users/users.repository';
import type { Role, StaffUser } from '../../src/users/users.types';

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
): Promise<StaffUser> {
  sequence += 1;
  const now = Date.UTC(2026, 0, 1);
  const row = await db
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
  return toStaffUser(row);
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
