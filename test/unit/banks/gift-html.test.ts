import { containsHtml, htmlToMarkdown, htmlToText } from '../../../src/banks/formats/gift-html';

const markdown = (html: string) => htmlToMarkdown(html, { collapseWhitespace: true });

describe('htmlToMarkdown', () => {
  it('keeps emphasis, code, ordered lists and code blocks', () => {
    expect(markdown('<p>Run <code>git add</code> then <strong>commit</strong>:</p>').text).toBe(
      'Run `git add` then **commit**:',
    );
    expect(markdown('<ol><li>one</li><li>two</li></ol>').text).toBe('1. one\n2. two');
    expect(markdown('<pre>if (a &lt; b) {\n  x();\n}</pre>').text).toBe(
      '```\nif (a < b) {\n  x();\n}\n```',
    );
  });

  it('escapes Markdown characters in text, not in code', () => {
    expect(markdown('<p>2*3 and snake_case, <code>a*b</code></p>').text).toBe(
      '2\\*3 and snake\\_case, `a*b`',
    );
  });

  it('uses a longer fence when the code holds backticks', () => {
    expect(markdown('<code>a`b</code>').text).toBe('``a`b``');
  });

  it('drops comments, scripts and styles, reporting the script', () => {
    const result = markdown('<!-- hidden --><style>p{}</style><script>alert(1)</script>Text');
    expect(result.text).toBe('Text');
    expect(result.notes).toEqual([
      { kind: 'lost-content', message: 'Left out: a script.' },
      {
        kind: 'cosmetic',
        message:
          'Formatting that questions here cannot show was dropped (the text is kept): styling.',
      },
    ]);
  });

  it('still produces an unclosed link, and keeps text after an unclosed comment out', () => {
    expect(markdown('<a href="https://x.test/">docs').text).toBe('[docs](https://x.test/)');
    expect(markdown('kept <!-- never closed').text).toBe('kept');
  });

  it('percent-encodes characters that would end a link early', () => {
    expect(markdown('<a href="https://x.test/a b(c)">x</a>').text).toBe(
      '[x](https://x.test/a%20b%28c%29)',
    );
  });
});

describe('htmlToText', () => {
  it('keeps only the words of an answer', () => {
    expect(htmlToText('<b>New</b>&nbsp;York').text).toBe('New York');
    expect(htmlToText('<a href="https://x.test">site</a>').notes).toEqual([
      { kind: 'lost-content', message: 'Left out: the link on “site” (to “https://x.test”).' },
    ]);
  });
});

describe('containsHtml', () => {
  it('recognises the tags Moodle writes, not prose about comparisons', () => {
    expect(containsHtml('Is <b>this</b> bold?')).toBe(true);
    expect(containsHtml('Line<br/>break')).toBe(true);
    expect(containsHtml('Is 2 < 3 > 1?')).toBe(false);
    expect(containsHtml('A List<T> in Java')).toBe(false);
  });
});

/** A quadratic step would run past the test timeout on these. */
describe('hostile HTML completes', () => {
  const megabyte = 1_000_000;
  it.each([
    ['unclosed tags', '<a'.repeat(megabyte / 2)],
    ['unclosed comments', '<!--'.repeat(megabyte / 4)],
    ['nested code', '<code>x'.repeat(megabyte / 7)],
    ['closing tags', '</code>'.repeat(megabyte / 7)],
    ['nested lists', '<ul><li>'.repeat(megabyte / 8)],
    ['links', '<a href="https://x.test/">'.repeat(megabyte / 26)],
    ['media', '<audio><source src="a.mp3">'.repeat(megabyte / 27)],
  ])('%s', (_name, html) => {
    expect(markdown(html).text.length).toBeLessThanOrEqual(html.length);
    expect(htmlToText(html).text.length).toBeLessThanOrEqual(html.length);
  });
});
