import { sql } from 'kysely';
import type { Actor } from '../../src/audit/actor';
import { openSqlite } from '../../src/db/connection';
import type { Db } from '../../src/db/kysely';
import type { DB } from '../../src/db/schema';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { bankFile } from '../helpers/bank-files';
import { createUser } from '../helpers/builders';
import { sample } from '../helpers/questions';
import { createTestContext, type TestContext } from '../helpers/test-app';

/**
 * Each use case that writes several rows commits once: when its last write fails, none of its
 * earlier writes (domain rows, audit entry, outbox message) is left behind.
 */

let ctx: TestContext;
let admin: Actor & { role: 'admin' };

beforeEach(async () => {
  ctx = await createTestContext();
  const user = await createUser(ctx.db, { role: 'admin', name: 'Ada Admin' });
  admin = { id: user.id, name: user.name, ip: '127.0.0.1', role: 'admin' };
});
afterEach(() => ctx.close());

/** Makes every insert into `table` fail from now on, as a full disk or a crash would. */
async function failInsertsInto(table: keyof DB): Promise<void> {
  await sql
    .raw(
      `create trigger fail_${table} before insert on ${table} begin select raise(abort, 'simulated failure'); end`,
    )
    .execute(ctx.db);
}

const TABLES: (keyof DB)[] = [
  'users',
  'user_tokens',
  'sessions',
  'audit_log',
  'outbox',
  'skills',
  'questions',
  'question_versions',
  'assessments',
  'assessment_lines',
  'assessment_skills',
  'assessment_members',
];

