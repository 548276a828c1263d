import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../src/audit/actor';
import { hashToken } from '../../src/auth/tokens';
import type { StaffUser } from '../../src/users/users.types';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { bankFile } from '../helpers/bank-files';
import { createUser, lastMailTo } from '../helpers/builders';
import { sample } from '../helpers/questions';
import { createTestContext, type TestContext } from '../helpers/test-app';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let ctx: TestContext;
let owner: StaffUser;

/** Runs a CLI from source against the test's database file, as `npm run` would. */
function run(script: string, args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: ctx.dataDir,
      LOG_LEVEL: 'silent',
    },
    timeout: 60_000,
  });
}

const actorOf = (user: StaffUser): Actor => ({ id: user.id, name: user.name, ip: '127.0.0.1' });

async function createAssessment(open: boolean): Promise<number> {
  const id = await ctx.services.assessments.createFromDescription(actorOf(owner), owner, {
    title: 'Backend hire',
    text: TEST_JOB_DESCRIPTION,
  });
  if (open) await ctx.services.assessments.open(actorOf(owner), owner, id);
  return id;
}

const auditOf = (action: string) =>
  ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

beforeEach(async () => {
  ctx = await createTestContext();
  await importTestBanks(ctx);
  owner = await createUser(ctx.db, { role: 'manager', name: 'Olive Owner' });
});
afterEach(() => ctx.close());

describe('npm run invite', () => {
  it("invites like the manager's form, as the assessment's owner, and prints the id and link", async () => {
    const id = await createAssessment(true);
    const result = run('src/cli/invite.ts', [
      '--assessment',
      String(id),
      '--name',
      'Ann Lee',
      '--email',
      'Ann@Example.com',
      '--extra-time',
      '25',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as { invitationId: number; link: string };
    expect(Object.keys(printed)).toEqual(['invitationId', 'link']);
    expect(printed.link).toMatch(/^http:\/\/localhost:3000\/t\/[\w-]{20,}$/);

    const token = printed.link.split('/t/')[1] ?? '';
    const row = await ctx.db.selectFrom('invitations').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: printed.invitationId,
      email: 'ann@example.com',
      extra_time_percent: 25,
      invited_by: owner.id,
      token_hash: hashToken(token),
    });
    expect((await lastMailTo(ctx.db, 'ann@example.com')).text_body).toContain(printed.link);
    const [entry] = await auditOf('invitation.created');
    expect(entry).toMatchObject({
      actor_id: owner.id,
      ip: 'cli',
      subject_id: String(printed.invitationId),
    });
  });

  it('refuses a missing flag, an unknown assessment, a draft and a bad email, with a message and exit 1', async () => {
    const open = String(await createAssessment(true));
    const draft = String(await createAssessment(false));
    const cases: [string[], string][] = [
      [['--assessment', open, '--name', 'Ann Lee'], '--email: Enter an email address.'],
      [
        ['--assessment', '999', '--name', 'Ann Lee', '--email', 'ann@example.com'],
        'There is no assessment with id 999.',
      ],
      [
        ['--assessment', draft, '--name', 'Ann Lee', '--email', 'ann@example.com'],
        'Open the assessment before inviting candidates',
      ],
      [
        ['--assessment', open, '--name', 'Ann Lee', '--email', 'ann-at-example'],
        '--email: Enter an email address like name@example.com.',
      ],
    ];
    for (const [args, message] of cases) {
      const result = run('src/cli/invite.ts', args);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    }
    expect(await ctx.db.selectFrom('invitations').selectAll().execute()).toHaveLength(0);
    expect(await ctx.db.selectFrom('outbox').selectAll().execute()).toHaveLength(0);
  });
});

describe('npm run assessment:create', () => {
  let jdFile: string;
  beforeEach(() => {
    jdFile = path.join(ctx.dataDir, 'backend.md');
    fs.writeFileSync(jdFile, TEST_JOB_DESCRIPTION);
  });

  it("builds an assessment with the builder's defaults, sets the minutes and opens it", async () => {
    const result = run('src/cli/assessment-create.ts', [
      '--jd',
      jdFile,
      '--owner',
      owner.email,
      '--title',
      'Backend hire, spring',
      '--minutes',
      '25',
      '--open',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as { id: number };
    expect(printed).toEqual({
      id: printed.id,
      title: 'Backend hire, spring',
      status: 'open',
      minutes: 25,
      skills: [
        { skill: 'git', questions: 5 },
        { skill: 'http-basics', questions: 5 },
      ],
    });
    const detail = await ctx.services.assessments.detail(owner, printed.id);
    expect(detail.assessment).toMatchObject({
      ownerId: owner.id,
      timeLimitMinutes: 25,
      passThreshold: 60,
      difficultyMin: 1,
      difficultyMax: 5,
      shuffle: true,
    });
    expect(await auditOf('assessment.opened')).toMatchObject([{ actor_id: owner.id, ip: 'cli' }]);
  });

  it('keeps the suggested time limit and leaves a draft without --minutes and --open', async () => {
    const result = run('src/cli/assessment-create.ts', ['--jd', jdFile, '--owner', owner.email]);
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as { id: number; status: string; minutes: number };
    const detail = await ctx.services.assessments.detail(owner, printed.id);
    expect(printed.status).toBe('draft');
    expect(printed.minutes).toBe(detail.suggestedMinutes);
  });

  it("refuses what the builder refuses, with the builder's message, creating nothing", async () => {
    await ctx.services.banks.importFiles([
      bankFile({
        skill: 'kubernetes',
        name: 'Kubernetes',
        keywords: ['kubernetes'],
        questions: [sample('single', { id: 'k8s-001' }), sample('single', { id: 'k8s-002' })],
      }),
    ]);
    const tooSmall = path.join(ctx.dataDir, 'platform.md');
    fs.writeFileSync(tooSmall, 'Requirements\n- Running Kubernetes clusters in production\n');
    const prose = path.join(ctx.dataDir, 'prose.txt');
    fs.writeFileSync(prose, 'We are a friendly team.');
    const cases: [string[], string][] = [
      [['--jd', prose, '--owner', owner.email], 'No skill lines were found.'],
      [
        ['--jd', jdFile, '--owner', 'nobody@example.com'],
        'No active hiring manager or admin has the email nobody@example.com.',
      ],
      [
        ['--jd', tooSmall, '--owner', owner.email, '--open'],
        'It cannot open yet: Kubernetes needs 5 questions but has 2',
      ],
      [['--jd', jdFile, '--owner', owner.email, '--minutes', '0'], '--minutes: The time limit'],
    ];
    for (const [args, message] of cases) {
      const result = run('src/cli/assessment-create.ts', args);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(message);
    }
    expect(await ctx.db.selectFrom('assessments').selectAll().execute()).toHaveLength(0);
  });
});
