import fs from 'node:fs';
import path from 'node:path';
import { questionsToCsv } from '../../src/banks/formats/csv';
import { describeImport } from '../../src/banks/import-report';
import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
import { bankFile } from '../helpers/bank-files';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

const fixture = (name: string) => ({
  name,
  text: fs.readFileSync(path.join(__dirname, '../fixtures/gift', name), 'utf8'),
});

let ctx: TestContext;
let admin: Agent;
beforeEach(async () => {
  ctx = await createTestContext();
  await ctx.services.banks.importFiles([bankFile({ questions: [] })]);
  await ctx.services.banks.importFiles([
    bankFile({ skill: 'git', name: 'Git', keywords: ['git'], questions: [] }),
  ]);
  admin = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'admin' })).email);
});
afterEach(() => ctx.close());

const questionIds = async (slug: string) =>
  (await ctx.services.banks.listQuestions(slug, {})).map((q) => q.id).sort();

describe('GIFT categories and the bank chosen for the file', () => {
  it('puts every question in the chosen bank, whatever the category, and says so', async () => {
    const report = await ctx.services.banks.importFiles([fixture('moodle-export-category.gift')], {
      skill: 'http-basics',
    });
    expect(report.applied).toBe(true);
    expect(report.refused).toEqual([]);
    expect(await questionIds('http-basics')).toEqual([
      'http-basics-safe-methods',
      'http-basics-status-404',
    ]);
    expect(report.notes).toContainEqual(
      expect.objectContaining({
        line: 6,
        kind: 'cosmetic',
        message:
          "Every question goes to the bank you chose, “http-basics”; the file's category “Default for Web Development 101” is not used.",
      }),
    );
    const again = await ctx.services.banks.importFiles([fixture('moodle-export-category.gift')], {
      skill: 'http-basics',
    });
    expect(again.unchanged).toHaveLength(2);
  });

  it('uses a category that names a bank when no bank is chosen', async () => {
    const report = await ctx.services.banks.importFiles([fixture('some-invalid.gift')], {
      skipInvalid: true,
    });
    expect(report.create.map((c) => c.skillSlug)).toEqual([
      'http-basics',
      'http-basics',
      'http-basics',
    ]);
  });

  it('reports an unknown category once, with its questions, and imports them once mapped', async () => {
    const unmapped = await ctx.services.banks.importFiles([fixture('moodle-export-category.gift')]);
    expect(unmapped.problems).toEqual([]);
    expect(unmapped.missingBanks).toEqual([
      {
        slug: 'default-for-web-development-101',
        name: 'Default for Web Development 101',
        category: 'Default for Web Development 101',
        file: 'moodle-export-category.gift',
        lines: [6, 14],
      },
    ]);
    const lines = describeImport(unmapped);
    expect(lines.filter((line) => line.includes('refused:'))).toEqual([]);
    expect(lines).toContain(
      'moodle-export-category.gift: the category "Default for Web Development 101" names no bank, so its 2 questions were not imported (lines 6, 14). ' +
        'Put them in a bank with --map-category "Default for Web Development 101=<bank>" (or every question with --skill <bank>), or create the bank "default-for-web-development-101" first.',
    );

    const mapped = await ctx.services.banks.importFiles([fixture('moodle-export-category.gift')], {
      categoryBanks: { 'Default for Web Development 101': 'git' },
    });
    expect(mapped.applied).toBe(true);
    expect(await questionIds('git')).toEqual(['git-safe-methods', 'git-status-404']);
  });
});

