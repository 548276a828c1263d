import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseGift, type GiftResult } from '../../../src/banks/formats/gift';
import {
  QUESTION_ID_PATTERN,
  questionSchema,
  type QuestionInput,
  type QuestionType,
} from '../../../src/banks/question.schemas';

type QuestionOfType<T extends QuestionType> = Extract<QuestionInput, { type: T }>;

/** Parses text that must hold exactly one question of `type`, without errors. */
function only<T extends QuestionType>(text: string, type: T): QuestionOfType<T> {
  const result = parseGift(text);
  expect(result.errors).toEqual([]);
  expect(result.questions).toHaveLength(1);
  const question = result.questions[0]?.question;
  expect(question?.type).toBe(type);
  return question as QuestionOfType<T>;
}

function messages(notes: { line: number; message: string }[]): string {
  return notes.map((note) => `${note.line}: ${note.message}`).join('\n');
}

function expectValid(result: GiftResult): void {
  for (const { question } of result.questions) {
    const parsed = questionSchema.safeParse(question);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(question.id).toMatch(QUESTION_ID_PATTERN);
    expect(question.id.length).toBeLessThanOrEqual(64);
  }
}

function hashId(prompt: string): string {
  return `q${createHash('sha256').update(prompt).digest('hex').slice(0, 8)}`;
}

