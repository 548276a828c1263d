import fs from 'node:fs';
import path from 'node:path';
import { parseGift, type GiftResult } from '../../../src/banks/formats/gift';
import { renderMarkdown } from '../../../src/banks/markdown';
import { questionSchema, type QuestionInput } from '../../../src/banks/question.schemas';
import { scoreResponse } from '../../../src/scoring/question-scoring';

/**
 * Small GIFT files, one per construct that real Moodle exports carry, read the way Moodle's
 * qformat_gift (question/format/gift/format.php) reads them. Each describe block says what
 * Moodle does with the construct and checks what the import does.
 */

function parseFixture(name: string): GiftResult {
  const text = fs.readFileSync(path.join(__dirname, '../../fixtures/gift', name), 'utf8');
  const result = parseGift(text);
  for (const { question } of result.questions) {
    expect(questionSchema.safeParse(question).success).toBe(true);
  }
  return result;
}

function byTitle(result: GiftResult, id: string): QuestionInput {
  const found = result.questions.find((q) => q.question.id === id)?.question;
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

function notesAt(result: GiftResult, line: number): { kind: string; message: string }[] {
  return result.notes
    .filter((note) => note.line === line)
    .map(({ kind, message }) => ({ kind, message }));
}

function typed(question: QuestionInput, text: string): number | null {
  const parsed = questionSchema.parse(question);
  return scoreResponse(parsed, { type: 'short_text', text }).fraction;
}

describe('~= (an answer starting with "=" written after "~")', () => {
  // Moodle: str_replace('=', '~=') then explode('~'): the "~" before "=" leaves an empty answer,
  // which the multichoice type skips when it saves, so "~=right" is the correct answer "right".
  const result = parseFixture('tilde-equals.gift');

  it('reads every question, with no error and no note about the construct', () => {
    expect(result.errors).toEqual([]);
    expect(result.questions).toHaveLength(3);
    expect(result.notes.map((n) => n.message)).toEqual([
      'Per-answer feedback was merged into the explanation.',
    ]);
  });

  it('makes the answer after "~=" the correct one, wherever it stands', () => {
    const options = (id: string) =>
      (byTitle(result, id) as { options: { text: string; correct: boolean }[] }).options;
    expect(options('gift-stash-list')).toEqual([
      { text: 'git stash show', correct: false },
      { text: 'git stash list', correct: true },
      { text: 'git log --stash', correct: false },
    ]);
    expect(options('gift-stash-first')[0]).toEqual({ text: 'git stash', correct: true });
    expect(options('gift-stash-drop').map((o) => o.correct)).toEqual([false, true, false]);
    expect(byTitle(result, 'gift-stash-drop').explanation).toContain('**git stash drop**: Right.');
  });

  it('leaves out a stray empty "~" answer as Moodle does, and says so', () => {
    const stray = parseGift('Q {~a ~ ~b =c}');
    expect(stray.questions[0]?.question).toMatchObject({
      type: 'single',
      options: [{ text: 'a' }, { text: 'b' }, { text: 'c', correct: true }],
    });
    expect(stray.notes).toEqual([
      {
        line: 1,
        kind: 'cosmetic',
        message: 'An empty answer (a “~” with nothing after it) was left out, as Moodle does.',
      },
    ]);
  });

  it('reports the feedback of an empty answer as content left out', () => {
    const result = parseGift('Q {=a ~#Only feedback ~b}');
    expect(result.notes).toEqual([
      expect.objectContaining({
        kind: 'lost-content',
        message: expect.stringContaining('Only feedback'),
      }),
    ]);
  });
});

describe('$CATEGORY: $course$/top/Default for ... (a Moodle export)', () => {
  // Moodle: the importer's "get category from file" option decides; unticked, the category the
  // teacher picked in the form takes every question and $CATEGORY lines are ignored.
  const text = fs.readFileSync(
    path.join(__dirname, '../../fixtures/gift/moodle-export-category.gift'),
    'utf8',
  );

  it('keeps the category for the import to resolve, and names ids after it without a choice', () => {
    const result = parseGift(text);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.category])).toEqual([
      [6, '$course$/top/Default for Web Development 101'],
      [14, '$course$/top/Default for Web Development 101'],
    ]);
    expect(result.questions[0]?.question.id).toBe('default-for-web-development-101-status-404');
  });

  it('names ids after the chosen bank when one is chosen for the file', () => {
    const ids = parseGift(text, { skill: 'http-basics' }).questions.map((q) => q.question.id);
    expect(ids).toEqual(['http-basics-status-404', 'http-basics-safe-methods']);
  });

  it('names ids after the bank chosen for the category, matched by name or slug', () => {
    for (const key of ['Default for Web Development 101', 'default for web development 101']) {
      const result = parseGift(text, { categoryBanks: { [key]: 'http-basics' } });
      expect(result.questions[0]?.question.id).toBe('http-basics-status-404');
    }
  });
});

