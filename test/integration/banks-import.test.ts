import fs from 'node:fs';
import path from 'node:path';
import { bankToYaml, parseBankYaml } from '../../src/banks/formats/yaml-bank';
import type { Actor } from '../../src/audit/actor';
import { bankFile } from '../helpers/bank-files';
import { createUser } from '../helpers/builders';
import { inviteCandidate, openTestAssessment } from '../helpers/candidate-fixtures';
import { sample } from '../helpers/questions';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let admin: Actor;
beforeEach(async () => {
  ctx = await createTestContext();
  const user = await createUser(ctx.db, { role: 'admin' });
  admin = { id: user.id, name: user.name, ip: '127.0.0.1' };
});
afterEach(() => ctx.close());

const versionCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('question_versions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('importing bank files', () => {
  it('creates the bank and its questions, then makes no new version for the same content', async () => {
    const first = await ctx.services.banks.importFiles([bankFile()]);
    expect(first.applied).toBe(true);
    expect(first.skillsToCreate.map((b) => b.slug)).toEqual(['http-basics']);
    expect(first.create).toHaveLength(2);

    const again = await ctx.services.banks.importFiles([bankFile()]);
    expect(again.create).toHaveLength(0);
    expect(again.change).toHaveLength(0);
    expect(again.unchanged).toHaveLength(2);
    expect(await versionCount()).toBe(2);
  });

  it('makes a new version for changed content and keeps the old one', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    const changed = bankFile({
      questions: [
        sample('single', { id: 'http-001', prompt: 'Which status means **Gone**?' }),
        sample('true_false', { id: 'http-002' }),
      ],
    });
    const report = await ctx.services.banks.importFiles([changed]);
    expect(report.change.map((c) => c.entry.question.id)).toEqual(['http-001']);
    const versions = await ctx.services.banks.versions('http-basics', 'http-001');
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]?.question.prompt).toBe('Which HTTP status means **Not Found**?');
  });

  it('updates the bank name, description and keywords when the file changes them', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    const report = await ctx.services.banks.importFiles([
      bankFile({ keywords: ['http', 'rest', 'status codes'] }),
    ]);
    expect(report.skillsToUpdate.map((b) => b.slug)).toEqual(['http-basics']);
    expect((await ctx.services.banks.getBank('http-basics')).keywords).toContain('status codes');
  });

  it('reports a question edited in the browser as a conflict and does not overwrite it', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    const edited = { ...sample('single', { id: 'http-001' }), prompt: 'Edited in the browser' };
    await ctx.services.banks.updateQuestion(admin, 'http-basics', 'http-001', edited);
    const fromFile = bankFile({
      questions: [
        sample('single', { id: 'http-001', prompt: 'Changed in the file' }),
        sample('true_false', { id: 'http-002' }),
      ],
    });

    const report = await ctx.services.banks.importFiles([fromFile]);
    expect(report.conflicts.map((c) => c.id)).toEqual(['http-001']);
    expect(report.conflicts[0]?.reason).toMatch(/edited in the browser/);
    expect((await ctx.services.banks.getQuestion('http-basics', 'http-001')).question.prompt).toBe(
      'Edited in the browser',
    );
  });

  it('takes file changes again once the file has caught up with a browser edit', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    const edited = sample('single', { id: 'http-001', prompt: 'Edited in the browser' });
    await ctx.services.banks.updateQuestion(admin, 'http-basics', 'http-001', edited);
    const caughtUp = bankFile({ questions: [edited, sample('true_false', { id: 'http-002' })] });
    const synced = await ctx.services.banks.importFiles([caughtUp]);
    expect(synced.resync).toEqual(['http-001']);

    const later = bankFile({
      questions: [
        sample('single', { id: 'http-001', prompt: 'Changed in the file later' }),
        sample('true_false', { id: 'http-002' }),
      ],
    });
    const report = await ctx.services.banks.importFiles([later]);
    expect(report.conflicts).toEqual([]);
    expect(report.change.map((c) => c.entry.question.id)).toEqual(['http-001']);
  });

  it('refuses a whole import with a bad file, naming the file and line, and writes nothing', async () => {
    const bad = {
      name: 'broken.yaml',
      text: 'skill: broken\nname: Broken\nquestions:\n  - id: b-1\n    type: single\n    difficulty: 9\n    prompt: x\n',
    };
    const report = await ctx.services.banks.importFiles([bankFile(), bad]);
    expect(report.applied).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'broken.yaml',
          line: 6,
          message: expect.stringContaining('difficulty'),
        }),
      ]),
    );
    expect(await ctx.services.banks.listBanks()).toEqual([]);
  });

  it('reports YAML syntax errors with their line', async () => {
    const report = await ctx.services.banks.importFiles([
      { name: 'x.yaml', text: 'skill: x\nname: [unclosed\n' },
    ]);
    expect(report.problems[0]).toMatchObject({
      file: 'x.yaml',
      line: expect.any(Number),
      message: expect.stringContaining('YAML syntax'),
    });
  });

  it('refuses an id already used by another bank', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    const other = bankFile({
      skill: 'other',
      name: 'Other',
      questions: [sample('single', { id: 'http-001' })],
    });
    const report = await ctx.services.banks.importFiles([other]);
    expect(report.refused).toEqual([
      expect.objectContaining({ id: 'http-001', reason: expect.stringContaining('http-basics') }),
    ]);
  });

  it('writes nothing on a dry run but reports the same plan', async () => {
    const report = await ctx.services.banks.importFiles([bankFile()], { dryRun: true });
    expect(report.applied).toBe(false);
    expect(report.create).toHaveLength(2);
    expect(await versionCount()).toBe(0);
  });

  it('exports to the same format, and importing the export is a no-op', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    await ctx.services.banks.updateQuestion(admin, 'http-basics', 'http-002', {
      ...sample('true_false', { id: 'http-002' }),
      prompt: 'GET is idempotent.',
    });
    const exported = bankToYaml(await ctx.services.banks.exportBank('http-basics'));
    const before = await versionCount();
    const report = await ctx.services.banks.importFiles([
      { name: 'http-basics.yaml', text: exported },
    ]);
    expect(report.unchanged).toHaveLength(2);
    expect(report.change).toHaveLength(0);
    expect(report.conflicts).toHaveLength(0);
    expect(await versionCount()).toBe(before);
  });

  it('stores the review month and group, exports them, and a new month is a new version', async () => {
    const withReview = (reviewed: string) =>
      bankFile({
        questions: [
          sample('single', { id: 'http-001', group: 'not-found', reviewed }),
          sample('true_false', { id: 'http-002' }),
        ],
      });
    await ctx.services.banks.importFiles([withReview('2025-06')]);
    const stored = await ctx.db
      .selectFrom('question_versions')
      .select(['question_id', 'reviewed', 'exclusion_group'])
      .orderBy('question_id')
      .execute();
    expect(stored).toEqual([
      { question_id: 'http-001', reviewed: '2025-06', exclusion_group: 'not-found' },
      { question_id: 'http-002', reviewed: null, exclusion_group: null },
    ]);
    const exported = bankToYaml(await ctx.services.banks.exportBank('http-basics'));
    expect(exported).toContain('group: not-found\n    reviewed: 2025-06\n');
    const again = await ctx.services.banks.importFiles([
      { name: 'http-basics.yaml', text: exported },
    ]);
    expect(again.unchanged).toHaveLength(2);

    const reviewedAgain = await ctx.services.banks.importFiles([withReview('2026-12')]);
    expect(reviewedAgain.change.map((c) => c.entry.question.id)).toEqual(['http-001']);
    const [current] = await ctx.services.banks.versions('http-basics', 'http-001');
    expect(current?.question).toMatchObject({ reviewed: '2026-12', group: 'not-found' });
  });

  it('round-trips every shipped bank: export then import changes nothing', async () => {
    const dir = path.resolve(__dirname, '../../questions');
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const first = await ctx.services.banks.importFiles(files);
    expect(first.problems).toEqual([]);
    const exported = [];
    for (const bank of await ctx.services.banks.listBanks()) {
      exported.push({
        name: `${bank.slug}.yaml`,
        text: bankToYaml(await ctx.services.banks.exportBank(bank.slug)),
      });
    }
    const again = await ctx.services.banks.importFiles(exported);
    expect(again.create.length + again.change.length + again.conflicts.length).toBe(0);
    expect(again.unchanged.length).toBe(first.create.length);
  });

  it('records an applied import in the audit log', async () => {
    await ctx.services.banks.importFiles([bankFile()], { actor: admin });
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'bank.imported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ created: 2, banksCreated: 1 });
  });
});

