import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { verifyPassword } from '../../src/users/password';
import { signedInAgent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** Two runs of the CLI from source, each importing the banks and seeding 8 candidates. */
const SLOW = 120_000;

let ctx: TestContext;

interface Printed {
  manager: { email: string; password: string };
  assessmentId: number;
  candidates: number;
}

/** Runs `npm run seed:demo` from source against the test's database file. */
function seed(args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, 'src/cli/seed-demo.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: ctx.dataDir,
      LOG_LEVEL: 'silent',
    },
    timeout: 90_000,
  });
}

function seedOk(args: string[]): Printed {
  const result = seed(args);
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as Printed;
}

/** Every row of every table, in insertion order, to see what a run changed. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
  `.execute(ctx.db);
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    rows[name] = (await sql`select * from ${sql.table(name)} order by rowid`.execute(ctx.db)).rows;
  }
  return rows;
}

const attemptsOf = (assessmentId: number) =>
  ctx.db
    .selectFrom('attempts')
    .innerJoin('invitations', 'invitations.id', 'attempts.invitation_id')
    .leftJoin('attempt_scores', 'attempt_scores.attempt_id', 'attempts.id')
    .select(['attempts.id', 'attempts.status', 'invitations.email', 'attempt_scores.overall'])
    .where('invitations.assessment_id', '=', assessmentId)
    .orderBy('invitations.id')
    .execute();

beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

describe('npm run seed:demo', () => {
  it(
    'on an empty data folder seeds a manager who can sign in, an open assessment and submitted attempts, and prints the sign-in last',
    async () => {
      const result = seed(['--candidates', '8', '--seed', '3']);
      expect(result.status).toBe(0);
      const lines = result.stdout.trim().split('\n');
      const printed = JSON.parse(lines[lines.length - 1] ?? '') as Printed;
      expect(Object.keys(printed)).toEqual(['manager', 'assessmentId', 'candidates']);
      expect(Object.keys(printed.manager)).toEqual(['email', 'password']);
      expect(printed.manager.email).toBe('demo-manager-1@example.test');
      expect(printed.manager.password.length).toBeGreaterThanOrEqual(20);
      expect(printed.candidates).toBe(8);

      const credentials = await ctx.services.users.findCredentials(printed.manager.email);
      expect(credentials?.user.role).toBe('manager');
      expect(await verifyPassword(credentials?.passwordHash ?? '', printed.manager.password)).toBe(
        true,
      );

      const assessment = await ctx.db
        .selectFrom('assessments')
        .selectAll()
        .where('id', '=', printed.assessmentId)
        .executeTakeFirstOrThrow();
      expect(assessment).toMatchObject({ status: 'open', owner_id: credentials?.user.id });
      expect((await ctx.services.banks.listSkills()).map((s) => s.slug).sort()).toEqual(
        expect.arrayContaining(['git', 'owasp', 'schema-design', 'session-management']),
      );

      const attempts = await attemptsOf(printed.assessmentId);
      expect(attempts.map((a) => a.email)).toEqual(
        Array.from({ length: 8 }, (_, i) => `demo-1-${i + 1}@example.test`),
      );
      expect(attempts.every((a) => a.status === 'submitted' && a.overall !== null)).toBe(true);
      const answered = await ctx.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where(
          'attempt_id',
          'in',
          attempts.map((a) => a.id),
        )
        .executeTakeFirstOrThrow();
      const drawn = await ctx.db
        .selectFrom('attempt_questions')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where(
          'attempt_id',
          'in',
          attempts.map((a) => a.id),
        )
        .executeTakeFirstOrThrow();
      expect(Number(answered.count)).toBeGreaterThanOrEqual(Number(drawn.count) - 16);
      expect(Number(answered.count)).toBeGreaterThan(8 * 10);

      const agent = await signedInAgent(ctx.app, printed.manager.email, printed.manager.password);
      const list = await agent
        .get(`/assessments/${printed.assessmentId}/candidates`)
        .set('Accept', 'application/json');
      expect(list.status).toBe(200);
      const { candidates } = list.body as { candidates: { status: string }[] };
      expect(candidates.map((c) => c.status)).toEqual(Array(8).fill('submitted'));
    },
    SLOW,
  );

  it(
    'on a data folder in use adds a new manager and assessment each run, changing no existing row but the draw counts',
    async () => {
      await createUser(ctx.db, { email: 'demo-manager-4@example.test', disabled: true });
      const first = seedOk(['--candidates', '8']);
      expect(first.manager.email).toBe('demo-manager-5@example.test');
      const before = await snapshot();

      const second = seedOk(['--candidates', '8']);
      expect(second.manager.email).toBe('demo-manager-6@example.test');
      expect(second.manager.password).not.toBe(first.manager.password);
      expect(second.assessmentId).not.toBe(first.assessmentId);
      const after = await snapshot();
      // How often each question was drawn is a counter: the new attempts raise it by design.
      const { question_exposures: countedBefore, ...kept } = before;
      for (const [table, rows] of Object.entries(kept)) {
        expect([table, after[table]?.slice(0, rows.length)]).toEqual([table, rows]);
      }
      const draws = (rows: unknown[] = []) =>
        (rows as { attempts: number }[]).reduce((sum, row) => sum + row.attempts, 0);
      const drawnBySecond =
        (after.attempt_questions?.length ?? 0) - (before.attempt_questions?.length ?? 0);
      expect(drawnBySecond).toBeGreaterThan(0);
      expect(draws(after.question_exposures)).toBe(draws(countedBefore) + drawnBySecond);
      expect(after.users).toHaveLength((before.users?.length ?? 0) + 1);
      expect(after.assessments).toHaveLength((before.assessments?.length ?? 0) + 1);
      expect((await attemptsOf(second.assessmentId)).map((a) => [a.email, a.status])).toEqual(
        Array.from({ length: 8 }, (_, i) => [`demo-6-${i + 1}@example.test`, 'submitted']),
      );
      expect(await attemptsOf(first.assessmentId)).toHaveLength(8);
    },
    SLOW,
  );

  it(
    'refuses bad options with a message and exit 1, creating nothing',
    async () => {
      const cases: [string[], string][] = [
        [['--candidates', '0'], '--candidates: Give at least 1 candidate.'],
        [['--candidates', 'many'], '--candidates: Give a whole number of candidates.'],
        [['--seed=-1'], '--seed: Give a whole number from 0 as the seed.'],
        [['--colour', 'blue'], "Unknown option '--colour'"],
      ];
      for (const [args, message] of cases) {
        const result = seed(args);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(message);
        expect(result.stdout).toBe('');
      }
      expect(await ctx.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
    },
    SLOW,
  );
});