describe('round trip', () => {
  // CSV, because YAML bank files also require an explanation, which GIFT files rarely carry.
  it('exports imported GIFT questions as CSV that imports back unchanged', async () => {
    const names = [
      'tilde-equals.gift',
      'html-media.gift',
      'nbsp-answer.gift',
      'pipe-answer.gift',
      'plain-html-tags.gift',
    ];
    const first = await ctx.services.banks.importFiles(names.map(fixture), { skill: 'git' });
    expect(first.applied).toBe(true);
    expect(first.create).toHaveLength(18);
    const bank = await ctx.services.banks.exportBank('git');
    const exported = questionsToCsv(bank.questions.map((question) => ({ skill: 'git', question })));
    const again = await ctx.services.banks.importFiles([{ name: 'git.csv', text: exported }]);
    expect(again.problems).toEqual([]);
    expect(again.unchanged).toHaveLength(18);
    const twice = await ctx.services.banks.importFiles(names.map(fixture), { skill: 'git' });
    expect(twice.unchanged).toHaveLength(18);
  });
});

describe('importing the valid questions of a file with a few invalid ones', () => {
  it('refuses the whole file unless asked, then imports the valid ones and lists the rest', async () => {
    const refused = await ctx.services.banks.importFiles([fixture('some-invalid.gift')]);
    expect(refused.applied).toBe(false);
    expect(refused.problems.map((p) => [p.line, p.skippable])).toEqual([
      [6, true],
      [11, true],
    ]);
    expect(refused.create).toHaveLength(3);
    expect(await questionIds('http-basics')).toEqual([]);

    const report = await ctx.services.banks.importFiles([fixture('some-invalid.gift')], {
      skipInvalid: true,
      actor: { id: 1, name: 'Admin', ip: '127.0.0.1' },
    });
    expect(report.applied).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.skipped.map((p) => p.line)).toEqual([6, 11]);
    expect(await questionIds('http-basics')).toEqual([
      'http-basics-valid-one',
      'http-basics-valid-three',
      'http-basics-valid-two',
    ]);
    expect(describeImport(report)).toEqual(
      expect.arrayContaining([
        'Left out, with their problems (2):',
        '3 created, 0 changed, 0 unchanged (skipped), 0 refused, 2 left out with problems.',
      ]),
    );
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'bank.imported')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ created: 3, skipped: 2 });
  });

  it('still refuses everything when the file has a syntax error', async () => {
    const report = await ctx.services.banks.importFiles([fixture('syntax-error.gift')], {
      skill: 'http-basics',
      skipInvalid: true,
    });
    expect(report.applied).toBe(false);
    expect(report.skipped).toEqual([]);
    expect(report.problems.map((p) => p.line)).toEqual([4, 6]);
    expect(await questionIds('http-basics')).toEqual([]);
  });
});

describe('import notes grouped by kind', () => {
  it('lists lost content first, then lost credit, then cosmetic changes, with counts', async () => {
    const gift = [
      fixture('html-media.gift').text,
      '::Partial::Best choice? {=a ~%50%b ~c}',
      '::Wild::Name one. {=re*}',
    ].join('\n\n');
    const report = await ctx.services.banks.importFiles([{ name: 'mixed.gift', text: gift }], {
      skill: 'http-basics',
      dryRun: true,
    });
    const headings = describeImport(report).filter((line) => /^[A-Z].*\(\d+\):$/.test(line));
    expect(headings).toEqual([
      'Content that was left out (2):',
      'Partial credit or penalties that score differently (1):',
      'Changes in wording or layout (2):',
      'Worth reviewing after the import (6):',
    ]);
  });
});

