import { safeReturnPath } from '../../src/http/guards';
import { hashToken, generateToken } from '../../src/auth/tokens';
import { redactUrl } from '../../src/logger';
import { timeCell } from '../../src/http/table-cells';

describe('safeReturnPath', () => {
  it.each(['/', '/admin/users', '/a?b=c'])('keeps the local path %s', (value) => {
    expect(safeReturnPath(value)).toBe(value);
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '',
    42,
    undefined,
  ])('refuses %p', (value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });
});

describe('timeCell', () => {
  it('writes a moment in UTC to the minute with its machine form, and a dash for none', () => {
    expect(timeCell(Date.UTC(2026, 11, 2, 9, 5, 30))).toBe(
      '<time datetime="2026-12-02T09:05:30.000Z">2026-12-02 09:05</time>',
    );
    expect(timeCell(null)).toBe('—');
  });
});

describe('redactUrl', () => {
  it('hides one-time tokens in query strings and candidate links, and keeps the rest', () => {
    expect(redactUrl('/setup?token=abc123')).toBe('/setup?token=[REDACTED]');
    expect(redactUrl('/x?page=2&token=abc&y=1')).toBe('/x?page=2&token=[REDACTED]&y=1');
    expect(redactUrl('/admin/users')).toBe('/admin/users');
    expect(redactUrl('/t/gx1IfqQUb6QNRr9DNu9cKQRA8TVzD_9CszyTdY5-5y4')).toBe('/t/[REDACTED]');
    expect(redactUrl('/t/abc?x=1')).toBe('/t/[REDACTED]?x=1');
    expect(redactUrl('/quiz/t/abc')).toBe('/quiz/t/abc');
  });
});

describe('tokens', () => {
  it('are random, URL-safe, and stored as their SHA-256', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
