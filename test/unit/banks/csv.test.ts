import {
  CSV_COLUMNS,
  parseQuestionsCsv,
  questionsToCsv,
  type CsvResult,
} from '../../../src/banks/formats/csv';
import {
  questionSchema,
  type Question,
  type QuestionInput,
} from '../../../src/banks/question.schemas';

const HEADER = CSV_COLUMNS.join(',');

/** A CSV line with every cell quoted, written independently of the module under test. */
function row(cells: Partial<Record<string, string>>): string {
  return CSV_COLUMNS.map((column) => `"${(cells[column] ?? '').replaceAll('"', '""')}"`).join(',');
}

function csv(...lines: string[]): string {
  return `${[HEADER, ...lines].join('\r\n')}\r\n`;
}

const base = { skill: 'git', id: 'git-001', difficulty: '2', prompt: 'Which one?' };

function only(result: CsvResult) {
  expect(result.errors).toEqual([]);
  expect(result.questions).toHaveLength(1);
  return result.questions[0]!;
}

function errorsOf(text: string) {
  const result = parseQuestionsCsv(text);
  expect(result.questions).toEqual([]);
  return result.errors;
}

const markdown = [
  'Given `a, b` and "quoted" text — naïve café, 日本語, emoji 🚀:',
  '',
  '```js',
  'const s = "a,b";\r\nconst t = \'x\';',
  '  indented();',
  '```',
  '',
  '- a list item',
  '  continued',
].join('\n');

const inputs: QuestionInput[] = [
  {
    id: 'md-001',
    type: 'single',
    difficulty: 3,
    tags: ['rebase', 'history'],
    prompt: markdown,
    options: [
      { text: '`git reflog feature`', correct: true },
      { text: '-1, as in "minus one"' },
      { text: '[50%] looks like a weight' },
      { text: '\\[50%] starts with a backslash' },
      { text: 'two\nlines\n\n  with a gap' },
    ],
    explanation: 'The reflog, "of course".\n\n- first\n- second',
    references: ['https://git-scm.com/docs/git-reflog', 'Pro Git, ch. 7'],
  },
  {
    id: 'multi-001',
    type: 'multiple',
    difficulty: 2,
    prompt: 'Pick all, then:\n```sh\necho "$HOME"\n```',
    options: [{ text: 'A', correct: true }, { text: 'B', correct: true }, { text: 'C' }],
    explanation: 'A and B.',
  },
  {
    id: 'multi-002',
    type: 'multiple',
    difficulty: 4,
    points: 2.5,
    prompt: 'Weighted',
    options: [
      { text: 'right', correct: true, weight: 33.34 },
      { text: 'also right', correct: true, weight: 66.66 },
      { text: 'wrong', weight: -50 },
      { text: 'harmless', weight: 0 },
    ],
    explanation: 'Weights.',
  },
  { id: 'tf-001', type: 'true_false', difficulty: 1, prompt: 'True?', answer: true },
  { id: 'tf-002', type: 'true_false', difficulty: 1, prompt: 'False?', answer: false },
  {
    id: 'short-001',
    type: 'short_text',
    difficulty: 2,
    prompt: 'Name the command.',
    accepted: ['git reflog', 'reflog, the "ref log"', 'multi\nline'],
    pattern: '^git\\s+reflog(?::\\s*\\w+)?$',
    case_sensitive: true,
    explanation: 'reflog',
  },
  {
    id: 'short-002',
    type: 'short_text',
    difficulty: 2,
    prompt: 'Only a pattern.',
    pattern: '^-?\\d+$',
    explanation: 'digits',
  },
  {
    id: 'num-001',
    type: 'numeric',
    difficulty: 3,
    reviewed: '2025-01',
    prompt: 'Pi?',
    answer: 3.1416,
    tolerance: 0.0001,
    explanation: 'pi',
  },
  {
    id: 'num-002',
    type: 'numeric',
    difficulty: 3,
    prompt: 'Range?',
    min: -40.5,
    max: -0,
    explanation: 'range',
  },
  {
    id: 'num-003',
    type: 'numeric',
    difficulty: 4,
    prompt: 'With alternatives',
    answer: -273.15,
    alternatives: [
      { answer: -273, tolerance: 0.5, credit: 50 },
      { min: -300, max: 1e-7, credit: 12.5 },
      { answer: 1e21, credit: 100 },
    ],
    explanation: 'absolute zero',
  },
  {
    id: 'essay-001',
    type: 'essay',
    difficulty: 5,
    points: 10,
    group: 'explain-trade-offs',
    reviewed: '2026-11',
    prompt: 'Explain.',
    rubric: '- 4 points: names the trade-off\n- 6 points: "why", with an example',
  },
  {
    id: 'match-001',
    type: 'matching',
    difficulty: 2,
    prompt: 'Match.',
    pairs: [
      { prompt: '`x => x * 2`', answer: 'doubles' },
      { prompt: 'HTTP 404,\nover two lines', answer: '-Not Found' },
      { prompt: '=A1', answer: '@handle' },
    ],
    distractors: ['-Bad Gateway', 'Teapot'],
    explanation: 'Matching.',
  },
  {
    id: 'edge-001',
    type: 'single',
    difficulty: 5,
    points: 0.5,
    tags: ['c;c++', '@scope', 'semi;', ';colon'],
    prompt: '=SUM(A1:A9)',
    options: [{ text: '+1', correct: true }, { text: "'=quoted already" }],
    explanation: "'=literal apostrophe first",
    references: ['-starts with a dash', "''two apostrophes"],
  },
];
const questions: Question[] = inputs.map((input) => questionSchema.parse(input));