describe('[html] questions with links, images and audio', () => {
  // Moodle keeps the HTML. Files referenced as @@PLUGINFILE@@ are not in a GIFT file, so they
  // arrive broken in Moodle too; web links and web images work there.
  const result = parseFixture('html-media.gift');

  it('keeps web links as Markdown links that render', () => {
    const prompt = byTitle(result, 'gift-docs-link').prompt;
    expect(prompt).toBe(
      'Read [the status list](https://developer.mozilla.org/en-US/docs/Web/HTTP/Status) first.\n\nWhich code means *Too Many Requests*?',
    );
    expect(renderMarkdown(prompt)).toContain(
      '<a href="https://developer.mozilla.org/en-US/docs/Web/HTTP/Status" rel="noopener noreferrer">the status list</a>',
    );
    expect(notesAt(result, 3)).toEqual([]);
  });

  it('says by line which course files were left out, keeping the link text and image description', () => {
    expect(byTitle(result, 'gift-course-file').prompt).toBe(
      'The handout shows the flow.\n\n(image: OAuth authorization code flow)\n\nWhich step comes first?',
    );
    expect(notesAt(result, 5)).toEqual([
      {
        kind: 'lost-content',
        message:
          'Left out: the link on “handout” (to “@@PLUGINFILE@@/handout.pdf”); the image “oauth-flow.png” (its description “OAuth authorization code flow” is kept).',
      },
    ]);
  });

  it('turns a web image into a link, since images from other sites are not displayed', () => {
    expect(byTitle(result, 'gift-web-image').prompt).toBe(
      '[Image: Three-tier diagram](https://example.org/diagrams/three-tier.png)\n\nHow many tiers are drawn?',
    );
    expect(notesAt(result, 7)).toEqual([
      {
        kind: 'cosmetic',
        message:
          'The image “three-tier.png” is shown as a link (images from other sites are not displayed).',
      },
    ]);
  });

  it('reports an audio clip from the course files, and drops its fallback text', () => {
    expect(byTitle(result, 'gift-audio-clip').prompt).toBe(
      'Listen to the clip.\n\nIs the speaker describing a deadlock?',
    );
    expect(notesAt(result, 9)).toEqual([
      { kind: 'lost-content', message: 'Left out: the audio “interview.mp3”.' },
    ]);
  });

  it('keeps an unsafe link as text and reports it', () => {
    const unsafe = parseGift('[html]<a href="javascript:alert(1)">click</a> now? {T}');
    expect(unsafe.questions[0]?.question.prompt).toBe('click now?');
    expect(unsafe.notes[0]).toMatchObject({ kind: 'lost-content' });
  });
});

describe('non-breaking spaces in answers', () => {
  // Moodle's PHP trim() keeps U+00A0, so an answer of only a non-breaking space is saved as an
  // empty-looking option, and "10&nbsp;KB" must be typed with that character.
  const result = parseFixture('nbsp-answer.gift');

  it('accepts an answer with a non-breaking space when a candidate types a plain space', () => {
    const units = byTitle(result, 'gift-units');
    expect(units).toMatchObject({ accepted: ['10\u00a0KB', '10 KB'] });
    expect(typed(units, '10 kb')).toBe(1);
  });

  it('decodes &nbsp; in an [html] answer so it can be typed', () => {
    const entity = byTitle(result, 'gift-entity');
    expect(entity).toMatchObject({ accepted: ['New York', 'NYC'] });
    expect(typed(entity, 'new york')).toBe(1);
  });

  it('leaves out an option that is only a non-breaking space, with a note on its line', () => {
    const blank = byTitle(result, 'gift-blank-option') as { options: { text: string }[] };
    expect(blank.options.map((o) => o.text)).toEqual(['Content-Type', 'Accept']);
    expect(notesAt(result, 6)).toEqual([
      {
        kind: 'lost-content',
        message:
          'The answer “&nbsp;” has no visible text (Moodle keeps it as an empty-looking answer); it was left out.',
      },
    ]);
  });

  it('refuses only that question when the blank answer was the key', () => {
    const keyless = parseGift('Q {=\u00a0 ~a ~b}');
    expect(keyless.errors).toEqual([
      { line: 1, message: expect.stringMatching(/No answer is correct/), skippable: true },
    ]);
    expect(keyless.notes[0]?.message).toMatch(/“&nbsp;” has no visible text/);
  });
});

