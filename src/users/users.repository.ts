import type { Selectable } from 'kysely';
import { PreparedQuery } from '../db/prepared-query';
import type { UnitOfWork } from '../db/unit-of-work';
import type { UsersTable } from '../db/schema';
import type { Credentials, Role, StaffUser } from './users.types';

type UserRow = Selectable<UsersTable>;

/** A users row as the app sees it: never the password hash. */
export function toStaffUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabledAt: row.disabled_at,
    lastSignInAt: row.last_sign_in_at,
    hasPassword: row.password_hash !== null,
  };
}

/** Every signed-in staff request restores its user with this. */
const userById = new PreparedQuery((db, values: { id: number }) =>
  db.selectFrom('users').selectAll().where('id', '=', values.id),
);

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  now: number;
}

export class UsersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async findById(id: number): Promise<StaffUser | undefined> {
    const row = await userById.first(this.db, { id });
    return row && toStaffUser(row);
  }

  async findByEmail(email: string): Promise<StaffUser | undefined> {
    return (await this.findCredentials(email))?.user;
  }

  async findCredentials(email: string): Promise<Credentials | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row && { user: toStaffUser(row), passwordHash: row.password_hash };
  }

  async list(): Promise<StaffUser[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toStaffUser);
  }

  async count(): Promise<number> {
    const { count } = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  async countActive(role: Role): Promise<number> {
    const { count } = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('role', '=', role)
      .where('disabled_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  async insert(user: NewUser): Promise<StaffUser> {
    const row = await this.db
      .insertInto('users')
      .values({
        email: user.email,
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: user.now,
        updated_at: user.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toStaffUser(row);
  }

  async setDisabled(id: number, disabledAt: number | null, now: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ disabled_at: disabledAt, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async setRole(id: number, role: Role, now: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ role, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async setPasswordHash(id: number, passwordHash: string, now: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async recordSignIn(id: number, now: number): Promise<void> {
    await this.db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', id).execute();
  }
}
