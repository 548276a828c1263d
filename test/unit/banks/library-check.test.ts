import { bankStats, formatStats } from '../../../src/banks/bank-stats';
import { checkLibrary, formatLibraryReport } from '../../../src/banks/library-check';
import type { Bank } from '../../../src/banks/question.schemas';
import { bankFile } from '../../helpers/bank-files';
import { ManualClock } from '../../helpers/clock';
import { sample } from '../../helpers/questions';

const clock = new ManualClock(Date.UTC(2026, 11, 15));

const options = (texts: string[], keys: number[]) =>
  texts.map((text, index) => ({ text, correct: keys.includes(index) }));

describe('balance figures of a bank', () => {
  const bank: Bank = {
    skill: 'web',
    name: 'Web',
    description: '',
    keywords: [],
    questions: [
      sample('true_false', { id: 'tf-1', answer: true }),
      sample('true_false', { id: 'tf-2', answer: false }),
      sample('true_false', { id: 'tf-3', answer: false }),
      sample('multiple', { id: 'm-1', options: options(['a', 'b', 'c', 'd'], [0, 1]) }),
      sample('multiple', { id: 'm-2', options: options(['a', 'b', 'c', 'd'], [0, 1]) }),
      sample('multiple', { id: 'm-3', options: options(['a', 'b', 'c', 'd'], [2]) }),
      // Key longest, key shortest, key in between with a tie at the top.
      sample('single', { id: 's-1', options: options(['a long key', 'b', 'c', 'd'], [0]) }),
      sample('single', { id: 's-2', options: options(['k', 'bb', 'cc'], [0]) }),
      sample('single', { id: 's-3', options: options(['mid', 'long one', 'long two', 'x'], [0]) }),
    ],
  };

  it('counts true answers, keys per multiple-choice item and key length', () => {
    const stats = bankStats(bank);
    expect(stats.trueFalse).toEqual({ total: 3, true: 1 });
    expect(stats.keysPerMultiple).toEqual({ 1: 1, 2: 2 });
    expect(stats.keyLength).toMatchObject({ items: 3, longest: 1, shortest: 1 });
    expect(stats.keyLength.byChance).toBeCloseTo(1 / 4 + 1 / 3 + 1 / 4);
  });

  it('prints them for a person to judge', () => {
    expect(formatStats(bankStats(bank)).slice(3)).toEqual([
      'true/false items whose answer is true: 1 of 3 (33%)',
      'multiple-choice keys per item: 1 key ×1, 2 keys ×2',
      'single-choice key is the longest option in 1 of 3 (33%), the shortest in 1 (33%); blind chance about 28% each',
    ]);
  });

  it('says when a bank has none of a type', () => {
    const essays = { ...bank, questions: [sample('essay')] };
    expect(formatStats(bankStats(essays)).slice(3)).toEqual([
      'true/false items: none',
      'multiple-choice keys per item: none',
      'single-choice items: none',
    ]);
  });
});

describe('checking a library', () => {
  const prompt =
    'After login the `connect.sid` cookie keeps the value it had before login. Which change stops an attacker who planted that session ID?';
  const files = [
    bankFile({
      skill: 'authn-authz',
      name: 'Authentication',
      questions: [
        sample('single', { id: 'auth-001', prompt, reviewed: '2026-11' }),
        sample('true_false', {
          id: 'auth-002',
          prompt: 'A JWT signed with HS256 can be verified without the secret.',
          reviewed: '2025-06',
        }),
      ],
    }),
    bankFile({
      skill: 'session-management',
      name: 'Sessions',
      questions: [
        sample('single', { id: 'sm-001', prompt: `A pen test reports: ${prompt}` }),
        sample('true_false', {
          id: 'sm-002',
          prompt: 'Express keeps sessions in memory unless a store is configured.',
          reviewed: '2026-01',
        }),
      ],
    }),
  ];
  /** The line of `- id: <id>` in a bank file, found independently of the code under test. */
  const lineOf = (id: string) => {
    for (const file of files) {
      const index = file.text.split('\n').findIndex((line) => line.endsWith(`- id: ${id}`));
      if (index >= 0) return index + 1;
    }
    throw new Error(`no ${id}`);
  };

  it('warns about questions due for review, by the clock, with file and line', () => {
    const report = checkLibrary(files, clock.now());
    expect(report.problems).toEqual([]);
    expect(report.reviewWarnings).toEqual([
      {
        file: 'authn-authz.yaml',
        line: lineOf('auth-002'),
        message:
          'auth-002: last reviewed 2025-06, 18 months ago: review it again (due after 18 months).',
      },
      {
        file: 'session-management.yaml',
        line: lineOf('sm-001'),
        message: expect.stringMatching(/^sm-001: not reviewed yet/),
      },
    ]);
    expect(report.banks.map((b) => [b.skill, b.reviewedRecently])).toEqual([
      ['authn-authz', 1],
      ['session-management', 1],
    ]);
  });

  it('reports the copied prompt across banks until both share a group', () => {
    const report = checkLibrary(files, clock.now());
    expect(report.similar).toEqual([
      {
        similarity: expect.any(Number),
        a: {
          id: 'auth-001',
          skill: 'authn-authz',
          file: 'authn-authz.yaml',
          line: lineOf('auth-001'),
        },
        b: {
          id: 'sm-001',
          skill: 'session-management',
          file: 'session-management.yaml',
          line: lineOf('sm-001'),
        },
      },
    ]);
    const grouped = files.map((file) => ({
      ...file,
      text: file.text
        .replace('    prompt: After login', '    group: fixation\n    prompt: After login')
        .replace('    prompt: "A pen test', '    group: fixation\n    prompt: "A pen test'),
    }));
    expect(checkLibrary(grouped, clock.now()).similar).toEqual([]);
  });

  it('prints the measure, threshold and counts', () => {
    const lines = formatLibraryReport(checkLibrary(files, clock.now()));
    expect(lines).toContain(
      'Similar prompts in different banks (cosine similarity of TF-IDF weighted words and word pairs, 0.30 or more; pairs in one group are left out):',
    );
    const [pair] = lines.filter((line) => line.includes(' similar: '));
    expect(pair).toMatch(
      new RegExp(
        `^authn-authz\\.yaml:${lineOf('auth-001')}: auth-001 \\(authn-authz\\) and sm-001 \\(session-management, session-management\\.yaml:${lineOf('sm-001')}\\) are 0\\.\\d\\d similar: put both in one group, or rewrite one\\.$`,
      ),
    );
    expect(lines).toContain('  reviewed in the last 18 months: 1 of 2');
    expect(lines.at(-1)).toBe(
      '2 banks, 4 questions, 0 problems; warnings: 2 questions due for review, 1 similar pair.',
    );
  });
});
