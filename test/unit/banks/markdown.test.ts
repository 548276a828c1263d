import { renderInlineMarkdown, renderMarkdown } from '../../../src/banks/markdown';

describe('question Markdown', () => {
  it('shows raw HTML as text', () => {
    const html = renderMarkdown('Look: <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drops javascript:, vbscript: and data: links but keeps https and relative ones', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'vbscript:msgbox',
      'data:text/html,<b>x</b>',
      ' javascript:alert(1)',
    ]) {
      expect(renderMarkdown(`[click](${url})`)).not.toMatch(/href=/);
    }
    expect(renderMarkdown('[RFC](https://www.rfc-editor.org/rfc/rfc9110)')).toContain(
      'href="https://www.rfc-editor.org/rfc/rfc9110"',
    );
    expect(renderMarkdown('[RFC](https://example.org)')).toContain('rel="noopener noreferrer"');
    expect(renderMarkdown('[here](/banks/git)')).toContain('href="/banks/git"');
    expect(renderMarkdown('[x](//evil.example)')).not.toMatch(/href=/);
  });

  it('highlights fenced code with the named language, escaped', () => {
    const html = renderMarkdown('```js\nconst a = "<b>";\n```');
    expect(html).toContain('data-language="js"');
    expect(html).toContain('hljs-keyword');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('lets keyboard users reach code blocks that scroll', () => {
    expect(renderMarkdown('```sql\nselect 1;\n```')).toContain('<pre class="code" tabindex="0"');
    expect(renderMarkdown('    indented <b>code</b>')).toBe(
      '<pre class="code" tabindex="0"><code>indented &lt;b&gt;code&lt;/b&gt;\n</code></pre>\n',
    );
  });

  it('escapes code in an unknown language', () => {
    const html = renderMarkdown('```nosuchlang\n<script>x</script>\n```');
    expect(html).toContain('&lt;script&gt;');
  });

  it('renders one option inline, without a paragraph', () => {
    expect(renderInlineMarkdown('`git reflog` **now**')).toBe(
      '<code>git reflog</code> <strong>now</strong>',
    );
  });
});
