import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { inspectDatabase } from '../../src/db/backup';
import { signedInAgent } from '../helpers/agents';
import { createUser } from '../helpers/builders';
import { prepareLoadFixture } from '../helpers/load-fixture';
import { ROOT } from '../helpers/processes';
import { createTestContext, type TestContext } from '../helpers/test-app';
import { runCandidates, SOURCE_SERVER, startApp } from '../load/load-run';

jest.setTimeout(90_000);

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-backups-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs one of the CLIs in its own process, as `npm run backup` / `npm run restore` would. */
function cli(name: 'backup' | 'restore', args: string[], dataDir: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, `src/cli/${name}.ts`), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('npm run backup and npm run restore', () => {
  it('backs up while candidates answer, and restores that moment into the stopped instance', async () => {
    const fixture = await prepareLoadFixture({ candidates: 8, dataDir: path.join(work, 'data') });
    const databaseFile = path.join(fixture.dataDir, 'skillscreen.sqlite');
    const app = await startApp(fixture, { server: SOURCE_SERVER, logFile: path.join(work, 'log') });
    const backupFile = path.join(work, 'mid-run.sqlite3');
    let acknowledged = 0;
    let backup: Promise<ReturnType<typeof cli>> | undefined;
    try {
      await runCandidates(fixture, app.baseUrl, {
        thinkMs: [5, 30],
        arrivalMs: 0,
        onAcknowledged: () => {
          acknowledged += 1;
          if (acknowledged === 40)
            backup = Promise.resolve().then(() => cli('backup', [backupFile], fixture.dataDir));
        },
      });
    } finally {
      await app.stop();
    }
    const taken = await backup;
    expect(taken?.status).toBe(0);
    expect(JSON.parse(taken?.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
      file: backupFile,
      bytes: fs.statSync(backupFile).size,
    });
    expect(inspectDatabase(backupFile, { knownMigrations: null }).problems).toEqual([]);
    // One self-contained file: no journal, shared memory or partial copy left beside it.
    expect(fs.readdirSync(work).filter((f) => f.startsWith('mid-run'))).toEqual([
      'mid-run.sqlite3',
    ]);
    const inBackup = count(backupFile, 'responses');
    expect(inBackup).toBeGreaterThanOrEqual(40);
    expect(count(databaseFile, 'responses')).toBe(8 * 20);

    const restored = cli('restore', [backupFile], fixture.dataDir);
    expect(restored.stderr).toContain('Restored');
    expect(restored.status).toBe(0);
    expect(count(databaseFile, 'responses')).toBe(inBackup);
    expect(fs.readdirSync(fixture.dataDir).some((f) => f.includes('.before-restore-'))).toBe(true);

    const again = await startApp(fixture, {
      server: SOURCE_SERVER,
      logFile: path.join(work, 'log'),
    });
    try {
      expect((await fetch(`${again.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('refuses to restore under a running server, or a damaged, foreign or newer file', async () => {
    const fixture = await prepareLoadFixture({ candidates: 1, dataDir: path.join(work, 'data') });
    const good = path.join(work, 'good.sqlite3');
    expect(cli('backup', [good], fixture.dataDir).status).toBe(0);

    const app = await startApp(fixture, { server: SOURCE_SERVER, logFile: path.join(work, 'log') });
    try {
      const refused = cli('restore', [good], fixture.dataDir);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/skillscreen is running on .* Stop it, then restore\./);
    } finally {
      await app.stop();
    }

    const damaged = path.join(work, 'damaged.sqlite3');
    fs.writeFileSync(
      damaged,
      Buffer.concat([fs.readFileSync(good).subarray(0, 4096), Buffer.alloc(8192, 7)]),
    );
    const foreign = path.join(work, 'foreign.sqlite3');
    const other = new Database(foreign);
    other.exec('create table notes (id integer primary key, text text)');
    other.close();
    const newer = path.join(work, 'newer.sqlite3');
    fs.copyFileSync(good, newer);
    const future = new Database(newer);
    future
      .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
      .run('9999_future', 'now');
    future.close();

    const before = fs.readFileSync(path.join(fixture.dataDir, 'skillscreen.sqlite'));
    for (const [file, message] of [
      [
        damaged,
        /cannot be restored: (SQLite's integrity check failed|It cannot be read as a database)/,
      ],
      [foreign, /cannot be restored: This is not a skillscreen database/],
      [newer, /cannot be restored: It comes from a newer version of skillscreen \(9999_future\)/],
      [path.join(work, 'missing.sqlite3'), /There is no file/],
    ] as const) {
      const refused = cli('restore', [file], fixture.dataDir);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(message);
    }
    expect(fs.readFileSync(path.join(fixture.dataDir, 'skillscreen.sqlite')).equals(before)).toBe(
      true,
    );
  });
});

describe('scheduled backups and the admin page', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext({ BACKUP_KEEP: '2', BACKUP_INTERVAL_HOURS: '6' });
  });
  afterEach(() => ctx.close());

  it('keeps the newest BACKUP_KEEP scheduled backups and every one taken by hand', async () => {
    const manual = await ctx.services.backups.backup('manual');
    const scheduled = [];
    for (let i = 0; i < 3; i += 1) {
      ctx.clock.advance(6 * 3_600_000);
      scheduled.push(await ctx.services.backups.runScheduled());
    }
    expect(fs.existsSync(manual.file)).toBe(true);
    expect(fs.readdirSync(path.dirname(manual.file)).sort()).toEqual(
      [manual.file, scheduled[1]?.file, scheduled[2]?.file]
        .map((f) => path.basename(f ?? ''))
        .sort(),
    );
    expect(scheduled.map((b) => fs.existsSync(b.file))).toEqual([false, true, true]);
    const { recent } = await ctx.services.backups.overview();
    expect(recent.map((b) => b.file)).toEqual([
      scheduled[2]?.file,
      scheduled[1]?.file,
      manual.file,
    ]);
  });

  it('shows admins the last backup with its size and age; managers may not see it', async () => {
    const admin = await createUser(ctx.db, { role: 'admin' });
    const manager = await createUser(ctx.db, { role: 'manager' });
    const adminAgent = await signedInAgent(ctx.app, admin.email);
    const none = await adminAgent.get('/admin/backups');
    expect(none.status).toBe(200);
    expect(none.text).toContain('No backup has been taken yet.');
    expect(none.text).toContain('A backup is taken every 6 hours');

    const taken = await ctx.services.backups.backup('manual');
    ctx.clock.advance(3 * 3_600_000);
    const page = await adminAgent.get('/admin/backups');
    expect(page.text).toContain('(3 hours ago)');
    expect(page.text).toContain(taken.file);
    expect(page.text).toMatch(/<dt>Size<\/dt><dd>\d+(\.\d)? (KB|MB)<\/dd>/);

    const managerAgent = await signedInAgent(ctx.app, manager.email);
    expect((await managerAgent.get('/admin/backups')).status).toBe(403);
  });
});
