import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../src/db/kysely';
import { verifyPassword } from '../../src/users/password';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function run(script: string, args: string[], env: Record<string, string>, input = '') {
  return spawnSync(TSX, [path.join(ROOT, script), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout: 60_000,
  });
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-cli-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('server start with a bad configuration', () => {
  it('exits 1 and names the bad setting', () => {
    const result = run('src/server.ts', [], {
      DATA_DIR: dataDir,
      PORT: 'eighty',
      LOG_LEVEL: 'silent',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('"eighty"');
  });

  it('refuses a short SESSION_SECRET and never prints it back in full', () => {
    const result = run('src/server.ts', [], {
      DATA_DIR: dataDir,
      SESSION_SECRET: 'tooshort',
      LOG_LEVEL: 'silent',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SESSION_SECRET: must be at least 32 characters');
  });
});

describe('npm run user:create', () => {
  it('creates an account with the password read from stdin', async () => {
    const result = run(
      'src/cli/user-create.ts',
      ['--email', 'Cli@Example.test', '--name', 'Cli Admin', '--role', 'admin'],
      { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      'a password from stdin\n',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Created admin cli@example.test');
    const db = createDb(path.join(dataDir, 'skillscreen.sqlite'));
    try {
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user.role).toBe('admin');
      expect(await verifyPassword(user.password_hash ?? '', 'a password from stdin')).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a bad role and a short password with a clear message', () => {
    const badRole = run(
      'src/cli/user-create.ts',
      ['--email', 'a@example.test', '--name', 'A', '--role', 'owner'],
      { DATA_DIR: dataDir },
      'long enough password\n',
    );
    expect(badRole.status).toBe(1);
    expect(badRole.stderr).toContain('--role');
    const shortPassword = run(
      'src/cli/user-create.ts',
      ['--email', 'a@example.test', '--name', 'A', '--role', 'manager'],
      { DATA_DIR: dataDir },
      'short\n',
    );
    expect(shortPassword.status).toBe(1);
    expect(shortPassword.stderr).toContain('at least 12 characters');
  });
});