/** Every row of the tables a use case may touch, to compare before and after. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => [table, await db.selectFrom(table).selectAll().execute()]),
  );
  return Object.fromEntries(entries) as Record<string, unknown[]>;
}

async function expectNothingChangedBy(work: () => Promise<unknown>): Promise<void> {
  const before = await snapshot(ctx.db);
  await expect(work()).rejects.toMatchObject({ message: 'simulated failure' });
  expect(await snapshot(ctx.db)).toEqual(before);
}

async function sessionFor(userId: number): Promise<void> {
  await ctx.db
    .insertInto('sessions')
    .values({ sid: `sid-${userId}`, user_id: userId, data: '{}', expires_at: Date.UTC(2030, 0, 1) })
    .execute();
}

describe('one use case, one commit', () => {
  it('inviting a user leaves no account, link or audit entry when the email cannot be queued', async () => {
    await failInsertsInto('outbox');
    await expectNothingChangedBy(() =>
      ctx.services.users.invite(admin, {
        email: 'new@example.test',
        name: 'New Person',
        role: 'manager',
      }),
    );
  });

  it('changing a role keeps the old role and the sessions when the audit entry fails', async () => {
    const manager = await createUser(ctx.db, { role: 'manager' });
    await sessionFor(manager.id);
    await failInsertsInto('audit_log');
    await expectNothingChangedBy(() => ctx.services.users.changeRole(admin, manager.id, 'admin'));
  });

  it('disabling a user keeps the account active and signed in when the audit entry fails', async () => {
    const manager = await createUser(ctx.db, { role: 'manager' });
    await sessionFor(manager.id);
    await failInsertsInto('audit_log');
    await expectNothingChangedBy(() => ctx.services.users.disable(admin, manager.id));
  });

  it('importing banks creates no bank or question when the audit entry fails', async () => {
    await failInsertsInto('audit_log');
    await expectNothingChangedBy(() =>
      ctx.services.banks.importFiles([bankFile()], { actor: admin }),
    );
  });

  it('editing a question makes no new version when the audit entry fails', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    await failInsertsInto('audit_log');
    await expectNothingChangedBy(() =>
      ctx.services.banks.updateQuestion(
        admin,
        'http-basics',
        'http-001',
        sample('single', { id: 'http-001', prompt: 'A changed prompt' }),
      ),
    );
  });

  describe('assessments', () => {
    beforeEach(() => importTestBanks(ctx));
    const asUser = () => ctx.services.users.get(admin.id);

    it('creating one from a description leaves no draft, lines or skills when the audit entry fails', async () => {
      const user = await asUser();
      await failInsertsInto('audit_log');
      await expectNothingChangedBy(() =>
        ctx.services.assessments.createFromDescription(admin, user, {
          title: 'Backend hire',
          text: TEST_JOB_DESCRIPTION,
        }),
      );
    });

    it('saving settings keeps the previous settings when the audit entry fails', async () => {
      const user = await asUser();
      const id = await ctx.services.assessments.createFromDescription(admin, user, {
        title: 'Backend hire',
        text: TEST_JOB_DESCRIPTION,
      });
      await failInsertsInto('audit_log');
      await expectNothingChangedBy(() =>
        ctx.services.assessments.saveSettings(admin, user, id, {
          title: 'Renamed',
          timeLimitMinutes: 12,
          passThreshold: 70,
          difficultyMin: 1,
          difficultyMax: 5,
          shuffle: false,
          showResults: true,
          skills: [{ skill: 'git', questionCount: 2, weight: 3, passThreshold: 80 }],
        }),
      );
    });
  });

  it('a use case that succeeds commits its rows, audit entry and email together', async () => {
    await ctx.services.users.invite(admin, {
      email: 'new@example.test',
      name: 'New Person',
      role: 'manager',
    });
    const after = await snapshot(ctx.db);
    expect(after.users).toHaveLength(2);
    expect(after.user_tokens).toHaveLength(1);
    expect(after.audit_log).toHaveLength(1);
    expect(after.outbox).toHaveLength(1);
  });

  it('a use case may call another feature inside its transaction without waiting on itself', async () => {
    await ctx.services.uow.transaction(async () => {
      await ctx.services.users.invite(admin, {
        email: 'nested@example.test',
        name: 'Nested Call',
        role: 'manager',
      });
      expect(await ctx.services.users.findActiveByEmail('nested@example.test')).toBeDefined();
    });
    expect(await ctx.services.users.findActiveByEmail('nested@example.test')).toBeDefined();
  });

  it('a transaction takes the write lock before its first read, so another process waits instead of failing later', async () => {
    const otherProcess = openSqlite(ctx.config.databaseFile);
    otherProcess.pragma('busy_timeout = 0');
    try {
      await ctx.services.uow.transaction(async () => {
        await ctx.services.uow.db.selectFrom('login_throttle').selectAll().execute();
        expect(() =>
          otherProcess.prepare("insert into app_settings (key, value) values ('k', 'v')").run(),
        ).toThrow(/locked/);
      });
    } finally {
      otherProcess.close();
    }
  });
});

describe('batched transactions', () => {
  const addSkill = (slug: string) =>
    ctx.services.uow.db
      .insertInto('skills')
      .values({ slug, name: slug, description: '', keywords: '[]', created_at: 0, updated_at: 0 })
      .execute();
  const slugs = async () =>
    (await ctx.db.selectFrom('skills').select('slug').orderBy('slug').execute()).map((s) => s.slug);

  it('commits work that arrives together once, and a refusal undoes only its own writes', async () => {
    const { uow } = ctx.services;
    const begun: string[] = [];
    const transaction = ctx.db.transaction.bind(ctx.db);
    jest.spyOn(ctx.db, 'transaction').mockImplementation(() => {
      begun.push('begin');
      return transaction();
    });
    const committed: string[] = [];
    const results = await Promise.allSettled([
      uow.batchedTransaction(async () => {
        await addSkill('first');
        uow.afterCommit(() => committed.push('first'));
        return 'first saved';
      }),
      uow.batchedTransaction(async () => {
        await addSkill('refused');
        uow.afterCommit(() => committed.push('refused'));
        throw new Error('not valid');
      }),
      uow.batchedTransaction(async () => {
        await addSkill('third');
        return 'third saved';
      }),
    ]);
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ).toEqual(['first saved', 'not valid', 'third saved']);
    expect(begun).toHaveLength(1);
    expect(await slugs()).toEqual(['first', 'third']);
    expect(committed).toEqual(['first']);
  });

  it('joins a transaction already running instead of waiting for the next batch', async () => {
    const { uow } = ctx.services;
    await uow.transaction(async () => {
      await uow.batchedTransaction(() => addSkill('inside'));
      expect(await uow.db.selectFrom('skills').select('slug').execute()).toEqual([
        { slug: 'inside' },
      ]);
    });
  });
});
