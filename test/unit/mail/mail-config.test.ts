import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-mail-config-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ DATA_DIR: dataDir, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('The configuration was accepted');
}

describe('mail settings', () => {
  it('leaves SMTP off by default and sends from no-reply at the host of BASE_URL', () => {
    const config = loadConfig({ DATA_DIR: dataDir, BASE_URL: 'https://skills.example.test' });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailFrom).toBe('skillscreen <no-reply@skills.example.test>');
  });

  it('reads SMTP_URL and MAIL_FROM', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      SMTP_URL: 'smtp://mailer:secret@mail.example.test:587',
      MAIL_FROM: 'Hiring <jobs@example.test>',
    });
    expect(config.smtpUrl).toBe('smtp://mailer:secret@mail.example.test:587');
    expect(config.mailFrom).toBe('Hiring <jobs@example.test>');
  });

  it('accepts smtps:// and a bare sender address', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      SMTP_URL: 'smtps://mail.example.test:465',
      MAIL_FROM: 'jobs@example.test',
    });
    expect(config.smtpUrl).toBe('smtps://mail.example.test:465');
    expect(config.mailFrom).toBe('jobs@example.test');
  });

  it.each(['https://mail.example.test', 'mail.example.test:587', 'smtp://user:pa ss@'])(
    'refuses SMTP_URL=%s with a message naming it',
    (value) => {
      expect(configError({ SMTP_URL: value }).message).toMatch(
        /SMTP_URL: must look like smtp:\/\//,
      );
    },
  );

  it('never repeats a refused SMTP_URL, which may hold a password', () => {
    const message = configError({
      SMTP_URL: 'http://mailer:hunter2-secret@mail.example.test',
    }).message;
    expect(message).toContain('SMTP_URL:');
    expect(message).not.toContain('hunter2-secret');
  });

  it.each(['not an address', 'Hiring <jobs@example.test>\r\nBcc: all@example.test'])(
    'refuses MAIL_FROM=%j with a message naming it',
    (value) => {
      expect(configError({ MAIL_FROM: value }).message).toMatch(/MAIL_FROM: must be an address/);
    },
  );
});
