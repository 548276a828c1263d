import type { Skill } from '../../../src/banks/banks.types';
import { readImportFiles } from '../../../src/banks/import-files';
import { groupNotes } from '../../../src/banks/import-notes';
import {
  invalidQuestionCount,
  onlyInvalidQuestions,
  planImport,
} from '../../../src/banks/import-plan';

const skills: Skill[] = [
  { id: 1, slug: 'http-basics', name: 'HTTP basics', description: '', keywords: [] },
  { id: 2, slug: 'git', name: 'Git', description: '', keywords: [] },
];

const gift = (text: string) => ({ name: 'q.gift', text });

describe('groupNotes', () => {
  it('orders groups lost content, lost credit, cosmetic, review, and leaves out empty ones', () => {
    const notes = [
      { kind: 'cosmetic' as const, message: 'c' },
      { kind: 'review' as const, message: 'r' },
      { kind: 'lost-content' as const, message: 'l1' },
      { kind: 'lost-content' as const, message: 'l2' },
    ];
    expect(groupNotes(notes).map((g) => [g.kind, g.notes.map((n) => n.message)])).toEqual([
      ['lost-content', ['l1', 'l2']],
      ['cosmetic', ['c']],
      ['review', ['r']],
    ]);
  });
});

describe('GIFT categories in the plan', () => {
  const text = [
    '$CATEGORY: $course$/top/Default for Course 7',
    '',
    'A? {T}',
    '',
    'B? {F}',
    '',
    '$CATEGORY: $course$/top/Git',
    '',
    'C? {T}',
  ].join('\n');

  it('groups the questions of a category that names no bank, and uses one that does', () => {
    const plan = planImport(readImportFiles([gift(text)]), skills, new Map());
    expect(plan.create.map((c) => c.skillSlug)).toEqual(['git']);
    expect(plan.missingBanks).toEqual([
      {
        slug: 'default-for-course-7',
        name: 'Default for Course 7',
        category: 'Default for Course 7',
        file: 'q.gift',
        lines: [3, 5],
      },
    ]);
    expect(plan.refused.map((r) => r.category)).toEqual([
      'Default for Course 7',
      'Default for Course 7',
    ]);
  });

  it('takes the bank chosen for a category, and the bank chosen for the file over all', () => {
    const mapped = readImportFiles([gift(text)], {
      categoryBanks: { 'Default for Course 7': 'http-basics' },
    });
    expect(planImport(mapped, skills, new Map()).create.map((c) => c.skillSlug)).toEqual([
      'http-basics',
      'http-basics',
      'git',
    ]);
    const chosen = readImportFiles([gift(text)], { skill: 'http-basics' });
    expect(planImport(chosen, skills, new Map()).create.map((c) => c.skillSlug)).toEqual([
      'http-basics',
      'http-basics',
      'http-basics',
    ]);
  });
});

describe('skipping invalid questions', () => {
  const invalid = readImportFiles([gift('A? {T}\n\nB? {~x ~y}\n\nC? {=%50%z}')], { skill: 'git' });
  const broken = readImportFiles([gift('A? {T}\n\nB? {~x ~y}\n\nC? {=z')], { skill: 'git' });

  it('counts the questions the problems concern, each once', () => {
    expect(onlyInvalidQuestions(invalid.problems)).toBe(true);
    expect(invalidQuestionCount(invalid.problems)).toBe(2);
    expect(onlyInvalidQuestions(broken.problems)).toBe(false);
    expect(onlyInvalidQuestions([])).toBe(false);
  });

  it('moves the problems aside only when asked and only when none is about the file', () => {
    expect(planImport(invalid, skills, new Map()).problems).toHaveLength(2);
    const skipped = planImport(invalid, skills, new Map(), { skipInvalid: true });
    expect(skipped.problems).toEqual([]);
    expect(skipped.skipped.map((p) => p.line)).toEqual([3, 5]);
    expect(skipped.create).toHaveLength(1);
    const refused = planImport(broken, skills, new Map(), { skipInvalid: true });
    expect(refused.problems).toHaveLength(2);
    expect(refused.skipped).toEqual([]);
  });
});