describe('a literal | in a short answer', () => {
  // Moodle compares "|" literally (preg_quote), and keeps "\|" with its backslash, since "|" is
  // not one of GIFT's escapes.
  const result = parseFixture('pipe-answer.gift');

  it('keeps a plain | as typed', () => {
    const plain = byTitle(result, 'gift-pipe-plain');
    expect(plain).toMatchObject({ accepted: ['ls | wc -l'] });
    expect(typed(plain, 'ls | wc -l')).toBe(1);
    expect(notesAt(result, 3)).toEqual([]);
  });

  it('accepts "\\|" both as Moodle stores it and as a candidate types it, with a note', () => {
    const escaped = byTitle(result, 'gift-pipe-escaped');
    expect(escaped).toMatchObject({ accepted: ['ls \\| wc -l', 'ls | wc -l'] });
    expect(typed(escaped, 'ls | wc -l')).toBe(1);
    expect(typed(escaped, 'ls \\| wc -l')).toBe(1);
    expect(notesAt(result, 5)).toEqual([
      {
        kind: 'cosmetic',
        message:
          '“ls \\| wc -l” is also accepted as “ls | wc -l”: GIFT has no escape for “|”, so Moodle would expect the backslash to be typed.',
      },
    ]);
  });

  it('does the same inside a wildcard pattern', () => {
    const wildcard = byTitle(result, 'gift-pipe-wildcard');
    expect(typed(wildcard, 'ps aux | less')).toBe(1);
    expect(typed(wildcard, 'ps aux \\| less')).toBe(1);
    expect(typed(wildcard, 'ps aux | more')).toBe(0);
  });
});

describe('HTML tags in a question without a format marker', () => {
  // Moodle's default format (FORMAT_MOODLE) is rendered as HTML: <strong> shows bold, <br>
  // breaks the line. [plain] shows tags as written.
  const result = parseFixture('plain-html-tags.gift');

  it('turns the tags into formatting instead of showing them, with a note on the line', () => {
    expect(byTitle(result, 'gift-bold-tags').prompt).toBe(
      'Which element makes text **bold** and which makes it *italic*?',
    );
    expect(byTitle(result, 'gift-line-break').prompt).toBe(
      'First line\nsecond line: which element made the break?',
    );
    expect(notesAt(result, 2)).toEqual([
      {
        kind: 'cosmetic',
        message: 'HTML tags in the text were read as formatting, as Moodle shows them.',
      },
    ]);
    expect(renderMarkdown(byTitle(result, 'gift-bold-tags').prompt)).not.toContain('&lt;strong');
  });

  it('leaves tags inside backticks and [plain] text as written', () => {
    expect(byTitle(result, 'gift-code-span').prompt).toBe('What does `<br>` do in HTML?');
    expect(byTitle(result, 'gift-plain-marker').prompt).toBe('Is <b> a tag?');
    expect(notesAt(result, 7)).toEqual([]);
    expect(notesAt(result, 10)).toEqual([]);
  });
});

describe('questions that fail validation, and syntax errors', () => {
  // Moodle imports the questions it can read and reports the others; a question it cannot
  // read does not stop the rest.
  it('marks rule breaks as skippable: the file reads fine without those questions', () => {
    const result = parseFixture('some-invalid.gift');
    expect(result.questions.map((q) => q.line)).toEqual([3, 8, 13]);
    expect(result.errors).toEqual([
      { line: 6, message: expect.stringMatching(/No answer is correct/), skippable: true },
      { line: 11, message: 'No short answer gets full credit.', skippable: true },
    ]);
  });

  it('keeps a syntax error not skippable, next to a skippable one', () => {
    const result = parseFixture('syntax-error.gift');
    expect(result.errors).toEqual([
      { line: 4, message: 'The answer block “{” is never closed with “}”.' },
      { line: 6, message: expect.stringMatching(/No answer is correct/), skippable: true },
    ]);
  });

  it('marks schema problems of a question as skippable', () => {
    const result = parseGift(`Q {=a${' ~b'.repeat(2)}}`);
    expect(result.errors.every((e) => e.skippable)).toBe(true);
  });
});

describe('note kinds', () => {
  it('tells lost content, lost partial credit and cosmetic changes apart', () => {
    const result = parseGift(
      [
        '::Intro:: Only text, no answers.',
        '',
        'Pick {=a ~%50%b ~c}',
        '',
        'Explain. {}',
        '',
        '::Open title Q {=x ~y}',
      ].join('\n'),
    );
    expect(result.notes.map((n) => [n.line, n.kind])).toEqual([
      [1, 'lost-content'],
      [3, 'lost-credit'],
      [5, 'review'],
      [7, 'cosmetic'],
    ]);
  });
});
