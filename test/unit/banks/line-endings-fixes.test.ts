import { CSV_COLUMNS } from '../../../src/banks/formats/csv';
import { parseGift } from '../../../src/banks/formats/gift';
import { readImportFiles } from '../../../src/banks/import-files';
import { diffLines, diffQuestions } from '../../../src/banks/question-diff';
import { questionFromForm } from '../../../src/banks/question-form';
import { questionSchema, type Question } from '../../../src/banks/question.schemas';

function single(prompt: string, explanation: string, difficulty = 2): Question {
  return questionSchema.parse({
    id: 'git-001',
    type: 'single',
    difficulty,
    prompt,
    explanation,
    options: [{ text: 'Yes', correct: true }, { text: 'No' }],
  });
}

describe('line endings', () => {
  it('stores the editor textarea text with \\n line endings', () => {
    const question = questionFromForm(
      'single',
      {
        difficulty: '2',
        prompt: 'First line\r\nSecond line',
        explanation: 'Because\r\nof this',
        'options.0.text': 'Yes',
        'options.1.text': 'No',
        correct: '0',
      },
      'git-001',
    );
    expect(question.prompt).toBe('First line\nSecond line');
    expect(question.explanation).toBe('Because\nof this');
  });

  it('shows only the changed field when a version stored with \\r\\n is edited', () => {
    const before = single('One\r\nTwo', 'Why\r\nnot', 2);
    const after = single('One\nTwo', 'Why\nnot', 3);
    expect(diffQuestions(before, after).map((d) => d.field)).toEqual(['difficulty']);
  });

  it('reads YAML, GIFT and CSV files with Windows line endings into \\n text', () => {
    const yaml = [
      'skill: git',
      'name: Git',
      'description: Version control.',
      'keywords: [git]',
      'questions:',
      '  - id: git-001',
      '    type: single',
      '    difficulty: 2',
      '    prompt: |',
      '      First line',
      '      Second line',
      '    options:',
      '      - { text: "Yes", correct: true }',
      '      - { text: "No" }',
      '    explanation: Because.',
      '',
    ].join('\r\n');
    const gift = ['$CATEGORY: git', '', '::git-002:: First line', 'second line {T}', ''].join(
      '\r\n',
    );
    const cells: Record<string, string> = {
      skill: 'git',
      id: 'git-003',
      type: 'true_false',
      difficulty: '1',
      prompt: 'First line\r\nsecond line',
      answer: 'true',
    };
    const csv = [
      CSV_COLUMNS.join(','),
      CSV_COLUMNS.map((c) => `"${cells[c] ?? ''}"`).join(','),
      '',
    ].join('\r\n');
    const read = readImportFiles([
      { name: 'git.yaml', text: yaml },
      { name: 'git.gift', text: gift },
      { name: 'git.csv', text: csv },
    ]);
    expect(read.problems).toEqual([]);
    expect(read.entries.length).toBe(3);
    for (const entry of read.entries) expect(entry.question.prompt).not.toContain('\r');
  });
});

describe('GIFT ids', () => {
  it('does not double the skill prefix of a question named after its skill', () => {
    const result = parseGift('$CATEGORY: git\n\n::git-stash-list:: What does it list? {T}\n');
    expect(result.errors).toEqual([]);
    expect(result.questions[0]?.question.id).toBe('git-stash-list');
  });

  it('still prefixes a question whose name does not start with the skill', () => {
    const result = parseGift('$CATEGORY: git\n\n::stash-list:: What does it list? {T}\n');
    expect(result.questions[0]?.question.id).toBe('git-stash-list');
  });
});

describe('history diffs', () => {
  it('lists removals above additions', () => {
    expect(diffLines('a\nold\nc', 'a\nnew\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'old' },
      { kind: 'added', text: 'new' },
      { kind: 'same', text: 'c' },
    ]);
  });
});