describe('questionsToCsv then parseQuestionsCsv', () => {
  it('round-trips every question type and field exactly', () => {
    const rows = questions.map((question, index) => ({
      skill: index % 2 ? 'git' : 'owasp-top-10',
      question,
    }));
    const result = parseQuestionsCsv(questionsToCsv(rows));
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.skill)).toEqual(rows.map((r) => r.skill));
    expect(result.questions.map((q) => questionSchema.parse(q.question))).toStrictEqual(questions);
  });

  it('produces objects of the schema shape without undefined keys', () => {
    const [parsed] = parseQuestionsCsv(
      questionsToCsv([{ skill: 'git', question: questions[1]! }]),
    ).questions;
    expect(parsed?.question).toStrictEqual(questions[1]);
  });

  it('reports the physical line each row starts on, also when rows span lines', () => {
    const text = questionsToCsv(questions.map((question) => ({ skill: 'git', question })));
    const starts = parseQuestionsCsv(text).questions.map((q) => q.line);
    const lines = text.split('\n');
    starts.forEach((line, index) => {
      expect(lines[line - 1]).toMatch(new RegExp(`^"?git"?,${questions[index]!.id},`));
    });
    expect(starts[0]).toBe(2);
    expect(starts[1]).toBeGreaterThan(10);
  });
});