const SHIPPED_DIR = path.resolve(__dirname, '../../questions');

function shippedFiles(): { name: string; text: string }[] {
  return fs
    .readdirSync(SHIPPED_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(SHIPPED_DIR, f), 'utf8') }));
}

describe('moving a question to another bank', () => {
  const client = { ip: '127.0.0.1', userAgent: 'jest' };

  it('moves it when the import also holds its old bank without it, keeping versions and attempts', async () => {
    const assessment = await openTestAssessment(ctx);
    const { invitationId } = await inviteCandidate(ctx, assessment);
    await ctx.services.quiz.start(invitationId, client);
    const drawn = (await ctx.services.quiz.progress(invitationId)).questions;
    const drawnHttp = drawn.filter((q) => q.skill === 'http-basics').map((q) => q.questionId);
    expect(drawnHttp).toHaveLength(2);
    const http = await ctx.services.banks.exportBank('http-basics');
    const [first, second] = http.questions.filter((q) => drawnHttp.includes(q.id));
    if (!first || !second) throw new Error('the attempt drew no http question');

    const report = await ctx.services.banks.importFiles([
      bankFile({ ...http, questions: http.questions.filter((q) => !drawnHttp.includes(q.id)) }),
      bankFile({
        skill: 'web-api',
        name: 'Web APIs',
        questions: [first, { ...second, prompt: `${second.prompt} (reworded)` }],
      }),
    ]);

    expect(report.refused).toEqual([]);
    expect(report.move.map(({ id, from, to }) => ({ id, from, to }))).toEqual([
      { id: first.id, from: 'http-basics', to: 'web-api' },
      { id: second.id, from: 'http-basics', to: 'web-api' },
    ]);
    expect(report.change.map((c) => c.entry.question.id)).toEqual([second.id]);
    const moved = await ctx.services.banks.listQuestions('web-api', {});
    expect(moved.map((q) => q.id).sort()).toEqual([first.id, second.id].sort());
    const versions = await ctx.services.banks.versions('web-api', second.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]?.question.prompt).toBe(second.prompt);

    const after = (await ctx.services.quiz.progress(invitationId)).questions;
    expect(after.map(({ questionId, version, skill }) => ({ questionId, version, skill }))).toEqual(
      drawn.map(({ questionId, version, skill }) => ({ questionId, version, skill })),
    );
    await ctx.services.quiz.submit(invitationId);
    const score = await ctx.db
      .selectFrom('attempt_scores')
      .select('result')
      .executeTakeFirstOrThrow();
    const skills = (JSON.parse(score.result) as { skills: { skill: string }[] }).skills;
    expect(skills.map((s) => s.skill).sort()).toEqual(['git', 'http-basics']);
  });

  it('still refuses an id of another bank whose file is not part of the import', async () => {
    await ctx.services.banks.importFiles([bankFile()]);
    const report = await ctx.services.banks.importFiles([
      bankFile({
        skill: 'web-api',
        name: 'Web APIs',
        questions: [sample('single', { id: 'http-001' })],
      }),
    ]);
    expect(report.move).toEqual([]);
    expect(report.refused).toEqual([
      expect.objectContaining({
        id: 'http-001',
        reason: expect.stringContaining("import that bank's file too"),
      }),
    ]);
  });

  it('moves the Node.js questions of an older backend-language bank into javascript-node', async () => {
    const files = shippedFiles();
    const read = (name: string) => {
      const text = files.find((f) => f.name === name)?.text ?? '';
      const { bank } = parseBankYaml(text, name);
      if (!bank) throw new Error(`${name} does not parse`);
      return bank;
    };
    const node = read('javascript-node.yaml');
    const neutral = read('backend-language.yaml');
    const moved = node.questions.filter((q) => q.id.startsWith('lang-'));
    expect(moved.length).toBeGreaterThanOrEqual(10);
    // The shape the bank had before javascript-node existed: every lang- question in it.
    const older = bankToYaml({ ...neutral, questions: [...neutral.questions, ...moved] });
    const before = await ctx.services.banks.importFiles([
      ...files.filter(
        (f) => f.name !== 'javascript-node.yaml' && f.name !== 'backend-language.yaml',
      ),
      { name: 'backend-language.yaml', text: older },
    ]);
    expect(before.applied).toBe(true);
    const versionsBefore = await versionCount();

    const report = await ctx.services.banks.importFiles(files);

    expect(report.problems).toEqual([]);
    expect(report.refused).toEqual([]);
    expect(report.move.map((m) => m.id).sort()).toEqual(moved.map((q) => q.id).sort());
    expect(new Set(report.move.map((m) => `${m.from} -> ${m.to}`))).toEqual(
      new Set(['backend-language -> javascript-node']),
    );
    expect(report.change).toEqual([]);
    expect(await versionCount()).toBe(versionsBefore + report.create.length);
    const inNode = await ctx.services.banks.listQuestions('javascript-node', {});
    expect(inNode.map((q) => q.id)).toEqual(expect.arrayContaining(moved.map((q) => q.id)));
    const inNeutral = await ctx.services.banks.listQuestions('backend-language', {});
    expect(inNeutral.some((q) => moved.some((m) => m.id === q.id))).toBe(false);

    const again = await ctx.services.banks.importFiles(files);
    expect(again.move.length + again.create.length + again.change.length).toBe(0);
  });
});