describe('the upload preview in the browser', () => {
  async function upload(name: string, skill = '') {
    const page = await admin.get('/banks/import');
    const staged = await admin
      .post('/banks/import')
      .field('_csrf', csrfFrom(page.text))
      .field('skill', skill)
      .attach('file', Buffer.from(fixture(name).text), name);
    expect(staged.status).toBe(303);
    return staged.headers.location as string;
  }

  it('offers a bank for an unknown category, keeps the choice and imports into it', async () => {
    const preview = await upload('moodle-export-category.gift');
    const page = await admin.get(preview);
    expect(page.text).toContain('Categories in the file');
    expect(page.text).toContain(
      '<label for="category-bank-0">Bank for “Default for Web Development 101”</label>',
    );
    expect(page.text).toContain('2 questions, from lines 6, 14.');
    expect(page.text).toContain('Import 0 questions');

    const forged = await admin
      .post(`${preview}/categories`)
      .type('form')
      .send({ category: 'Default for Web Development 101', bank: 'git' });
    expect(forged.status).toBe(403);
    const unknown = await admin
      .post(`${preview}/categories`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        category: 'Default for Web Development 101',
        bank: 'nope',
      });
    expect(unknown.status).toBe(400);

    const chosen = await admin
      .post(`${preview}/categories`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        category: 'Default for Web Development 101',
        bank: 'git',
      });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.location).toBe(preview);
    const again = await admin.get(preview);
    expect(again.text).toContain('Import 2 questions');
    expect(again.text).toMatch(/<option value="git" selected>Git<\/option>/);
    const confirmed = await admin
      .post(preview)
      .type('form')
      .send({ _csrf: csrfFrom(again.text) });
    expect(confirmed.status).toBe(303);
    expect(await questionIds('git')).toEqual(['git-safe-methods', 'git-status-404']);
  });

  it('lets only the admin who uploaded the file choose banks for its categories', async () => {
    const preview = await upload('moodle-export-category.gift');
    const fields = { category: 'Default for Web Development 101', bank: 'git' };
    const manager = await signedInAgent(
      ctx.app,
      (await createUser(ctx.db, { role: 'manager' })).email,
    );
    const asManager = await manager
      .post(`${preview}/categories`)
      .type('form')
      .send({ ...fields, _csrf: csrfFrom((await manager.get('/banks')).text) });
    expect(asManager.status).toBe(403);
    const other = await signedInAgent(ctx.app, (await createUser(ctx.db, { role: 'admin' })).email);
    const asOther = await other
      .post(`${preview}/categories`)
      .type('form')
      .send({ ...fields, _csrf: csrfFrom((await other.get('/banks/import')).text) });
    expect(asOther.status).toBe(404);
    const page = await admin.get(preview);
    expect(page.text).toContain('Import 0 questions');
  });

  it('says when the chosen bank overrides the categories', async () => {
    const page = await admin.get(await upload('moodle-export-category.gift', 'http-basics'));
    expect(page.text).toContain(
      'Every question goes to the bank you chose, <strong>HTTP basics</strong>',
    );
    expect(page.text).not.toContain('Categories in the file');
  });

  it('offers to import the valid questions and leave out the invalid ones', async () => {
    const preview = await upload('some-invalid.gift');
    const page = await admin.get(preview);
    expect(page.text).toContain('2 questions cannot be imported');
    expect(page.text).toContain('Import the 3 valid questions, leave out 2 with problems');

    const plain = await admin
      .post(preview)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(plain.headers.location).toBe(preview);
    expect(await questionIds('http-basics')).toEqual([]);

    const skipping = await admin
      .post(preview)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), skip_invalid: '1' });
    expect(skipping.status).toBe(303);
    expect(skipping.headers.location).toBe('/banks');
    expect((await admin.get('/banks')).text).toContain('2 left out with problems');
    expect(await questionIds('http-basics')).toHaveLength(3);
  });

  it('offers no such button when the file has a syntax error', async () => {
    const page = await admin.get(await upload('syntax-error.gift', 'http-basics'));
    expect(page.text).toContain('This file cannot be imported');
    expect(page.text).not.toContain('leave out');
  });

  it('groups the notes by kind, with counts', async () => {
    const page = await admin.get(await upload('html-media.gift', 'http-basics'));
    const headings = [...page.text.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'Content that was left out (2)',
      'Changes in wording or layout (1)',
      'Worth reviewing after the import (4)',
    ]);
    expect(page.text).toContain('Line 9: Left out: the audio “interview.mp3”.');
  });
});
