import { REMOVED_LINK_MARKER, redactOneTimeLinks } from '../../../src/mail/redact-links';

describe('redactOneTimeLinks', () => {
  it.each([
    ['a candidate link', 'https://skills.example.test/t/Zx9-abc_123'],
    ['a set-password link', 'http://localhost:3000/password/set?token=abc123'],
    ['a setup link', 'https://skills.example.test/setup?token=abc'],
    ['a token after another parameter', 'https://skills.example.test/x?lang=en&token=abc'],
    ['a candidate link under a path prefix', 'https://example.test/skills/t/abc?utm=mail'],
  ])('replaces %s', (_name, url) => {
    expect(redactOneTimeLinks(`Open ${url} now`)).toBe(`Open ${REMOVED_LINK_MARKER} now`);
  });

  it('keeps links that carry no token', () => {
    const text = 'Read https://skills.example.test/help/tokens or http://example.test/?tokenless=1';
    expect(redactOneTimeLinks(text)).toBe(text);
  });

  it('keeps the punctuation that ends the sentence around a link', () => {
    expect(redactOneTimeLinks('Here: https://a.test/t/abc. Then (https://a.test/t/def).')).toBe(
      `Here: ${REMOVED_LINK_MARKER}. Then (${REMOVED_LINK_MARKER}).`,
    );
  });

  it('replaces the link in an HTML attribute and in the link text, escaped or not', () => {
    const html =
      '<a href="https://a.test/x?lang=en&amp;token=abc">https://a.test/x?lang=en&amp;token=abc</a>';
    expect(redactOneTimeLinks(html)).toBe(
      `<a href="${REMOVED_LINK_MARKER}">${REMOVED_LINK_MARKER}</a>`,
    );
  });

  it('replaces every link in a body, each on its own', () => {
    const text = 'Start: https://a.test/t/one\nReset: https://a.test/password/set?token=two\n';
    const redacted = redactOneTimeLinks(text);
    expect(redacted).toBe(`Start: ${REMOVED_LINK_MARKER}\nReset: ${REMOVED_LINK_MARKER}\n`);
    expect(redacted).not.toMatch(/one|two/);
  });
});