describe('importing GIFT and CSV', () => {
  beforeEach(async () => {
    await ctx.services.banks.importFiles([bankFile()]);
  });

  it('maps $CATEGORY to a bank by name and names the bank of uncategorised questions with skill', async () => {
    const gift = [
      '$CATEGORY: $course$/top/HTTP basics',
      '::Safe:: Which method is safe? {=GET ~POST ~PATCH}',
      '',
      '$CATEGORY: $course$/top/Unknown topic',
      '::Lost:: 2+2? {#4}',
    ].join('\r\n');
    const report = await ctx.services.banks.importFiles([{ name: 'q.gift', text: gift }]);
    expect(report.create.map((c) => c.skillSlug)).toEqual(['http-basics']);
    expect(report.refused).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('Unknown topic') }),
    ]);

    const uncategorised = await ctx.services.banks.importFiles(
      [{ name: 'u.gift', text: 'Is HEAD safe? {T}' }],
      { skill: 'http-basics' },
    );
    expect(uncategorised.create).toHaveLength(1);
    const again = await ctx.services.banks.importFiles(
      [{ name: 'u.gift', text: 'Is HEAD safe? {T}' }],
      { skill: 'http-basics' },
    );
    expect(again.unchanged).toHaveLength(1);
  });

  it('refuses GIFT questions without a category when no bank is named', async () => {
    const report = await ctx.services.banks.importFiles([
      { name: 'u.gift', text: 'Is HEAD safe? {T}' },
    ]);
    expect(report.problems[0]?.message).toMatch(/--skill/);
    expect(report.applied).toBe(false);
  });

  it('imports CSV rows into the bank named in each row', async () => {
    const { questionsToCsv } = await import('../../src/banks/formats/csv');
    const csv = questionsToCsv([
      { skill: 'http-basics', question: sample('numeric', { id: 'http-010' }) },
    ]);
    const report = await ctx.services.banks.importFiles([{ name: 'rows.csv', text: csv }]);
    expect(report.create.map((c) => c.entry.question.id)).toEqual(['http-010']);
  });
});