describe('parseGift: the fixture with every construct', () => {
  const text = fs.readFileSync(path.join(__dirname, '../../fixtures/every-construct.gift'), 'utf8');
  const result = parseGift(text);

  it('reads it without errors', () => {
    expect(result.errors).toEqual([]);
  });

  it('produces only questions that pass the shared schema, with valid ids', () => {
    expect(result.questions.length).toBeGreaterThan(25);
    expectValid(result);
    const ids = result.questions.map((q) => q.question.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every question type', () => {
    const types = new Set(result.questions.map((q) => q.question.type));
    expect([...types].sort()).toEqual(
      ['essay', 'matching', 'multiple', 'numeric', 'short_text', 'single', 'true_false'].sort(),
    );
  });

  it('keeps the category in force and derives the id prefix from it', () => {
    const first = result.questions[0];
    expect(first?.line).toBe(8);
    expect(first?.category).toBe('$course$/top/Version control');
    expect(first?.question.id).toBe('version-control-object-store');
    const last = result.questions[result.questions.length - 1];
    expect(last?.category).toBe('$course$/top/Remotes');
    expect(last?.question.id).toBe('remotes-remote-default');
  });

  it('skips the description with a note on its line', () => {
    expect(messages(result.notes)).toMatch(/102: Skipped a description/);
  });
});

describe('parseGift: file structure', () => {
  it('returns nothing but a note for an empty file', () => {
    for (const text of ['', '\n\n', '   \n\t\n', '\uFEFF', '// only a comment\n// and another']) {
      const result = parseGift(text);
      expect(result.questions).toEqual([]);
      expect(result.errors).toEqual([]);
      expect(messages(result.notes)).toBe('1: The file has no questions.');
    }
  });

  it('separates questions by blank lines and reports the line each starts on', () => {
    const result = parseGift('// intro\n\nQ1 {T}\n\n\n// about Q2\nQ2\n{F}\n');
    expect(result.questions.map((q) => [q.line, q.question.prompt])).toEqual([
      [3, 'Q1'],
      [7, 'Q2'],
    ]);
  });

  it('treats lines with only spaces or tabs as blank', () => {
    const result = parseGift('Q1 {T}\n \t \nQ2 {F}');
    expect(result.questions).toHaveLength(2);
  });

  it('drops comment lines inside a question, even inside the answer block', () => {
    const question = only('Pick one {\n// the key\n=a\n  // a distractor\n~b\n}', 'single');
    expect(question.options.map((o) => o.text)).toEqual(['a', 'b']);
  });

  it('reads LF, CRLF and CR line endings alike, with the same line numbers', () => {
    const lines = ['// c', '::A::First? {T}', '', '::B::Second', '{=x ~y}'];
    const [lf, crlf, cr] = ['\n', '\r\n', '\r'].map((eol) => parseGift(lines.join(eol)));
    expect(lf?.questions.map((q) => q.line)).toEqual([2, 4]);
    expect(crlf).toEqual(lf);
    expect(cr).toEqual(lf);
    expect(lf?.questions[1]?.question.prompt).toBe('Second');
  });

  it('ignores a byte order mark at the start', () => {
    const result = parseGift('\uFEFF::Title::Question? {T}');
    expect(result.questions[0]?.question.id).toBe('gift-title');
    expect(result.questions[0]?.question.prompt).toBe('Question?');
  });

  it('trims each line as Moodle does', () => {
    const question = only('   ::T::   First line\n      second line {T}   ', 'true_false');
    expect(question.prompt).toBe('First line\nsecond line');
  });

  it('keeps reading after a broken question', () => {
    const result = parseGift('Broken {=a ~b\n\nFine {T}');
    expect(result.errors).toEqual([{ line: 1, message: expect.stringMatching(/never closed/) }]);
    expect(result.questions.map((q) => q.line)).toEqual([3]);
  });
});

describe('parseGift: categories', () => {
  it('has no category before the first $CATEGORY line', () => {
    const result = parseGift('Q {T}\n\n$CATEGORY: $course$/top/Git\n\nR {T}');
    expect(result.questions.map((q) => q.category)).toEqual([undefined, '$course$/top/Git']);
    expect(result.questions.map((q) => q.question.id)).toEqual([
      `gift-${hashId('Q')}`,
      `git-${hashId('R')}`,
    ]);
  });

  it('switches category for the questions that follow', () => {
    const result = parseGift('$CATEGORY: a/Docker\n\nQ1 {T}\n\n$CATEGORY: a/Kubernetes\n\nQ2 {T}');
    expect(result.questions.map((q) => q.question.id)).toEqual([
      `docker-${hashId('Q1')}`,
      `kubernetes-${hashId('Q2')}`,
    ]);
  });

  it('reads a question right under $CATEGORY, with a note that Moodle would not', () => {
    const result = parseGift('$CATEGORY: top/Git\n::Q::Question {T}');
    expect(result.questions[0]).toMatchObject({
      line: 2,
      category: 'top/Git',
      question: { id: 'git-q' },
    });
    expect(messages(result.notes)).toMatch(/^2: Put a blank line after \$CATEGORY:/);
  });

  it('uses the last path segment, where // stands for a slash inside a name', () => {
    const result = parseGift('$CATEGORY: $course$/top/CI//CD Pipelines\n\n::Q::Question {T}');
    expect(result.questions[0]?.question.id).toBe('ci-cd-pipelines-q');
  });

  it('falls back to the chosen skill, then to "gift", when the category gives no slug', () => {
    const text = '$CATEGORY: $course$/top\n\n::Q::Question {T}';
    expect(parseGift(text).questions[0]?.question.id).toBe('gift-q');
    expect(parseGift(text, { skill: 'Cloud Ops' }).questions[0]?.question.id).toBe('cloud-ops-q');
    expect(parseGift('::Q::Question {T}', { skill: '' }).questions[0]?.question.id).toBe('gift-q');
  });
});

describe('parseGift: titles and ids', () => {
  it('slugifies the title, folding accents', () => {
    expect(only('::Café au lait & Crème::Question {T}', 'true_false').id).toBe(
      'gift-cafe-au-lait-creme',
    );
  });

  it('uses a hash of the question text when there is no usable title', () => {
    expect(only('Is the sky blue? {T}', 'true_false').id).toBe(
      `gift-${hashId('Is the sky blue?')}`,
    );
    expect(only('::::Empty title {T}', 'true_false').id).toBe(`gift-${hashId('Empty title')}`);
    expect(only('::Привет::Cyrillic title {T}', 'true_false').id).toBe(
      `gift-${hashId('Cyrillic title')}`,
    );
  });

  it('numbers repeated ids -2, -3 within the file', () => {
    const result = parseGift('::Same::A {T}\n\n::Same::B {T}\n\n::same::C {T}\n\nD {T}\n\nD {F}');
    expect(result.questions.map((q) => q.question.id)).toEqual([
      'gift-same',
      'gift-same-2',
      'gift-same-3',
      `gift-${hashId('D')}`,
      `gift-${hashId('D')}-2`,
    ]);
  });

  it('keeps ids within 64 characters, duplicates included', () => {
    const title = 'word '.repeat(40);
    const result = parseGift(
      `$CATEGORY: ${'Long Category '.repeat(10)}\n\n::${title}::A {T}\n\n::${title}::B {T}`,
    );
    expectValid(result);
    const [first, second] = result.questions.map((q) => q.question.id);
    expect(first?.length).toBeLessThanOrEqual(64);
    expect(second).toMatch(/-2$/);
    expect(second).not.toBe(first);
  });

  it('reads escaped colons inside the title', () => {
    expect(only('::Ratio 1\\:2::Question {T}', 'true_false').id).toBe('gift-ratio-1-2');
  });

  it('reads an unclosed title as question text, with a note', () => {
    const result = parseGift('::No end Question {T}');
    expect(result.questions[0]?.question.prompt).toBe('No end Question');
    expect(messages(result.notes)).toMatch(/title is not closed/);
  });

  it('uses difficulty 3, 1 point, no references', () => {
    expect(only('Q {T}', 'true_false')).toMatchObject({ difficulty: 3, points: 1, references: [] });
  });
});

describe('parseGift: tags from Moodle comments', () => {
  it('turns // [tag:...] comments into lower-case tags, without repeats', () => {
    const question = only('// [tag:Git] [tag:history]\n// [tag:git]\nQ {T}', 'true_false');
    expect(question.tags).toEqual(['git', 'history']);
  });

  it('drops tags that are too long, with a note', () => {
    const result = parseGift(`// [tag:${'x'.repeat(41)}] [tag:ok]\nQ {T}`);
    expect(result.questions[0]?.question.tags).toEqual(['ok']);
    expect(messages(result.notes)).toMatch(/Tags longer than 40/);
  });

  it('keeps the first 20 tags, with a note', () => {
    const tags = Array.from({ length: 25 }, (_, i) => `[tag:t${i}]`).join(' ');
    const result = parseGift(`// ${tags}\nQ {T}`);
    expect(result.questions[0]?.question.tags).toHaveLength(20);
    expect(messages(result.notes)).toMatch(/first 20 of 25 tags/);
  });
});

describe('parseGift: text formats', () => {
  it('keeps [markdown], [plain], [moodle] and unmarked text as written', () => {
    expect(only('[markdown]Use `git add` *now*? {T}', 'true_false').prompt).toBe(
      'Use `git add` *now*?',
    );
    expect(only('[plain]2 * 3 < 7? {T}', 'true_false').prompt).toBe('2 * 3 < 7?');
    expect(only('[moodle]Plain words? {T}', 'true_false').prompt).toBe('Plain words?');
    expect(only('Plain words? {T}', 'true_false').prompt).toBe('Plain words?');
  });

  it('turns [html] into Markdown: formatting kept, breaks kept, entities decoded', () => {
    const question = only(
      '[html]<p>Is <b>this</b> &amp; <code>&lt;that&gt;</code> fine?</p><p>Line&nbsp;two<br/>three &#x263A; &#9731;</p>{T}',
      'true_false',
    );
    expect(question.prompt).toBe('Is **this** & `<that>` fine?\n\nLine two\nthree ☺ ☃');
  });

  it('turns HTML lists into Markdown lists', () => {
    expect(only('[html]Pick:<ul><li>one</li><li>two</li></ul>{T}', 'true_false').prompt).toBe(
      'Pick:\n\n- one\n- two',
    );
  });

  it('keeps an unknown [marker] as text, as Moodle does', () => {
    expect(only('[latex]x? {T}', 'true_false').prompt).toBe('[latex]x?');
  });

  it('applies the question format to answers and feedback unless they have their own marker', () => {
    const question = only(
      '[html]<i>Q</i>{=<b>a</b>#<i>yes</i> ~[plain]<b>b</b>#[markdown]*no*}',
      'single',
    );
    expect(question.options.map((o) => o.text)).toEqual(['**a**', '<b>b</b>']);
    expect(question.explanation).toBe('**a**: *yes*\n\n**<b>b</b>**: *no*');
  });

  it('reads a format marker after a weight', () => {
    const question = only('Q {~%100%[html]<b>a</b> ~%0%[plain]b}', 'multiple');
    expect(question.options.map((o) => o.text)).toEqual(['**a**', 'b']);
  });
});

describe('parseGift: escapes', () => {
  it('reads every escape in the question text', () => {
    expect(only('a\\~b \\=c \\#d \\{e\\} f\\:g h\\\\i\\nj {T}', 'true_false').prompt).toBe(
      'a~b =c #d {e} f:g h\\i\nj',
    );
  });

  it('reads every escape in answers and feedback', () => {
    const question = only('Q {=x\\=y\\~z\\#w#fb \\{\\}\\: \\\\ \\n ok ~p\\{q\\}}', 'single');
    expect(question.options.map((o) => o.text)).toEqual(['x=y~z#w', 'p{q}']);
    expect(question.explanation).toBe('**x=y~z#w**: fb {}: \\ \n ok');
  });

  it('treats an escaped backslash before a marker as a backslash and a real marker', () => {
    const question = only('Q {=a\\\\~b}', 'single');
    expect(question.options.map((o) => o.text)).toEqual(['a\\', 'b']);
  });

  it('keeps other backslashes as they are', () => {
    expect(only('Match \\d+ or C:\\\\temp? {T}', 'true_false').prompt).toBe(
      'Match \\d+ or C:\\temp?',
    );
  });

  it('escapes in numeric answers do not count as syntax', () => {
    const result = parseGift('Q {#3\\:1}');
    expect(result.errors).toEqual([{ line: 1, message: '“3:1” is not a number.' }]);
  });
});

describe('parseGift: multiple choice', () => {
  it('reads = and ~ as a single-choice question', () => {
    const question = only("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}", 'single');
    expect(question.prompt).toBe("Who's buried in Grant's tomb?");
    expect(question.options).toEqual([
      { text: 'Grant', correct: false },
      { text: 'Jefferson', correct: false },
      { text: 'no one', correct: true },
    ]);
    expect(question.explanation).toBe('');
  });

  it('reads answers spread over lines', () => {
    const question = only(
      'Japanese characters came from? {\n  ~India\n  =China\n  ~Korea\n}',
      'single',
    );
    expect(question.options.map((o) => o.text)).toEqual(['India', 'China', 'Korea']);
  });

  it('merges per-answer and general feedback into the explanation, with a note', () => {
    const result = parseGift(
      'Q {=yellow # right; good!\n~red # wrong\n~blue\n####Yellow sits between.}',
    );
    const question = result.questions[0]?.question;
    expect(question?.explanation).toBe(
      'Yellow sits between.\n\n**yellow**: right; good!\n\n**red**: wrong',
    );
    expect(messages(result.notes)).toBe('1: Per-answer feedback was merged into the explanation.');
  });

  it('escapes stars in feedback labels so the bold stays intact', () => {
    expect(only('Q {=a*b#fb ~c}', 'single').explanation).toBe('**a\\*b**: fb');
  });

  it('reads weights with ~%n% as a multiple-choice question with weights', () => {
    const question = only(
      'Q {~%50%yellow ~%-100%red ~%50%off-beige ~%-100%[plain]blue}',
      'multiple',
    );
    expect(question.options).toEqual([
      { text: 'yellow', correct: true, weight: 50 },
      { text: 'red', correct: false, weight: -100 },
      { text: 'off-beige', correct: true, weight: 50 },
      { text: 'blue', correct: false, weight: -100 },
    ]);
  });

  it('reads decimal weights that add up to 100 as they are', () => {
    const question = only('Q {~%33.333%a ~%33.333%b ~%33.333%c ~d}', 'multiple');
    expect(question.options.map((o) => o.weight)).toEqual([33.333, 33.333, 33.333, 0]);
  });

  it('reads ~%100% without = as multiple choice, as Moodle does', () => {
    const question = only('Q {~%100%yellow ~%-50%red ~%-50%blue}', 'multiple');
    expect(question.options.map((o) => [o.correct, o.weight])).toEqual([
      [true, 100],
      [false, -50],
      [false, -50],
    ]);
  });

  it('reads several = answers as multiple choice, weights scaled, with a note', () => {
    const result = parseGift('Q {=HEAD =@ =HEAD^0 ~HEAD\\~1}');
    const question = result.questions[0]?.question as QuestionOfType<'multiple'>;
    expect(question.type).toBe('multiple');
    expect(question.options.map((o) => [o.text, o.correct, o.weight])).toEqual([
      ['HEAD', true, 33.33],
      ['@', true, 33.33],
      ['HEAD^0', true, 33.33],
      ['HEAD~1', false, 0],
    ]);
    expect(messages(result.notes)).toMatch(/3 answers give full credit/);
    expectValid(result);
  });

  it('accepts =%100% and other weights after =', () => {
    expect(only('Q {=%100%a ~b}', 'single').options).toEqual([
      { text: 'a', correct: true },
      { text: 'b', correct: false },
    ]);
    expect(only('Q {=%50%a =%50%b ~c}', 'multiple').options.map((o) => o.weight)).toEqual([
      50, 50, 0,
    ]);
  });

  it('scales positive weights that do not add up to 100, with a note', () => {
    const result = parseGift('Q {~%40%a ~%40%b ~%-50%c}');
    const question = result.questions[0]?.question as QuestionOfType<'multiple'>;
    expect(question.options.map((o) => o.weight)).toEqual([50, 50, -50]);
    expect(messages(result.notes)).toBe(
      '1: The positive weights add up to 80%; they were scaled to 100%.',
    );
  });

  it('keeps one = answer single choice and notes partial credit it cannot give', () => {
    const result = parseGift('Q {=rebase ~%50%squash ~%-50%octopus ~merge}');
    const question = result.questions[0]?.question as QuestionOfType<'single'>;
    expect(question.options.map((o) => o.correct)).toEqual([true, false, false, false]);
    expect(question.options.every((o) => o.weight === undefined)).toBe(true);
    expect(messages(result.notes)).toMatch(/“squash” \(50%\), “octopus” \(-50%\)/);
  });

  it('counts text before the first marker as a wrong answer, as Moodle does', () => {
    expect(only('Q {maybe ~no =yes}', 'single').options.map((o) => o.text)).toEqual([
      'maybe',
      'no',
      'yes',
    ]);
  });

  it('keeps a malformed weight as answer text, with a note', () => {
    const result = parseGift('Q {~%half%a =b}');
    expect((result.questions[0]?.question as QuestionOfType<'single'>).options[0]?.text).toBe(
      '%half%a',
    );
    expect(messages(result.notes)).toMatch(/valid %weight%/);
  });

  it('refuses a weight beyond 100', () => {
    expect(parseGift('Q {~%150%a ~b}').errors).toEqual([
      { line: 1, message: 'The weight 150% is outside -100..100.', skippable: true },
    ]);
  });

  it('refuses a question with only wrong answers', () => {
    expect(parseGift('Q {~a ~b ~c}').errors).toEqual([
      { line: 1, message: expect.stringMatching(/No answer is correct/), skippable: true },
    ]);
  });

  it('refuses a single answer', () => {
    expect(messages(parseGift('Q {~a}\n\nR {=a ~}').errors)).toBe(
      '1: A multiple-choice question needs at least 2 answers.\n3: A multiple-choice question needs at least 2 answers.',
    );
  });

  it('reports schema problems such as repeated options, by line', () => {
    expect(messages(parseGift('\n\nQ {=a ~A ~b}').errors)).toBe(
      '3: options #2 text: Option 2 repeats option 1.',
    );
  });

  it('takes an unescaped = inside feedback as a new answer, as Moodle does', () => {
    const result = parseGift('Q {=x#because x=1 ~y}');
    const question = result.questions[0]?.question as QuestionOfType<'multiple'>;
    expect(question.options.map((o) => o.text)).toEqual(['x', '1', 'y']);
  });
});

describe('parseGift: true / false', () => {
  it.each([
    ['T', true],
    ['TRUE', true],
    ['F', false],
    ['FALSE', false],
    [' TRUE ', true],
  ])('reads {%s}', (key, answer) => {
    expect(only(`The sun rises in the east.{${key}}`, 'true_false')).toMatchObject({
      prompt: 'The sun rises in the east.',
      answer,
      explanation: '',
    });
  });

  it('reads wrong and right feedback for a true statement', () => {
    const question = only('Q {T#Wrong, it is true.#Right!}', 'true_false');
    expect(question.explanation).toBe('**True**: Right!\n\n**False**: Wrong, it is true.');
  });

  it('reads wrong and right feedback for a false statement, and general feedback', () => {
    const question = only('Q {FALSE#No.#Yes.####Because.}', 'true_false');
    expect(question.explanation).toBe('Because.\n\n**False**: Yes.\n\n**True**: No.');
  });

  it('reads only the right feedback when the wrong one is empty', () => {
    expect(only('Q {T##Right}', 'true_false').explanation).toBe('**True**: Right');
  });

  it('reads {True} as a short answer, as Moodle does, with a note', () => {
    const result = parseGift('Q {True}');
    expect(result.questions[0]?.question).toMatchObject({ type: 'short_text', accepted: ['True'] });
    expect(messages(result.notes)).toMatch(/write \{T\} or \{F\}/);
  });
});

describe('parseGift: short answer', () => {
  it('reads = answers as accepted answers', () => {
    expect(only("Who's buried in Grant's tomb?{=no one =nobody}", 'short_text')).toMatchObject({
      accepted: ['no one', 'nobody'],
      case_sensitive: false,
    });
  });

  it('reads an answer without = as Moodle does', () => {
    expect(only('Capital of France? {Paris}', 'short_text').accepted).toEqual(['Paris']);
  });

  it('drops partial-credit answers with a note and keeps their feedback', () => {
    const result = parseGift('Q {=Frog#Good! =%50%Cat#Meh. =%100%Toad =%0%*#Completely wrong}');
    expect(result.questions[0]?.question).toMatchObject({
      accepted: ['Frog', 'Toad'],
      explanation: '**Frog**: Good!\n\n**Cat**: Meh.\n\n**Any other answer**: Completely wrong',
    });
    expect(messages(result.notes)).toMatch(
      /Partial credit cannot be represented; dropped “Cat” \(50%\)/,
    );
  });

  it('refuses a question where no answer gets full credit', () => {
    expect(parseGift('Q {=%50%Cat =%25%Dog}').errors).toEqual([
      { line: 1, message: 'No short answer gets full credit.', skippable: true },
    ]);
  });

  it('turns * wildcards into a pattern that matches like Moodle', () => {
    const result = parseGift('Q {=re* =git \\*stash =ok}');
    const question = result.questions[0]?.question as QuestionOfType<'short_text'>;
    expect(question.accepted).toEqual(['git *stash', 'ok']);
    expect(question.pattern).toBe('re.*');
    const pattern = new RegExp(`^(?:${question.pattern})$`, 'iu');
    expect(['rebase', 'Reset', 're'].every((answer) => pattern.test(answer))).toBe(true);
    expect(pattern.test('merge')).toBe(false);
    expect(messages(result.notes)).toMatch(/wildcard/);
    expectValid(result);
  });

  it('escapes regular-expression characters around a wildcard', () => {
    const question = only('Q {=a.b(c)*}', 'short_text');
    expect(question.pattern).toBe('a\\.b\\(c\\).*');
  });

  it('keeps \\* as a literal star next to a wildcard', () => {
    const question = only('Q {=5\\*3\\=* =x}', 'short_text');
    expect(question.pattern).toBe('5\\*3=.*');
    const pattern = new RegExp(`^(?:${question.pattern})$`, 'iu');
    expect(pattern.test('5*3=15')).toBe(true);
    expect(pattern.test('5x3=15')).toBe(false);
  });

  it('reads the missing-word form', () => {
    expect(only('Two plus two equals {=four =4}.', 'short_text')).toMatchObject({
      prompt: 'Two plus two equals _____.',
      accepted: ['four', '4'],
    });
  });
});

describe('parseGift: numeric', () => {
  it('reads answer:tolerance', () => {
    expect(only('Pi? {#3.1415:0.0005}', 'numeric')).toMatchObject({
      answer: 3.1415,
      tolerance: 0.0005,
    });
  });

  it('reads an exact answer', () => {
    const question = only('Born? {#1822}', 'numeric');
    expect(question.answer).toBe(1822);
    expect(question.tolerance).toBeUndefined();
  });

  it('reads min..max ranges, negatives and exponents', () => {
    expect(only('Q {#1..5}', 'numeric')).toMatchObject({ min: 1, max: 5 });
    expect(only('Q {#-5.5..-1}', 'numeric')).toMatchObject({ min: -5.5, max: -1 });
    expect(only('Q {#6.02e23:1e21}', 'numeric')).toMatchObject({
      answer: 6.02e23,
      tolerance: 1e21,
    });
  });

  it('reads several answers: the first full-credit one is the key, the others alternatives', () => {
    const result = parseGift(
      'When was Grant born? {#\n=1822:0 #Right\n=%50%1822:2 #Close\n=%25%1810..1830\n~#Way off\n}',
    );
    expect(result.questions[0]?.question).toMatchObject({
      type: 'numeric',
      answer: 1822,
      tolerance: 0,
      alternatives: [
        { answer: 1822, tolerance: 2, credit: 50 },
        { min: 1810, max: 1830, credit: 25 },
      ],
      explanation: '**1822**: Right\n\n**1822 ± 2**: Close\n\n**Any other answer**: Way off',
    });
    expectValid(result);
  });

  it('reads {# =2:0 =%50%2:1} with spaces', () => {
    expect(only('Q {# =2:0 =%50%2:1}', 'numeric')).toMatchObject({
      answer: 2,
      alternatives: [{ answer: 2, tolerance: 1, credit: 50 }],
    });
  });

  it('uses the first full-credit answer as the key wherever it is', () => {
    expect(only('Q {#=%50%9 =10 =%100%11}', 'numeric')).toMatchObject({
      answer: 10,
      alternatives: [
        { answer: 9, credit: 50 },
        { answer: 11, credit: 100 },
      ],
    });
  });

  it('drops answers worth nothing, with a note', () => {
    const result = parseGift('Q {#=5 =%0%6#Close but no}');
    expect(result.questions[0]?.question).toMatchObject({ answer: 5 });
    expect(result.questions[0]?.question).not.toHaveProperty('alternatives');
    expect(messages(result.notes)).toMatch(/worth 0% or less were dropped: 6/);
  });

  it('refuses what is not a number, an empty block and a missing full-credit answer', () => {
    expect(messages(parseGift('A {#three}\n\nB {#}\n\nC {#=%50%2}\n\nD {#1,5}').errors)).toBe(
      [
        '1: “three” is not a number.',
        '3: The answer block has no answers.',
        '5: No numeric answer gets full credit.',
        '7: “1,5” is not a number.',
      ].join('\n'),
    );
  });

  it('reports a negative tolerance and an inverted range through the schema', () => {
    expect(messages(parseGift('A {#5:-1}\n\nB {#5..1}').errors)).toBe(
      '1: tolerance: Tolerance must not be negative.\n3: min: min must not be greater than max.',
    );
  });
});

describe('parseGift: matching', () => {
  it('reads = prompt -> answer pairs', () => {
    const question = only(
      'Match the capitals. {\n=Canada -> Ottawa\n=Italy -> Rome\n=Japan->Tokyo\n}',
      'matching',
    );
    expect(question.pairs).toEqual([
      { prompt: 'Canada', answer: 'Ottawa' },
      { prompt: 'Italy', answer: 'Rome' },
      { prompt: 'Japan', answer: 'Tokyo' },
    ]);
    expect(question.distractors).toEqual([]);
  });

  it('reads answers with an empty left side as distractors', () => {
    const question = only('Q {=a -> 1 =b -> 2 = -> 3 =    -> 4}', 'matching');
    expect(question.distractors).toEqual(['3', '4']);
  });

  it('drops an extra answer that is already matched, with a note', () => {
    const result = parseGift('Q {=a -> 1 =b -> 2 = -> 1}');
    expect(result.questions[0]?.question).toMatchObject({ distractors: [] });
    expect(messages(result.notes)).toMatch(/already matched were dropped: “1”/);
  });

  it('formats the left side, keeps the right side as text, reads general feedback', () => {
    const question = only(
      '[html]<b>Match</b>{=<i>add</i> -> stages =[plain]<i>commit</i> -> records\n####[markdown]*Why*}',
      'matching',
    );
    expect(question.prompt).toBe('**Match**');
    expect(question.pairs.map((p) => p.prompt)).toEqual(['*add*', '<i>commit</i>']);
    expect(question.explanation).toBe('*Why*');
  });

  it('refuses an answer without ->', () => {
    expect(parseGift('Q {=a -> 1 =b}').errors).toEqual([
      { line: 1, message: 'The matching answer “b” has no “->”.' },
    ]);
  });

  it('refuses fewer than 2 pairs through the schema', () => {
    expect(messages(parseGift('Q {=a -> 1 = -> 2}').errors)).toBe(
      '1: pairs: A matching question needs at least 2 pairs.',
    );
  });
});

describe('parseGift: essay', () => {
  it('reads {} as an essay with the default rubric and a note', () => {
    const result = parseGift('::Q8:: How are you? {}');
    expect(result.questions[0]?.question).toMatchObject({
      type: 'essay',
      prompt: 'How are you?',
      rubric: 'Grade against the question.',
      points: 1,
      explanation: '',
    });
    expect(messages(result.notes)).toMatch(/Essay without grading guidance/);
  });

  it('uses the general feedback as the rubric', () => {
    const result = parseGift('Explain rebase. {\n####Mentions **linear** history.\n}');
    expect(result.questions[0]?.question).toMatchObject({
      type: 'essay',
      rubric: 'Mentions **linear** history.',
    });
    expect(result.notes).toEqual([]);
  });
});

describe('parseGift: missing word', () => {
  it('puts a blank where the answer block was when text follows it', () => {
    expect(only('Git stores {=snapshots ~diffs} of files.', 'single')).toMatchObject({
      prompt: 'Git stores _____ of files.',
      options: [
        { text: 'snapshots', correct: true },
        { text: 'diffs', correct: false },
      ],
    });
  });

  it('works with the block first, over several lines, and for true/false', () => {
    expect(only('{=Linus ~Bill} wrote Git.', 'single').prompt).toBe('_____ wrote Git.');
    expect(
      only('The holiday is on the {\n~second\n=fourth\n} Thursday of November.', 'single').prompt,
    ).toBe('The holiday is on the _____ Thursday of November.');
    expect(only('The index is {T} the staging area.', 'true_false').prompt).toBe(
      'The index is _____ the staging area.',
    );
  });

  it('adds no blank when only spaces follow the block', () => {
    expect(only('Question? {T}   ', 'true_false').prompt).toBe('Question?');
  });
});

describe('parseGift: descriptions and unknown items', () => {
  it('skips a description with a note on its line', () => {
    const result = parseGift('Q {T}\n\n::Intro:: Welcome to the\nquiz.');
    expect(result.questions).toHaveLength(1);
    expect(messages(result.notes)).toBe(
      '3: Skipped a description (text without an answer block): “Welcome to the quiz.”.',
    );
  });

  it('refuses an unknown $ directive instead of skipping it', () => {
    expect(messages(parseGift('$category: Git\n\n$QUESTION: x').errors)).toBe(
      [
        '1: Unknown item “$category:”: the only directive is $CATEGORY: (in capitals).',
        '3: Unknown item “$QUESTION:”: the only directive is $CATEGORY: (in capitals).',
      ].join('\n'),
    );
  });
});

describe('parseGift: syntax errors', () => {
  it.each([
    ['Q {=a ~b', /never closed/],
    ['Q =a ~b}', /without an opening/],
    ['Q } {=a ~b}', /without an opening/],
    ['Q {=a {~b}', /“\{” inside an answer block/],
    ['Q1 {T} Q2 {F}', /More than one answer block/],
    ['Q {=a ~b} trailing }', /More than one answer block/],
    ['Q {=}', /no answers/],
    ['Q {~ ~}', /no answers/],
  ])('reports %p', (text, message) => {
    const result = parseGift(`// first\n${text}`);
    expect(result.questions).toEqual([]);
    expect(result.errors).toEqual([{ line: 2, message: expect.stringMatching(message) }]);
  });

  it('reads escaped braces as text, not as a block', () => {
    expect(only('Is \\{x\\} a set? {T}', 'true_false').prompt).toBe('Is {x} a set?');
  });

  it('reports every problem of a question', () => {
    const result = parseGift('Q {=a ~a ~a}');
    expect(result.errors.map((e) => e.message).sort()).toEqual([
      'options #2 text: Option 2 repeats option 1.',
      'options #3 text: Option 3 repeats option 1.',
    ]);
  });
});

describe('parseGift: hostile input', () => {
  it('reports the first 10 problems of a runaway question and counts the rest', () => {
    const result = parseGift(`Q {=a${' ~b'.repeat(20)}}`);
    expect(result.errors).toHaveLength(11);
    expect(result.errors[10]?.message).toMatch(/^\.\.\. and \d+ more problems/);
  });

  it('passes mojibake through and keeps the question', () => {
    const question = only('CafÃ© or thÃ©? {=cafÃ© ~thÃ©}', 'single');
    expect(question.options[0]?.text).toBe('cafÃ©');
  });

  it('notes replacement characters that betray a non-UTF-8 file, once', () => {
    const result = parseGift('Caf\uFFFD? {T}\n\nTh\uFFFD? {T}');
    expect(result.questions).toHaveLength(2);
    expect(messages(result.notes)).toBe(
      '1: The text has “\uFFFD” characters (and 1 more lines): the file was probably not saved as UTF-8.',
    );
  });

  it('reports a prompt that is too long instead of failing', () => {
    const result = parseGift(`${'long '.repeat(5_000)}{T}`);
    expect(messages(result.errors)).toBe(
      '1: prompt: Prompt is too long (at most 20000 characters).',
    );
  });

  it('never throws on random GIFT-like text, and every question it keeps is valid', () => {
    const alphabet = [
      '{',
      '}',
      '=',
      '~',
      '#',
      '%',
      ':',
      '\\',
      '->',
      '..',
      '\n',
      '\n\n',
      ' ',
      'a',
      '5',
      '[html]',
      '::',
      '$CATEGORY:',
      '//',
      '<b>',
      'T',
      '&amp;',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let round = 0; round < 300; round += 1) {
      const text = Array.from({ length: 200 }, () => alphabet[next() % alphabet.length]).join('');
      const result = parseGift(text);
      expectValid(result);
      expect(result.questions.length + result.notes.length + result.errors.length).toBeGreaterThan(
        0,
      );
    }
  });

  describe('1 MB inputs complete', () => {
    const megabyte = 1_000_000;

    it('a file of many questions', () => {
      const templates = [
        (i: number) => `::Single ${i}::Which? {=a${i} ~b ~c#no}`,
        (i: number) => `::Multi ${i}::Which? {~%50%a ~%50%b ~%-100%c}`,
        (i: number) => `::TF ${i}::True? {T#no#yes}`,
        (i: number) => `::Short ${i}::Name? {=x${i} =%50%y}`,
        (i: number) => `::Num ${i}::Value? {#${i}:0.5 =%50%${i}..${i + 2}}`,
        (i: number) => `::Match ${i}::Match {=a -> 1 =b -> 2 = -> 3}`,
        (i: number) => `::Essay ${i}::Explain. {####Rubric ${i}}`,
        (i: number) => `// comment ${i}\nDescription ${i} only.`,
      ];
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < megabyte; i += 1) {
        const part = templates[i % templates.length]?.(i) ?? '';
        parts.push(part);
        size += part.length + 2;
      }
      const result = parseGift(parts.join('\n\n'));
      expect(result.errors).toEqual([]);
      expect(result.questions.length).toBe(parts.length - Math.floor(parts.length / 8));
    });

    it.each([
      ['one huge line', `Q ${'x'.repeat(megabyte)} {T}`],
      ['unclosed braces', '{'.repeat(megabyte)],
      ['closing braces', '}'.repeat(megabyte)],
      ['backslashes', `${'\\'.repeat(megabyte)} {T}`],
      ['html without closing >', `[html]${'<a'.repeat(megabyte / 2)}{T}`],
      ['entities', `[html]${'&#1'.repeat(megabyte / 3)}{T}`],
      ['answer markers', `Q {${'~'.repeat(megabyte)}}`],
      ['many options', `Q {=a ${'~b'.repeat(megabyte / 2)}}`],
      ['percent signs', `Q {${'%'.repeat(megabyte)} ~a}`],
      ['tag comments', `// ${'[tag:'.repeat(megabyte / 5)}\nQ {T}`],
      ['titles', `${'::'.repeat(megabyte / 2)}{T}`],
      ['a long title', `::${'t'.repeat(megabyte)}::Q {T}`],
      ['blank lines', '\n'.repeat(megabyte)],
      ['short lines', 'a\n'.repeat(megabyte / 2)],
      ['a long category', `$CATEGORY: ${'a/'.repeat(megabyte / 2)}\n\nQ {T}`],
    ])('%s', (_name, text) => {
      const result = parseGift(text);
      expectValid(result);
      expect(result.errors.length + result.notes.length + result.questions.length).toBeGreaterThan(
        0,
      );
    });
  });
});