describe('questionsToCsv', () => {
  const text = questionsToCsv([{ skill: 'git', question: questions[3]! }]);

  it('writes a UTF-8 BOM, the header and CRLF-terminated rows', () => {
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(text).toBe(`\uFEFF${HEADER}\r\ngit,tf-001,true_false,1,1,,True?,,true,,,,,\r\n`);
  });

  it('writes an empty file as just the header', () => {
    expect(questionsToCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('quotes cells with commas, quotes or line breaks and doubles the quotes', () => {
    const question = questionSchema.parse({ ...inputs[3], prompt: 'Say "yes", then\nno' });
    expect(questionsToCsv([{ skill: 'git', question }])).toContain(',"Say ""yes"", then\nno",');
  });

  it('guards cells that a spreadsheet would run as a formula', () => {
    const edge = questionsToCsv([{ skill: 'git', question: questions[12]! }]);
    expect(edge).toContain(",'=SUM(A1:A9),");
    expect(edge).toContain(`"* +1\n- '=quoted already"`);
    expect(edge).toContain(`,"'-starts with a dash\n''two apostrophes"`);
    expect(edge).toContain(",''=literal apostrophe first,");
    const matching = questionsToCsv([{ skill: 'git', question: questions[11]! }]);
    expect(matching).toContain(`"'-Bad Gateway\nTeapot"`);
    for (const start of ['=', '+', '-', '@']) {
      const question = questionSchema.parse({ ...inputs[3], prompt: `${start}cmd|' /C calc'!A0` });
      expect(questionsToCsv([{ skill: 'git', question }])).toContain(`,'${start}cmd|`);
    }
  });

  it('writes options, weights and numeric keys in the documented notation', () => {
    const weighted = questionsToCsv([{ skill: 'git', question: questions[2]! }]);
    expect(weighted).toContain(
      '"* [33.34%] right\n* [66.66%] also right\n- [-50%] wrong\n- [0%] harmless"',
    );
    const numeric = questionsToCsv([{ skill: 'git', question: questions[9]! }]);
    expect(numeric).toContain(`"'-273.15\n[50%] -273 ± 0.5\n[12.5%] -300..1e-7\n[100%] 1e+21"`);
  });
});

describe('parseQuestionsCsv reading hand-written rows', () => {
  it('reads each type from the documented notation', () => {
    const text = csv(
      row({ ...base, type: 'single', options: '* right\n- wrong\n-  also wrong' }),
      row({ ...base, type: 'Multiple', options: '* [50%] a\n* [50%] b\n- [-100%] c' }),
      row({ ...base, type: 'true_false', answer: 'TRUE' }),
      row({
        ...base,
        type: 'short_text',
        answer: 'one\ntwo',
        extra: 'Case_Sensitive: TRUE\npattern: ^t.o$',
      }),
      row({ ...base, type: 'numeric', answer: '42 +- 0.5\n[50%] 40..45' }),
      row({ ...base, type: 'essay', answer: 'Rubric' }),
      row({ ...base, type: 'matching', options: 'p1\np2', answer: 'a1\na2', extra: 'd1' }),
    );
    const parsed = parseQuestionsCsv(text);
    expect(parsed.errors).toEqual([]);
    const common = {
      id: 'git-001',
      difficulty: 2,
      tags: [],
      prompt: 'Which one?',
      explanation: '',
      references: [],
    };
    expect(parsed.questions.map((q) => q.question)).toStrictEqual([
      {
        ...common,
        type: 'single',
        options: [
          { text: 'right', correct: true },
          { text: 'wrong', correct: false },
          { text: 'also wrong', correct: false },
        ],
      },
      {
        ...common,
        type: 'multiple',
        options: [
          { text: 'a', correct: true, weight: 50 },
          { text: 'b', correct: true, weight: 50 },
          { text: 'c', correct: false, weight: -100 },
        ],
      },
      { ...common, type: 'true_false', answer: true },
      {
        ...common,
        type: 'short_text',
        accepted: ['one', 'two'],
        case_sensitive: true,
        pattern: '^t.o$',
      },
      {
        ...common,
        type: 'numeric',
        answer: 42,
        tolerance: 0.5,
        alternatives: [{ min: 40, max: 45, credit: 50 }],
      },
      { ...common, type: 'essay', rubric: 'Rubric' },
      {
        ...common,
        type: 'matching',
        pairs: [
          { prompt: 'p1', answer: 'a1' },
          { prompt: 'p2', answer: 'a2' },
        ],
        distractors: ['d1'],
      },
    ]);
    for (const { question } of parsed.questions) {
      expect(questionSchema.safeParse(question).success).toBe(true);
    }
  });

  it('reads common columns: points, tags split on ";", references one per line', () => {
    const { question } = only(
      parseQuestionsCsv(
        csv(
          row({
            ...base,
            type: 'true_false',
            answer: 'false',
            points: ' 1.5 ',
            tags: 'Git; rebase ;c;;c++;',
            references: 'https://a.example\n\n  continued\nRFC 9110',
            explanation: 'Because.',
          }),
        ),
      ),
    );
    expect(question).toMatchObject({
      points: 1.5,
      tags: ['Git', 'rebase', 'c;c++'],
      references: ['https://a.example\ncontinued', 'RFC 9110'],
      explanation: 'Because.',
    });
  });

  it('reads unquoted cells, LF line ends, no BOM, and columns in any order and case', () => {
    const columns = [...CSV_COLUMNS].reverse();
    const cells: Record<string, string> = { ...base, type: 'true_false', answer: 'true' };
    const text = `${columns.map((c) => c.toUpperCase()).join(',')}\n${columns.map((c) => cells[c] ?? '').join(',')}\n`;
    expect(only(parseQuestionsCsv(text)).question).toMatchObject({ id: 'git-001', answer: true });
  });

  it('reads quoted cells with doubled quotes, commas and line breaks', () => {
    const text = `\uFEFF${HEADER}\r\ngit,git-001,essay,2,,,"He said ""no"",\r\nthen left",,"a ""b""\nc",,,,,\r\n`;
    const { question, line } = only(parseQuestionsCsv(text));
    expect(line).toBe(2);
    expect(question).toMatchObject({ prompt: 'He said "no",\r\nthen left', rubric: 'a "b"\nc' });
  });

  it('tolerates a missing final line break and skips blank lines and empty rows', () => {
    const text = `\n${HEADER}\n\n,,,,,,,,,,,\n${row({ ...base, type: 'essay', answer: 'r' })}`;
    const parsed = parseQuestionsCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions.map((q) => q.line)).toEqual([5]);
  });

  it('reads a header with no rows as no questions and no errors', () => {
    expect(parseQuestionsCsv(`\uFEFF${HEADER}\r\n`)).toEqual({ questions: [], errors: [] });
  });

  it('removes a leading apostrophe only before a formula character or another apostrophe', () => {
    const text = csv(
      row({
        ...base,
        type: 'essay',
        prompt: "'=1+1",
        answer: "'- one\n- two",
        explanation: "'plain",
      }),
      row({ ...base, type: 'essay', prompt: "''=x", answer: "'@r", explanation: "'\tt" }),
    );
    const parsed = parseQuestionsCsv(text);
    expect(parsed.questions.map((q) => q.question)).toMatchObject([
      { prompt: '=1+1', rubric: '- one\n- two', explanation: "'plain" },
      { prompt: "'=x", rubric: '@r', explanation: '\tt' },
    ]);
  });

  it('reads a guarded options cell that starts with a wrong option', () => {
    const { question } = only(
      parseQuestionsCsv(csv(row({ ...base, type: 'single', options: "'- no\n* yes" }))),
    );
    expect(question).toMatchObject({
      options: [
        { text: 'no', correct: false },
        { text: 'yes', correct: true },
      ],
    });
  });
});

describe('parseQuestionsCsv errors', () => {
  it('names missing and unknown header columns and reads no rows', () => {
    const header = HEADER.replace('options,', '').replace('extra', 'notes');
    const [error, ...rest] = errorsOf(`${header}\r\n${row({ ...base, type: 'essay' })}\r\n`);
    expect(rest).toEqual([]);
    expect(error?.line).toBe(1);
    expect(error?.message).toContain('missing columns: options, extra');
    expect(error?.message).toContain('unknown columns: "notes"');
  });

  it('reads a file without the group and reviewed columns, as written before they existed', () => {
    const columns = CSV_COLUMNS.filter((c) => c !== 'group' && c !== 'reviewed');
    const cells: Record<string, string> = { ...base, type: 'essay', answer: 'Rubric.' };
    const text = [columns.join(','), columns.map((c) => `"${cells[c] ?? ''}"`).join(',')].join(
      '\r\n',
    );
    const parsed = parseQuestionsCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions[0]?.question).not.toHaveProperty('group');
    expect(parsed.questions[0]?.question).not.toHaveProperty('reviewed');
  });

  it('reads the group and reviewed columns, and the schema judges their values', () => {
    const parsed = parseQuestionsCsv(
      csv(row({ ...base, type: 'essay', answer: 'R', group: ' event-loop ', reviewed: 'Dec-26' })),
    );
    expect(parsed.questions[0]?.question).toMatchObject({
      group: 'event-loop',
      reviewed: 'Dec-26',
    });
    expect(questionSchema.safeParse(parsed.questions[0]?.question).error?.issues[0]?.message).toBe(
      'Give the review month as year and month, like 2026-12.',
    );
  });

  it('names repeated header columns', () => {
    expect(errorsOf(`${HEADER},id\r\n`)[0]?.message).toContain('repeated columns: id');
  });

  it('hints at commas when the file uses semicolons', () => {
    expect(errorsOf(`${CSV_COLUMNS.join(';')}\r\n`)[0]?.message).toContain(
      'Separate cells with commas.',
    );
  });

  it('reports an empty file', () => {
    expect(errorsOf('')).toEqual([{ line: 1, message: expect.stringContaining('empty') }]);
    expect(errorsOf('\uFEFF\r\n\r\n')).toHaveLength(1);
  });

  it('reports a row with the wrong number of cells and keeps reading', () => {
    const text = csv('git,git-002,essay,1', row({ ...base, type: 'essay', answer: 'r' }));
    const parsed = parseQuestionsCsv(text);
    expect(parsed.errors).toEqual([
      { line: 2, message: 'This row has 4 cells; the header has 14.' },
    ]);
    expect(parsed.questions.map((q) => q.line)).toEqual([3]);
  });

  it.each([
    [{ type: 'quiz' }, 'type: "quiz" is not a type; use one of single, multiple'],
    [{ type: '' }, 'type: "" is not a type'],
    [{ type: 'essay', difficulty: 'hard' }, 'difficulty: "hard" is not a number'],
    [{ type: 'essay', difficulty: '' }, 'difficulty: a number is required.'],
    [{ type: 'essay', points: '1,5' }, 'points: "1,5" is not a number'],
    [{ type: 'multiple', options: '* [abc%] a\n- b' }, 'options: "[abc%]" is not a percentage'],
    [{ type: 'multiple', options: '* [%] a\n- b' }, 'options: "[%]" is not a percentage'],
    [{ type: 'single', options: '* a\n+ b' }, 'options: "+ b" must start with "* "'],
    [{ type: 'true_false', answer: 'yes' }, 'answer: write true or false, not "yes".'],
    [{ type: 'true_false', answer: '' }, 'answer: write true or false'],
    [{ type: 'numeric', answer: '1\n2' }, 'answer: only one line may be the answer'],
    [{ type: 'numeric', answer: 'ten' }, 'answer: "ten" is not a number'],
    [{ type: 'numeric', answer: '1..' }, 'answer: a number is required.'],
    [{ type: 'numeric', answer: '1 ± 2 ± 3' }, 'answer: "1 ± 2 ± 3" has more than one ±.'],
    [{ type: 'numeric', answer: '[x%] 1' }, 'answer: "[x%]" is not a percentage'],
    [{ type: 'short_text', extra: 'regex: a' }, 'extra: "regex: a" is not a setting'],
    [{ type: 'short_text', extra: 'case_sensitive: maybe' }, 'extra: write true or false'],
    [
      { type: 'matching', options: 'a\nb', answer: 'x' },
      'answer: 2 prompts in options but 1 answers',
    ],
    [{ type: 'essay', options: '* a' }, 'options: a essay question does not use this column'],
    [
      { type: 'single', answer: 'a', options: '* a\n- b' },
      'answer: a single question does not use',
    ],
    [{ type: 'essay', skill: 'Git Basics' }, 'skill: "Git Basics" is not a skill slug'],
  ])('reports an unreadable cell: %j', (cells, message) => {
    expect(errorsOf(csv('', row({ ...base, ...cells })))).toEqual([
      { line: 3, message: expect.stringContaining(message) },
    ]);
  });

  it('reports a quote that is never closed, keeping the rows before it', () => {
    const text = csv(row({ ...base, type: 'essay', answer: 'r' }), 'git,"git-002,essay\r\nmore');
    const parsed = parseQuestionsCsv(text);
    expect(parsed.questions).toHaveLength(1);
    expect(parsed.errors).toEqual([{ line: 3, message: expect.stringContaining('never closed') }]);
  });

  it('reports text after a closing quote and keeps the next row aligned', () => {
    const text = csv(
      `git,"git-002"x,essay,1,,,p,,r,,,`,
      row({ ...base, type: 'essay', answer: 'r' }),
    );
    const parsed = parseQuestionsCsv(text);
    expect(parsed.errors).toEqual([
      { line: 2, message: expect.stringContaining('Cell 2 has text after its closing quote') },
    ]);
    expect(parsed.questions.map((q) => q.line)).toEqual([3]);
  });

  it('reports a huge cell without hanging', () => {
    const huge = 'x'.repeat(5_000_000);
    const started = Date.now();
    const errors = errorsOf(csv(row({ ...base, type: 'essay', prompt: huge, answer: 'r' })));
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining('Cell 7 is too long') }]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports an unclosed quote in a huge file without hanging', () => {
    const started = Date.now();
    const errors = errorsOf(`${HEADER}\n"${'a,b\n'.repeat(1_000_000)}`);
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining('never closed') }]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('never throws on binary garbage or mangled CSV', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const valid = questionsToCsv(questions.map((question) => ({ skill: 'git', question })));
    const alphabet = ['"', ',', '\r', '\n', "'", '*', '-', '[', '%', ']', ';', '\0', '\uFEFF', 'a'];
    for (let round = 0; round < 300; round++) {
      const garbage = Array.from({ length: 200 }, () =>
        String.fromCharCode(Math.floor(random() * 65_536)),
      ).join('');
      const chars = [...valid];
      for (let edit = 0; edit < 5; edit++) {
        const at = Math.floor(random() * chars.length);
        chars.splice(
          at,
          Math.floor(random() * 3),
          alphabet[Math.floor(random() * alphabet.length)]!,
        );
      }
      for (const text of [garbage, HEADER + '\n' + garbage, chars.join('')]) {
        const result = parseQuestionsCsv(text);
        expect(Array.isArray(result.questions) && Array.isArray(result.errors)).toBe(true);
      }
    }
    expect(errorsOf('\0\x01\x02\xff\ufffd').length).toBe(1);
  });
});
