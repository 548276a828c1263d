import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb, type Db } from '../../src/db/kysely';
import { migrateToLatest } from '../../src/db/migrator';
import { PreparedQuery } from '../../src/db/prepared-query';
import { UnitOfWork } from '../../src/db/unit-of-work';

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-prepared-'));
  db = createDb(path.join(dir, 'test.sqlite'));
  await migrateToLatest(db);
  for (const [email, role] of [
    ['ada@example.com', 'admin'],
    ['grace@example.com', 'manager'],
    ['linus@example.com', 'manager'],
  ] as const)
    await db
      .insertInto('users')
      .values({ email, name: email.split('@')[0] ?? email, role, created_at: 1, updated_at: 1 })
      .execute();
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const usersWithRole = new PreparedQuery(
  (db, values: { role: 'admin' | 'manager'; after: number }) =>
    db
      .selectFrom('users')
      .select(['email', 'role'])
      .where('role', '=', values.role)
      .where('id', '>', values.after)
      .where('disabled_at', 'is', null)
      .orderBy('id')
      .limit(10),
);

describe('PreparedQuery', () => {
  it('runs the same compiled query with the values of each call', async () => {
    expect(await usersWithRole.all(db, { role: 'manager', after: 0 })).toEqual([
      { email: 'grace@example.com', role: 'manager' },
      { email: 'linus@example.com', role: 'manager' },
    ]);
    expect(await usersWithRole.all(db, { role: 'admin', after: 0 })).toEqual([
      { email: 'ada@example.com', role: 'admin' },
    ]);
    expect(await usersWithRole.first(db, { role: 'manager', after: 2 })).toEqual({
      email: 'linus@example.com',
      role: 'manager',
    });
    expect(await usersWithRole.first(db, { role: 'admin', after: 5 })).toBeUndefined();
  });

  it('keeps constants written into the query (here the limit) as they were built', async () => {
    const firstOne = new PreparedQuery((db, values: { role: 'manager' }) =>
      db.selectFrom('users').select('email').where('role', '=', values.role).orderBy('id').limit(1),
    );
    expect(await firstOne.all(db, { role: 'manager' })).toEqual([{ email: 'grace@example.com' }]);
  });

  it('writes, and joins the transaction in progress: a rollback undoes it', async () => {
    const rename = new PreparedQuery((db, values: { email: string; name: string }) =>
      db.updateTable('users').set({ name: values.name }).where('email', '=', values.email),
    );
    const uow = new UnitOfWork(db);
    const changed = await rename.execute(db, { email: 'ada@example.com', name: 'Ada L.' });
    expect(changed.numAffectedRows).toBe(1n);

    await expect(
      uow.transaction(async () => {
        await rename.execute(uow.db, { email: 'grace@example.com', name: 'Grace H.' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const names = await db.selectFrom('users').select('name').orderBy('id').execute();
    expect(names.map((row) => row.name)).toEqual(['Ada L.', 'grace', 'linus']);
  });

  it('sends values as parameters, never as SQL text', async () => {
    const hostile = "x' or '1'='1";
    expect(await usersWithRole.all(db, { role: hostile as 'admin', after: 0 })).toEqual([]);
    const { count } = await sql<{ count: number }>`select count(*) as count from users`
      .execute(db)
      .then((result) => result.rows[0] ?? { count: 0 });
    expect(count).toBe(3);
  });
});
